import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Page } from '../../src/lib/shared/catalog';
import type { OwnReview, ReviewView } from '../../src/lib/shared/reviews';
import type { Db, Tx } from '../db/client';
import { customers, products, reviews } from '../db/schema';
import { encodeCursor, olderThanCursor, timestampKey } from './cursor';
import { AppError } from './errors';


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

	const filters = [eq(reviews.productId, input.productId), isNull(reviews.hiddenAt)];
	if (input.cursor) {
		filters.push(olderThanCursor(input.cursor, 'reviews', reviews.createdAt, reviews.id));
	}
	const rows = await db
		.select({
			id: reviews.id,
			rating: reviews.rating,
			body: reviews.body,
			createdAt: reviews.createdAt,
			createdText: timestampKey(reviews.createdAt),
			firstName: customers.firstName,
			lastName: customers.lastName
		})
		.from(reviews)
		.leftJoin(customers, eq(customers.userId, reviews.userId))
		.where(and(...filters))
		.orderBy(desc(reviews.createdAt), desc(reviews.id))
		.limit(input.limit + 1);

	const page = rows.slice(0, input.limit);
	const last = page.at(-1);
	return {
		items: page.map((r) => ({
			id: r.id,
			rating: r.rating,
			body: r.body,
			author: displayName(r.firstName, r.lastName),
			createdAt: r.createdAt.toISOString()
		})),
		nextCursor:
			rows.length > input.limit && last
				? encodeCursor({ sort: 'reviews', key: last.createdText, id: last.id })
				: null
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
		.select({ id: reviews.id, rating: reviews.rating, body: reviews.body })
		.from(reviews)
		.where(and(eq(reviews.userId, userId), eq(reviews.productId, productId)));
	return row ?? null;
}

export async function createReview(
	db: Db,
	userId: string,
	input: { productId: string; rating: number; body: string }
): Promise<OwnReview> {
	return db.transaction(async (tx) => {
		await lockProduct(tx, input.productId);
		const [row] = await tx
			.insert(reviews)
			.values({ ...input, userId })
			.onConflictDoNothing({ target: [reviews.productId, reviews.userId] })
			.returning({ id: reviews.id, rating: reviews.rating, body: reviews.body });
		if (!row) throw new AppError('CONFLICT', 'You have already reviewed this product; edit that review instead.');
		await refreshRating(tx, input.productId);
		return row;
	});
}

/** Changes the caller's own review; anyone else's is NOT_FOUND, as if it did not exist. */
export async function updateReview(
	db: Db,
	userId: string,
	input: { id: string; rating: number; body: string }
): Promise<OwnReview> {
	return db.transaction(async (tx) => {
		const productId = await ownReviewProduct(tx, userId, input.id);
		await lockProduct(tx, productId);
		const [row] = await tx
			.update(reviews)
			.set({ rating: input.rating, body: input.body, updatedAt: new Date() })
			.where(eq(reviews.id, input.id))
			.returning({ id: reviews.id, rating: reviews.rating, body: reviews.body });
		await refreshRating(tx, productId);
		return row!;
	});
}

export async function deleteReview(db: Db, userId: string, id: string): Promise<void> {
	await db.transaction(async (tx) => {
		const productId = await ownReviewProduct(tx, userId, id);
		await lockProduct(tx, productId);
		await tx.delete(reviews).where(eq(reviews.id, id));
		await refreshRating(tx, productId);
	});
}

async function ownReviewProduct(tx: Tx, userId: string, id: string): Promise<string> {
	const [row] = await tx
		.select({ productId: reviews.productId })
		.from(reviews)
		.where(and(eq(reviews.id, id), eq(reviews.userId, userId)));
	if (!row) throw new AppError('NOT_FOUND', 'No such review');
	return row.productId;
}
