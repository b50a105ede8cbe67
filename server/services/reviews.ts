import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Page, ReviewView } from '../../src/lib/shared/catalog';
import type { Db } from '../db/client';
import { customers, products, reviews } from '../db/schema';
import { decodeCursor, encodeCursor, isTimestampKey, timestampKey } from './cursor';
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
		const cursor = decodeCursor(input.cursor, 'reviews');
		if (!isTimestampKey(cursor.key)) throw new AppError('BAD_REQUEST', 'Invalid cursor');
		filters.push(sql`(${reviews.createdAt}, ${reviews.id}) < (${cursor.key}::timestamptz, ${cursor.id}::uuid)`);
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
