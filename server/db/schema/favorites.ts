import { pgTable, primaryKey, timestamp, uuid, index } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { products } from './catalog';

export const favorites = pgTable(
	'favorites',
	{
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		productId: uuid('product_id')
			.notNull()
			.references(() => products.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.userId, t.productId] }), index('favorites_product_idx').on(t.productId)]
);

export type Favorite = typeof favorites.$inferSelect;
