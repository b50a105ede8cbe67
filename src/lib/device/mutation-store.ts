import { MAX_LINE_QUANTITY } from '$lib/shared/cart';
import type { MutationStore } from '$lib/shared/mutations';
import type { StoreDb } from './db';

/**
 * The device's side of the shared mutators, over Dexie (call inside a Dexie transaction).
 * Stock is the device's last news: a product it has not heard of yet is given the benefit
 * of the doubt, and the server decides when the mutation reaches it.
 */
export function deviceStore(db: StoreDb, signedIn: boolean): MutationStore {
	return {
		signedIn,
		async stock(productId) {
			return (await db.products.get(productId))?.inventory ?? MAX_LINE_QUANTITY;
		},
		async quantity(productId) {
			return (await db.cartLines.get(productId))?.quantity ?? 0;
		},
		async setQuantity(productId, quantity) {
			if (quantity <= 0) await db.cartLines.delete(productId);
			else await db.cartLines.put({ productId, quantity });
		},
		async clearCart() {
			await db.cartLines.clear();
		},
		async setFavorite(productId, favorite) {
			if (!favorite) await db.favorites.delete(productId);
			else if (!(await db.favorites.get(productId))) await db.favorites.put({ productId, addedAt: new Date().toISOString() });
		},
		// The request waits in the outbox (and is shown from `orderRequests`); only the server places it.
		async requestOrder() {
			return undefined;
		}
	};
}
