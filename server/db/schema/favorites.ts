import { pgTable, primaryKey, index } from 'drizzle-orm/pg-core';
import { createdAt, reference } from './columns';
import { users } from './accounts';
import { products } from './catalog';

export const favorites = pgTable(
	'favorites',
	{
		userId: reference('user_id', () => users.id, 'cascade'),
		productId: reference('product_id', () => products.id, 'cascade'),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.userId, t.productId] }), index('favorites_product_idx').on(t.productId)]
);

export type Favorite = typeof favorites.$inferSelect;
