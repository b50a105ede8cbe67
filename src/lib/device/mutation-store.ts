import { MAX_LINE_QUANTITY } from '$lib/shared/cart';
import { MutationRefused, type MutationStore } from '$lib/shared/mutations';
import { variantsOf } from '$lib/shared/variant-choice';
import type { StoreDb } from './db';

/**
 * The device's side of the shared mutators, over Dexie (call inside a Dexie transaction).
 * Stock is the device's last news: a product it has not heard of yet is given the benefit
 * of the doubt (a line naming only the product means its first variant, whose id is the
 * product's), and the server decides when the mutation reaches it.
 */
export function deviceStore(db: StoreDb, signedIn: boolean): MutationStore {
	return {
		signedIn,
		async stock(productId) {
			return (await db.products.get(productId))?.inventory ?? MAX_LINE_QUANTITY;
		},
		async variant({ productId, variantId }) {
			const product = productId ? await db.products.get(productId) : undefined;
			if (!product) return productId ? { productId, variantId: variantId ?? productId, inventory: MAX_LINE_QUANTITY } : null;
			const variants = variantsOf(product);
			if (!variantId && variants.length > 1) {
				throw new MutationRefused('INVALID', 'This product comes in several options: choose one first.');
			}
			const variant = variantId ? variants.find((v) => v.id === variantId) : variants[0];
			return variant ? { productId: product.id, variantId: variant.id, inventory: variant.inventory } : null;
		},
		async quantity(variantId) {
			return (await db.cart.get(variantId))?.quantity ?? 0;
		},
		async setQuantity({ productId, variantId }, quantity) {
			await db.cart.put({ productId, variantId, quantity });
		},
		async removeLine(variantId) {
			await db.cart.delete(variantId);
		},
		async clearCart() {
			await db.cart.clear();
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
