import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../db/schema';
import { changesBetween, listAudit, recordAudit } from './audit';
import { useSeededShop } from '../testing/seeded-shop';

const shop = useSeededShop({ seed: false });

const actor = { id: crypto.randomUUID(), email: 'boss@audit.test', ip: '198.51.100.4' };

describe('audit trail', () => {
	it('keeps only the fields that changed, with before and after', () => {
		const before = { title: 'Mug', priceMinor: 1200, updatedAt: new Date('2026-01-01T00:00:00Z') };
		const after = { title: 'Mug', priceMinor: 1500, updatedAt: new Date('2026-01-02T00:00:00Z') };
		expect(changesBetween(before, after, ['title', 'priceMinor'])).toEqual({ priceMinor: { before: 1200, after: 1500 } });
		expect(changesBetween(null, after, ['title'])).toEqual({ title: { before: null, after: 'Mug' } });
	});

	it('is append-only: rows cannot be changed or removed', async () => {
		await shop.db.transaction((tx) => recordAudit(tx, actor, { action: 'product.update', entityType: 'product', entityId: 'p-1', changes: {} }));
		const [row] = await shop.db.select().from(auditEvents).where(eq(auditEvents.entityId, 'p-1'));
		await expect(shop.db.update(auditEvents).set({ actorEmail: 'someone@else.test' }).where(eq(auditEvents.id, row!.id))).rejects.toThrow();
		await expect(shop.db.delete(auditEvents).where(eq(auditEvents.id, row!.id))).rejects.toThrow();
		await expect(shop.db.execute(sql`truncate ${auditEvents}`)).rejects.toThrow();
		expect(await shop.db.select().from(auditEvents).where(eq(auditEvents.id, row!.id))).toEqual([row]);
	});

	it('rolls back with the write it records', async () => {
		await expect(
			shop.db.transaction(async (tx) => {
				await recordAudit(tx, actor, { action: 'product.archive', entityType: 'product', entityId: 'p-2' });
				throw new Error('the write failed');
			})
		).rejects.toThrow('the write failed');
		expect((await listAudit(shop.db, { entityId: 'p-2', limit: 5 })).items).toEqual([]);
	});

	it('lists newest first, a page at a time, filtered by actor or action', async () => {
		for (let i = 0; i < 3; i++) {
			await shop.db.transaction((tx) => recordAudit(tx, actor, { action: `collection.update`, entityType: 'collection', entityId: `c-${i}` }));
		}
		const first = await listAudit(shop.db, { entityType: 'collection', limit: 2 });
		expect(first.items.map((e) => e.entityId)).toEqual(['c-2', 'c-1']);
		const rest = await listAudit(shop.db, { entityType: 'collection', limit: 2, cursor: first.nextCursor! });
		expect(rest.items.map((e) => e.entityId)).toEqual(['c-0']);
		expect((await listAudit(shop.db, { query: 'boss@audit', limit: 10 })).items.length).toBeGreaterThanOrEqual(4);
		expect((await listAudit(shop.db, { query: 'nobody', limit: 10 })).items).toEqual([]);
	});
});
