import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { mergeCarts, type MutationStore } from '../../src/lib/shared/mutations';
import type { CartLine } from '../../src/lib/shared/sync';
import type { Db, Tx } from '../db/client';
import { cartItems, carts, products } from '../db/schema';
import { resolveVariant, variantStock } from './variants';

/**
 * The server's carts: a signed-in user's one cart (made on first use) or a device's guest
 * cart, their lines, and the merge of a guest cart into an account's at sign-in. Sync,
 * order requests and the assistant all go through here.
 */

const lineColumns = { productId: cartItems.productId, variantId: cartItems.variantId, quantity: cartItems.quantity };

/** A cart's lines, in a stable order (by line id; not the order they were added). */
export async function cartLines(db: Db | Tx, cartId: string): Promise<CartLine[]> {
	return db
		.select(lineColumns)
		.from(cartItems)
		.where(eq(cartItems.cartId, cartId))
		.orderBy(asc(cartItems.id));
}

/** A user's cart lines (none when the user has no cart yet). */
export async function userCartLines(db: Db | Tx, userId: string): Promise<CartLine[]> {
	return db
		.select(lineColumns)
		.from(cartItems)
		.innerJoin(carts, eq(carts.id, cartItems.cartId))
		.where(eq(carts.userId, userId))
		.orderBy(asc(cartItems.id));
}

/** The user's cart id, made when there is none yet. */
export async function userCartId(tx: Tx, userId: string): Promise<string> {
	await tx.insert(carts).values({ userId }).onConflictDoNothing({ target: carts.userId });
	const [cart] = await tx.select({ id: carts.id }).from(carts).where(eq(carts.userId, userId));
	return cart!.id;
}

/** Stock of the live products among `productIds` (archived ones are absent). */
export async function stockOf(tx: Tx, productIds: string[]): Promise<Map<string, number>> {
	if (!productIds.length) return new Map();
	const rows = await tx
		.select({ id: products.id, inventory: products.inventory })
		.from(products)
		.where(and(inArray(products.id, productIds), isNull(products.deletedAt)));
	return new Map(rows.map((r) => [r.id, r.inventory]));
}

/** Adds `lines` to the user's cart by `mergeCarts`: quantities of a variant added, each line capped by its stock. */
export async function addToUserCart(tx: Tx, userId: string, lines: CartLine[]): Promise<void> {
	const cartId = await userCartId(tx, userId);
	const account = await cartLines(tx, cartId);
	const stock = await variantStock(tx, [...new Set([...account, ...lines].map((l) => l.variantId))]);
	const merged = mergeCarts(account, lines, (id) => stock.get(id)?.inventory ?? null);
	await tx.delete(cartItems).where(eq(cartItems.cartId, cartId));
	if (merged.length) await tx.insert(cartItems).values(merged.map((l) => ({ ...l, cartId })));
}

/** Moves a guest cart into the user's cart by `mergeCarts` and deletes the guest cart. */
export async function mergeGuestCart(tx: Tx, guestCartId: string, userId: string): Promise<void> {
	await addToUserCart(tx, userId, await cartLines(tx, guestCartId));
	await tx.delete(carts).where(eq(carts.id, guestCartId));
}

/** The cart half of the mutators' store: one cart's lines, in the caller's transaction. */
export function cartStore(
	tx: Tx,
	cartId: string
): Pick<MutationStore, 'stock' | 'variant' | 'quantity' | 'setQuantity' | 'removeLine' | 'clearCart'> {
	return {
		async stock(productId) {
			return (await stockOf(tx, [productId])).get(productId) ?? null;
		},
		variant: (ref) => resolveVariant(tx, ref),
		async quantity(variantId) {
			const [line] = await tx
				.select({ quantity: cartItems.quantity })
				.from(cartItems)
				.where(and(eq(cartItems.cartId, cartId), eq(cartItems.variantId, variantId)));
			return line?.quantity ?? 0;
		},
		async setQuantity({ productId, variantId }, quantity) {
			await tx
				.insert(cartItems)
				.values({ cartId, productId, variantId, quantity })
				.onConflictDoUpdate({ target: [cartItems.cartId, cartItems.variantId], set: { quantity } });
		},
		async removeLine(variantId) {
			await tx.delete(cartItems).where(and(eq(cartItems.cartId, cartId), eq(cartItems.variantId, variantId)));
		},
		async clearCart() {
			await tx.delete(cartItems).where(eq(cartItems.cartId, cartId));
		}
	};
}
