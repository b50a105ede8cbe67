import { sql } from 'drizzle-orm';
import { check, integer, pgTable, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, reference, optionalReference, timestamps } from './columns';
import { users } from './accounts';
import { products, productVariants } from './catalog';

/** A cart belongs to a user, or to nobody yet (a guest cart known only by its UUID). */
export const carts = pgTable(
	'carts',
	{
		id: id(),
		userId: optionalReference('user_id', () => users.id, 'cascade'),
		...timestamps()
	},
	(t) => [uniqueIndex('carts_user_key').on(t.userId)]
);

export const cartItems = pgTable(
	'cart_items',
	{
		id: id(),
		cartId: reference('cart_id', () => carts.id, 'cascade'),
		productId: reference('product_id', () => products.id, 'cascade'),
		variantId: reference('variant_id', () => productVariants.id, 'cascade'),
		quantity: integer('quantity').notNull()
	},
	(t) => [
		uniqueIndex('cart_items_cart_variant_key').on(t.cartId, t.variantId),
		check('cart_items_quantity_range', sql`${t.quantity} BETWEEN 1 AND 99`)
	]
);

export type Cart = typeof carts.$inferSelect;
export type CartItem = typeof cartItems.$inferSelect;
