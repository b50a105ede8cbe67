import { api, isRefusal } from '$lib/api';
import type { OrderView } from '$lib/shared/orders';
import { cart } from './cart.svelte';
import { device } from './device.svelte';
import { writeMeta } from './meta';

/**
 * The device's side of checkout: the unpaid order the shop holds stock for, from the moment
 * the cart becomes that order until it is paid or let go. Only the checkout pages load it;
 * a change to the cart lets the hold go through `hold.ts`.
 */
export const checkout = {
	/**
	 * The server turned the cart into `order` and deleted it: the device forgets the lines
	 * and the old cart's id without queuing a delete, keeps the order (as the one held), and
	 * fetches its new cart.
	 */
	async checkedOut(order: OrderView): Promise<void> {
		const rt = await device.running();
		const { db } = rt;
		await db.transaction('rw', [db.cart, db.meta, db.orders], async () => {
			await db.cart.clear();
			await writeMeta(db, 'cartId', null);
			await writeMeta(db, 'heldOrderId', order.id);
			await db.orders.put(order);
		});
		rt.poke();
	},

	/** The held order was paid or cancelled: nothing is left to let go of. */
	async holdEnded(): Promise<void> {
		await writeMeta((await device.opened()).db, 'heldOrderId', null);
	},

	/**
	 * Lets go of the hold from a page that is going away: a beacon outlives the page, a request
	 * might not. The shop checks the session and the order as for any call.
	 */
	releaseOnLeaving(orderId: string): void {
		navigator.sendBeacon('/api/trpc/checkout.release', new Blob([JSON.stringify({ orderId })], { type: 'application/json' }));
		void this.holdEnded();
	},

	/**
	 * Back to the order step after a hold ended unpaid, with the order's lines in the cart: the
	 * shop puts them back as it lets go (or did already, when the time ran out or the page was
	 * left); a line still missing then (the order was cancelled outright) is added here.
	 */
	async startAgain(order: OrderView): Promise<void> {
		await this.holdEnded();
		try {
			await api.checkout.release.mutate({ orderId: order.id });
		} catch (e) {
			if (!isRefusal(e)) throw e;
		}
		await cart.flush();
		const { db } = await device.opened();
		for (const { productId, variantId, quantity } of order.items) {
			if (!(await db.cart.get(variantId))) await cart.add({ productId, variantId }, quantity);
		}
	}
};
