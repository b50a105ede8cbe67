import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import { auditEvents } from '../db/schema';
import { openTestDatabase } from '../db/test-database';
import { changesBetween, listAudit, recordAudit } from './audit';

let database: Database;
beforeAll(async () => {
	database = await openTestDatabase();
});
afterAll(() => database?.close());

const actor = { id: crypto.randomUUID(), email: 'boss@audit.test', ip: '198.51.100.4' };

describe('audit trail', () => {
	it('keeps only the fields that changed, with before and after', () => {
		const before = { title: 'Mug', priceMinor: 1200, updatedAt: new Date('2026-01-01T00:00:00Z') };
		const after = { title: 'Mug', priceMinor: 1500, updatedAt: new Date('2026-01-02T00:00:00Z') };
		expect(changesBetween(before, after, ['title', 'priceMinor'])).toEqual({ priceMinor: { before: 1200, after: 1500 } });
		expect(changesBetween(null, after, ['title'])).toEqual({ title: { before: null, after: 'Mug' } });
	});

	it('is append-only: rows cannot be changed or removed', async () => {
		const { db } = database;
		await db.transaction((tx) => recordAudit(tx, actor, { action: 'product.update', entityType: 'product', entityId: 'p-1', changes: {} }));
		const [row] = await db.select().from(auditEvents).where(eq(auditEvents.entityId, 'p-1'));
		await expect(db.update(auditEvents).set({ actorEmail: 'someone@else.test' }).where(eq(auditEvents.id, row!.id))).rejects.toThrow();
		await expect(db.delete(auditEvents).where(eq(auditEvents.id, row!.id))).rejects.toThrow();
		await expect(db.execute(sql`truncate ${auditEvents}`)).rejects.toThrow();
		expect(await db.select().from(auditEvents).where(eq(auditEvents.id, row!.id))).toEqual([row]);
	});

	it('rolls back with the write it records', async () => {
		const { db } = database;
		await expect(
			db.transaction(async (tx) => {
				await recordAudit(tx, actor, { action: 'product.archive', entityType: 'product', entityId: 'p-2' });
				throw new Error('the write failed');
			})
		).rejects.toThrow('the write failed');
		expect((await listAudit(db, { entityId: 'p-2', limit: 5 })).items).toEqual([]);
	});

	it('lists newest first, a page at a time, filtered by actor or action', async () => {
		const { db } = database;
		for (let i = 0; i < 3; i++) {
			await db.transaction((tx) => recordAudit(tx, actor, { action: `collection.update`, entityType: 'collection', entityId: `c-${i}` }));
		}
		const first = await listAudit(db, { entityType: 'collection', limit: 2 });
		expect(first.items.map((e) => e.entityId)).toEqual(['c-2', 'c-1']);
		const rest = await listAudit(db, { entityType: 'collection', limit: 2, cursor: first.nextCursor! });
		expect(rest.items.map((e) => e.entityId)).toEqual(['c-0']);
		expect((await listAudit(db, { query: 'boss@audit', limit: 10 })).items.length).toBeGreaterThanOrEqual(4);
		expect((await listAudit(db, { query: 'nobody', limit: 10 })).items).toEqual([]);
	});
});
