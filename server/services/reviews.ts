import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Page } from '../../src/lib/shared/catalog';
import type { z } from 'zod';
import type { OwnReview, reviewCreateInput, ReviewView, reviewUpdateInput } from '../../src/lib/shared/reviews';
import type { Db, Tx } from '../db/client';
import { customers, products, reviews } from '../db/schema';
import { newestFirst } from './cursor';
import { AppError } from './errors';

/** What a review says, as its author sees and edits it (`OwnReview`). */
export const ownReviewColumns = { id: reviews.id, rating: reviews.rating, body: reviews.body };

/** "Maya R." — reviews show a first name and an initial, never an email. */
export function displayName(firstName: string | null, lastName: string | null): string {
	const first = firstName?.trim();
	if (!first) return 'A customer';
	const initial = lastName?.trim().charAt(0);
	return initial ? `${first} ${initial.toUpperCase()}.` : first;
}

export async function listReviews(
	db: Db,
	input: { productId: string; cursor?: string; limit: number }
): Promise<Page<ReviewView>> {
	const [product] = await db
		.select({ id: products.id })
		.from(products)
		.where(and(eq(products.id, input.productId), isNull(products.deletedAt)));
	if (!product) throw new AppError('NOT_FOUND', 'No such product');

	const paging = newestFirst('reviews', reviews.createdAt, reviews.id, input);
	const rows = await db
		.select({
			...ownReviewColumns,
			createdAt: reviews.createdAt,
			key: paging.key,
			firstName: customers.firstName,
			lastName: customers.lastName
		})
		.from(reviews)
		.leftJoin(customers, eq(customers.userId, reviews.userId))
		.where(and(eq(reviews.productId, input.productId), isNull(reviews.hiddenAt), paging.after))
		.orderBy(...paging.order)
		.limit(paging.read);

	const { page, nextCursor } = paging.split(rows);
	return {
		items: page.map((r) => ({
			id: r.id,
			rating: r.rating,
			body: r.body,
			author: displayName(r.firstName, r.lastName),
			createdAt: r.createdAt.toISOString()
		})),
		nextCursor
	};
}

/**
 * Locks the product row, so concurrent review writes for one product take turns, and
 * fails NOT_FOUND when it is unknown or archived.
 */
async function lockProduct(tx: Tx, productId: string) {
	const [product] = await tx
		.select({ id: products.id })
		.from(products)
		.where(and(eq(products.id, productId), isNull(products.deletedAt)))
		.for('update');
	if (!product) throw new AppError('NOT_FOUND', 'No such product');
}

/** Recounts a product's rating from its visible reviews, in the transaction of the change. */
export async function refreshRating(tx: Tx, productId: string) {
	await tx.execute(sql`
		update ${products} set
			rating_total = coalesce((select sum(rating) from ${reviews} where product_id = ${productId} and hidden_at is null), 0),
			review_count = (select count(*) from ${reviews} where product_id = ${productId} and hidden_at is null)
		where id = ${productId}`);
}

export async function getOwnReview(db: Db, userId: string, productId: string): Promise<OwnReview | null> {
	const [row] = await db
		.select(ownReviewColumns)
		.from(reviews)
		.where(and(eq(reviews.userId, userId), eq(reviews.productId, productId)));
	return row ?? null;
}

/**
 * A shopper's change to a product's reviews, in one transaction: the product locked first (so
 * concurrent changes take turns), then the change, then the rating recounted.
 */
async function changeReviews<T>(db: Db, productOf: (tx: Tx) => Promise<string>, change: (tx: Tx) => Promise<T>): Promise<T> {
	return db.transaction(async (tx) => {
		const productId = await productOf(tx);
		await lockProduct(tx, productId);
		const result = await change(tx);
		await refreshRating(tx, productId);
		return result;
	});
}

export async function createReview(db: Db, userId: string, input: z.output<typeof reviewCreateInput>): Promise<OwnReview> {
	return changeReviews(
		db,
		async () => input.productId,
		async (tx) => {
			const [row] = await tx
				.insert(reviews)
				.values({ ...input, userId })
				.onConflictDoNothing({ target: [reviews.productId, reviews.userId] })
				.returning(ownReviewColumns);
			if (!row) throw new AppError('CONFLICT', 'You have already reviewed this product; edit that review instead.');
			return row;
		}
	);
}

/** Changes the caller's own review; anyone else's is NOT_FOUND, as if it did not exist. */
export async function updateReview(db: Db, userId: string, input: z.output<typeof reviewUpdateInput>): Promise<OwnReview> {
	return changeReviews(
		db,
		(tx) => ownReviewProduct(tx, userId, input.id),
		async (tx) => {
			const [row] = await tx
				.update(reviews)
				.set({ rating: input.rating, body: input.body, updatedAt: new Date() })
				.where(eq(reviews.id, input.id))
				.returning(ownReviewColumns);
			return row!;
		}
	);
}

export async function deleteReview(db: Db, userId: string, id: string): Promise<void> {
	await changeReviews(
		db,
		(tx) => ownReviewProduct(tx, userId, id),
		(tx) => tx.delete(reviews).where(eq(reviews.id, id))
	);
}

async function ownReviewProduct(tx: Tx, userId: string, id: string): Promise<string> {
	const [row] = await tx
		.select({ productId: reviews.productId })
		.from(reviews)
		.where(and(eq(reviews.id, id), eq(reviews.userId, userId)));
	if (!row) throw new AppError('NOT_FOUND', 'No such review');
	return row.productId;
}
