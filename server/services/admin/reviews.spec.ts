import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { auditEvents, products, reviews } from '../../db/schema';
import { seedCatalog } from '../../db/seed';
import { openTestDatabase } from '../../db/test-database';
import { shopFixtures } from '../../testing/shop-fixtures';
import { adminDeleteReview, adminListReviews, hideReview, showReview } from './reviews';
import type { Actor } from '../audit';
import { createReview, listReviews } from '../reviews';

let database: Database;
let db: Database['db'];
let actor: Actor;
let fixtures: ReturnType<typeof shopFixtures>;

beforeAll(async () => {
	database = await openTestDatabase();
	db = database.db;
	await seedCatalog(db);
	fixtures = shopFixtures(db);
	const [admin] = await fixtures.makeUsers(1, 'admin');
	actor = { id: admin.id, email: admin.email, ip: '203.0.113.9' };
});
afterAll(() => database?.close());

const rating = async (productId: string) =>
	(await db.select({ total: products.ratingTotal, count: products.reviewCount, version: products.version }).from(products).where(eq(products.id, productId)))[0]!;
const visible = async (productId: string) => (await listReviews(db, { productId, limit: 50 })).items.map((r) => r.id);
const auditOf = (id: string) => db.select().from(auditEvents).where(eq(auditEvents.entityId, id));

/** A product of its own with reviews rated 5 and 1. */
async function reviewed() {
	const productId = await fixtures.makeProduct(3);
	const [fan, critic] = await fixtures.makeUsers(2);
	const good = await createReview(db, fan.id, { productId, rating: 5, body: 'Lovely' });
	const bad = await createReview(db, critic!.id, { productId, rating: 1, body: 'Rubbish' });
	return { productId, good: good.id, bad: bad.id };
}

describe('moderating reviews', () => {
	it('lists every review newest first with product, author and hidden state, a page at a time', async () => {
		const { productId, good, bad } = await reviewed();
		await hideReview(db, actor, bad);
		const first = await adminListReviews(db, { limit: 1 });
		expect(first.items).toMatchObject([{ id: bad, productId, rating: 1, body: 'Rubbish', hidden: true, authorEmail: expect.stringContaining('@') }]);
		expect(first.items[0]!.productTitle).toMatch(/^Test /);
		const next = await adminListReviews(db, { limit: 1, cursor: first.nextCursor! });
		expect(next.items).toMatchObject([{ id: good, hidden: false }]);
	});

	it('hides a review: gone from listReviews and from the rating, in one audited write; showing restores both', async () => {
		const { productId, bad } = await reviewed();
		const before = await rating(productId);
		expect(before).toMatchObject({ total: 6, count: 2 });

		expect(await hideReview(db, actor, bad)).toEqual({ hidden: true, changed: true });
		expect(await visible(productId)).not.toContain(bad);
		const hidden = await rating(productId);
		expect(hidden).toMatchObject({ total: 5, count: 1 });
		// The product row changed, so devices pull the new rating.
		expect(hidden.version).toBeGreaterThan(before.version);
		// Hiding twice changes nothing and records nothing.
		expect(await hideReview(db, actor, bad)).toEqual({ hidden: true, changed: false });

		expect(await showReview(db, actor, bad)).toEqual({ hidden: false, changed: true });
		expect(await visible(productId)).toContain(bad);
		expect(await rating(productId)).toMatchObject({ total: 6, count: 2 });

		const audit = await auditOf(bad);
		expect(audit.map((a) => a.action).sort()).toEqual(['review.hide', 'review.show']);
		const hide = audit.find((a) => a.action === 'review.hide')!;
		expect(hide).toMatchObject({ entityType: 'review', actorEmail: actor.email, ip: actor.ip });
		expect(hide.changes.hiddenAt).toMatchObject({ before: null, after: expect.any(String) });
		expect(audit.find((a) => a.action === 'review.show')!.changes.hiddenAt).toMatchObject({ before: expect.any(String), after: null });
	});

	it('deletes a review, recounting the rating, with one audit row that keeps what it said', async () => {
		const { productId, good } = await reviewed();
		await adminDeleteReview(db, actor, good);
		expect(await db.select().from(reviews).where(eq(reviews.id, good))).toEqual([]);
		expect(await rating(productId)).toMatchObject({ total: 1, count: 1 });
		const audit = await auditOf(good);
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ action: 'review.delete', changes: { rating: { before: 5, after: null }, body: { before: 'Lovely', after: null } } });
	});

	it('answers NOT_FOUND for a missing review and writes nothing', async () => {
		const id = randomUUID();
		const count = await db.$count(auditEvents);
		await expect(hideReview(db, actor, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect(showReview(db, actor, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect(adminDeleteReview(db, actor, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
		expect(await db.$count(auditEvents)).toBe(count);
	});
});
