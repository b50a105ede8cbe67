import { sql } from 'drizzle-orm';
import { check, index, pgTable, smallint, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, instant, reference, timestamps } from './columns';
import { users } from './accounts';
import { products } from './catalog';

export const reviews = pgTable(
	'reviews',
	{
		id: id(),
		productId: reference('product_id', () => products.id, 'cascade'),
		userId: reference('user_id', () => users.id, 'cascade'),
		rating: smallint('rating').notNull(),
		body: text('body').notNull().default(''),
		hiddenAt: instant('hidden_at'),
		...timestamps()
	},
	(t) => [
		uniqueIndex('reviews_product_user_key').on(t.productId, t.userId),
		index('reviews_product_created_idx').on(t.productId, t.createdAt, t.id),
		check('reviews_rating_range', sql`${t.rating} BETWEEN 1 AND 5`),
		check('reviews_body_length', sql`char_length(${t.body}) <= 4000`)
	]
);

export type Review = typeof reviews.$inferSelect;
