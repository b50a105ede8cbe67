import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, products, reviews } from '../../db/schema';
import { adminDeleteReview, adminListReviews, hideReview, showReview } from './reviews';
import type { Actor } from '../audit';
import { createReview, listReviews } from '../reviews';
import { useSeededShop } from '../../testing/seeded-shop';

const shop = useSeededShop();
let actor: Actor;

beforeAll(async () => {
	actor = await shop.fixtures.makeAdmin('203.0.113.9');
});

const rating = async (productId: string) =>
	(await shop.db.select({ total: products.ratingTotal, count: products.reviewCount, version: products.version }).from(products).where(eq(products.id, productId)))[0]!;
const visible = async (productId: string) => (await listReviews(shop.db, { productId, limit: 50 })).items.map((r) => r.id);
const auditOf = (id: string) => shop.db.select().from(auditEvents).where(eq(auditEvents.entityId, id));

/** A product of its own with reviews rated 5 and 1. */
async function reviewed() {
	const productId = await shop.fixtures.makeProduct(3);
	const [fan, critic] = await shop.fixtures.makeUsers(2);
	const good = await createReview(shop.db, fan.id, { productId, rating: 5, body: 'Lovely' });
	const bad = await createReview(shop.db, critic!.id, { productId, rating: 1, body: 'Rubbish' });
	return { productId, good: good.id, bad: bad.id };
}

describe('moderating reviews', () => {
	it('lists every review newest first with product, author and hidden state, a page at a time', async () => {
		const { productId, good, bad } = await reviewed();
		await hideReview(shop.db, actor, bad);
		const first = await adminListReviews(shop.db, { limit: 1 });
		expect(first.items).toMatchObject([{ id: bad, productId, rating: 1, body: 'Rubbish', hidden: true, authorEmail: expect.stringContaining('@') }]);
		expect(first.items[0]!.productTitle).toMatch(/^Test /);
		const next = await adminListReviews(shop.db, { limit: 1, cursor: first.nextCursor! });
		expect(next.items).toMatchObject([{ id: good, hidden: false }]);
	});

	it('hides a review: gone from listReviews and from the rating, in one audited write; showing restores both', async () => {
		const { productId, bad } = await reviewed();
		const before = await rating(productId);
		expect(before).toMatchObject({ total: 6, count: 2 });

		expect(await hideReview(shop.db, actor, bad)).toEqual({ hidden: true, changed: true });
		expect(await visible(productId)).not.toContain(bad);
		const hidden = await rating(productId);
		expect(hidden).toMatchObject({ total: 5, count: 1 });
		// The product row changed, so devices pull the new rating.
		expect(hidden.version).toBeGreaterThan(before.version);
		// Hiding twice changes nothing and records nothing.
		expect(await hideReview(shop.db, actor, bad)).toEqual({ hidden: true, changed: false });

		expect(await showReview(shop.db, actor, bad)).toEqual({ hidden: false, changed: true });
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
		await adminDeleteReview(shop.db, actor, good);
		expect(await shop.db.select().from(reviews).where(eq(reviews.id, good))).toEqual([]);
		expect(await rating(productId)).toMatchObject({ total: 1, count: 1 });
		const audit = await auditOf(good);
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ action: 'review.delete', changes: { rating: { before: 5, after: null }, body: { before: 'Lovely', after: null } } });
	});

	it('answers NOT_FOUND for a missing review and writes nothing', async () => {
		const id = randomUUID();
		const count = await shop.db.$count(auditEvents);
		await expect(hideReview(shop.db, actor, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect(showReview(shop.db, actor, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect(adminDeleteReview(shop.db, actor, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
		expect(await shop.db.$count(auditEvents)).toBe(count);
	});
});
