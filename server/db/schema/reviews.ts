import { sql } from 'drizzle-orm';
import { check, index, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { products } from './catalog';

export const reviews = pgTable(
	'reviews',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		productId: uuid('product_id')
			.notNull()
			.references(() => products.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		rating: smallint('rating').notNull(),
		body: text('body').notNull().default(''),
		hiddenAt: timestamp('hidden_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('reviews_product_user_key').on(t.productId, t.userId),
		index('reviews_product_created_idx').on(t.productId, t.createdAt, t.id),
		check('reviews_rating_range', sql`${t.rating} BETWEEN 1 AND 5`),
		check('reviews_body_length', sql`char_length(${t.body}) <= 4000`)
	]
);

export type Review = typeof reviews.$inferSelect;
