import { eq } from 'drizzle-orm';
import type { AdminReview } from '../../../src/lib/shared/admin';
import type { Page } from '../../../src/lib/shared/catalog';
import type { Db, Tx } from '../../db/client';
import { products, reviews, users, type Review } from '../../db/schema';
import { changesBetween, recordAudit, type Actor } from '../audit';
import { newestFirst } from '../cursor';
import { AppError } from '../errors';
import { ownReviewColumns, refreshRating } from '../reviews';

const adminColumns = {
	...ownReviewColumns,
	productId: reviews.productId,
	productTitle: products.title,
	productSlug: products.slug,
	authorEmail: users.email,
	hiddenAt: reviews.hiddenAt,
	createdAt: reviews.createdAt
};

/** Every review, hidden ones too, newest first, with its product and its author's email. */
export async function adminListReviews(db: Db, input: { cursor?: string; limit: number }): Promise<Page<AdminReview>> {
	const paging = newestFirst('admin-reviews', reviews.createdAt, reviews.id, input);
	const rows = await db
		.select({ ...adminColumns, key: paging.key })
		.from(reviews)
		.innerJoin(products, eq(products.id, reviews.productId))
		.innerJoin(users, eq(users.id, reviews.userId))
		.where(paging.after)
		.orderBy(...paging.order)
		.limit(paging.read);
	const { page, nextCursor } = paging.split(rows);
	return {
		items: page.map(({ hiddenAt, createdAt, key: _key, ...r }) => ({ ...r, hidden: hiddenAt !== null, createdAt: createdAt.toISOString() })),
		nextCursor
	};
}

/** Locks a review's product, then the review, so the recount sees every concurrent change. */
async function lockReview(tx: Tx, id: string): Promise<Review> {
	const [found] = await tx.select({ productId: reviews.productId }).from(reviews).where(eq(reviews.id, id));
	if (!found) throw new AppError('NOT_FOUND', 'No such review');
	// Product first, as the customer's own review writes do, so the two never deadlock.
	await tx.select({ id: products.id }).from(products).where(eq(products.id, found.productId)).for('update');
	const [row] = await tx.select().from(reviews).where(eq(reviews.id, id)).for('update');
	if (!row) throw new AppError('NOT_FOUND', 'No such review');
	return row;
}

const audited = ['productId', 'userId', 'rating', 'body', 'hiddenAt'] as const;

async function setHidden(db: Db, actor: Actor, id: string, hidden: boolean): Promise<{ hidden: boolean; changed: boolean }> {
	return db.transaction(async (tx) => {
		const before = await lockReview(tx, id);
		if ((before.hiddenAt !== null) === hidden) return { hidden, changed: false };
		const [row] = await tx
			.update(reviews)
			.set({ hiddenAt: hidden ? new Date() : null })
			.where(eq(reviews.id, id))
			.returning();
		await refreshRating(tx, before.productId);
		await recordAudit(tx, actor, {
			action: hidden ? 'review.hide' : 'review.show',
			entityType: 'review',
			entityId: id,
			changes: changesBetween(before, row!, ['hiddenAt'])
		});
		return { hidden, changed: true };
	});
}

/** Takes a review out of the product's page and rating, keeping it for the record. */
export const hideReview = (db: Db, actor: Actor, id: string) => setHidden(db, actor, id, true);

/** Puts a hidden review back on the product's page and into its rating. */
export const showReview = (db: Db, actor: Actor, id: string) => setHidden(db, actor, id, false);

/** Removes a review for good; the audit row keeps what it said. */
export async function adminDeleteReview(db: Db, actor: Actor, id: string): Promise<void> {
	await db.transaction(async (tx) => {
		const before = await lockReview(tx, id);
		await tx.delete(reviews).where(eq(reviews.id, id));
		await refreshRating(tx, before.productId);
		await recordAudit(tx, actor, {
			action: 'review.delete',
			entityType: 'review',
			entityId: id,
			changes: changesBetween(before, null, audited)
		});
	});
}
