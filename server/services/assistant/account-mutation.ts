import { and, eq, isNull } from 'drizzle-orm';
import { runMutation, type MutationNote, type MutationStore } from '../../../src/lib/shared/mutations';
import type { Tx } from '../../db/client';
import { cartItems, carts, favorites, products } from '../../db/schema';

/**
 * Runs one cart or favorites mutation on a user's account through the shared mutators,
 * exactly as `sync.push` would, in the caller's transaction.
 *
 * The sync service keeps its own server store private; when it exports
 * `applyAccountMutation`, this file becomes a re-export of it.
 */
export async function applyAccountMutation(tx: Tx, userId: string, name: 'cart.add' | 'cart.setQuantity' | 'cart.clear' | 'favorites.add', args: unknown): Promise<MutationNote | undefined> {
	const cartId = await userCartId(tx, userId);
	return runMutation(accountStore(tx, userId, cartId), name, args);
}

/** The user's cart id, made when there is none yet. */
export async function userCartId(tx: Tx, userId: string): Promise<string> {
	await tx.insert(carts).values({ userId }).onConflictDoNothing({ target: carts.userId });
	const [cart] = await tx.select({ id: carts.id }).from(carts).where(eq(carts.userId, userId));
	return cart!.id;
}

function accountStore(tx: Tx, userId: string, cartId: string): MutationStore {
	return {
		signedIn: true,
		async stock(productId) {
			const [row] = await tx
				.select({ inventory: products.inventory })
				.from(products)
				.where(and(eq(products.id, productId), isNull(products.deletedAt)));
			return row?.inventory ?? null;
		},
		async quantity(productId) {
			const [line] = await tx
				.select({ quantity: cartItems.quantity })
				.from(cartItems)
				.where(and(eq(cartItems.cartId, cartId), eq(cartItems.productId, productId)));
			return line?.quantity ?? 0;
		},
		async setQuantity(productId, quantity) {
			if (quantity <= 0) {
				await tx.delete(cartItems).where(and(eq(cartItems.cartId, cartId), eq(cartItems.productId, productId)));
				return;
			}
			await tx
				.insert(cartItems)
				.values({ cartId, productId, quantity })
				.onConflictDoUpdate({ target: [cartItems.cartId, cartItems.productId], set: { quantity } });
		},
		async clearCart() {
			await tx.delete(cartItems).where(eq(cartItems.cartId, cartId));
		},
		async setFavorite(productId, favorite) {
			if (favorite) await tx.insert(favorites).values({ userId, productId }).onConflictDoNothing();
			else await tx.delete(favorites).where(and(eq(favorites.userId, userId), eq(favorites.productId, productId)));
		},
		async requestOrder() {
			// The assistant places orders only through a confirmed proposal.
			return { code: 'NEEDS_CONFIRMATION', message: 'Orders are placed by confirming a proposal.' };
		}
	};
}
