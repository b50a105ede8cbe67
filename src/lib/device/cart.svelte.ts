import { api, isRefusal } from '$lib/api';
import type { ProductSummary } from '$lib/shared/catalog';
import type { OrderView } from '$lib/shared/orders';
import type { CartLine } from '$lib/shared/sync';
import { catalog } from './catalog.svelte';
import { readMeta, writeMeta } from './meta';
import { device, expose } from './device.svelte';

export type CartItem = CartLine & { product: ProductSummary; total: number };

/** The shopper's cart on this device: its lines, changed at once and sent to the shop when it can be reached. */
class Cart {
	lines = $state<CartLine[]>([]);
	/** Whether the device has read this browser's cart yet (until then it is unknown, not empty). */
	ready = $state(false);
	/** The unpaid order checkout turned this cart into, in any tab of this browser, until it is paid or let go. */
	private heldOrderId: string | null = null;
	/** The lines with what the device knows of their products, and their totals. */
	readonly items = $derived.by(() => {
		const products = new Map((catalog.local?.summaries(this.lines.map((l) => l.productId)) ?? []).map((p) => [p.id, p]));
		return this.lines.flatMap((line): CartItem[] => {
			const product = products.get(line.productId);
			return product ? [{ ...line, product, total: product.priceMinor * line.quantity }] : [];
		});
	});
	/** How many items the cart holds, for its badge. */
	readonly count = $derived(this.lines.reduce((n, line) => n + line.quantity, 0));

	constructor() {
		device.watch(
			(rt) => rt.db.cartLines.toArray(),
			(lines) => {
				this.lines = lines;
				this.ready = true;
			}
		);
		device.watch(
			(rt) => readMeta(rt.db, 'heldOrderId'),
			(id) => (this.heldOrderId = id ?? null)
		);
	}

	quantity(productId: string): number {
		return this.lines.find((l) => l.productId === productId)?.quantity ?? 0;
	}

	async add(productId: string, quantity: number): Promise<boolean> {
		if (this.heldOrderId) await this.releaseHold();
		return device.act('cart.add', { productId, quantity });
	}

	async setQuantity(productId: string, quantity: number): Promise<boolean> {
		if (this.heldOrderId) await this.releaseHold();
		return device.act('cart.setQuantity', { productId, quantity });
	}

	async remove(productId: string): Promise<boolean> {
		if (this.heldOrderId) await this.releaseHold();
		return device.act('cart.remove', { productId });
	}

	async clear(): Promise<boolean> {
		if (this.heldOrderId) await this.releaseHold();
		return device.act('cart.clear', {});
	}

	/**
	 * Lets go of the order checkout is holding stock for, if any: the shop puts its units back
	 * on sale and its lines back in the cart, where the change being made then lands. An order
	 * paid or ended meanwhile is refused by the shop, which is fine; with no network the hold
	 * runs out on its own.
	 */
	private async releaseHold(): Promise<void> {
		const { db } = await device.opened();
		const orderId = await readMeta(db, 'heldOrderId');
		if (!orderId) return;
		await writeMeta(db, 'heldOrderId', null);
		// Refused (paid or ended meanwhile) or not sent (offline): the change goes ahead all the same.
		await api.checkout.release.mutate({ orderId }).catch(() => undefined);
	}

	/**
	 * The same, from a page that is going away: a beacon outlives the page, a request might not.
	 * The shop checks the session and the order as for any call.
	 */
	releaseHoldOnLeaving(orderId: string): void {
		navigator.sendBeacon('/api/trpc/checkout.release', new Blob([JSON.stringify({ orderId })], { type: 'application/json' }));
		void this.holdEnded();
	}

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
		await this.flush();
		const { db } = await device.opened();
		for (const item of order.items) {
			if (!(await db.cartLines.get(item.productId))) await this.add(item.productId, item.quantity);
		}
	}

	/** The held order was paid or cancelled: nothing is left to let go of. */
	async holdEnded(): Promise<void> {
		await writeMeta((await device.opened()).db, 'heldOrderId', null);
	}

	/**
	 * Sends what is pending and waits for the server's cart to come back, so checkout acts on
	 * the cart the shopper sees. Returns the server's id of that cart.
	 */
	async flush(timeoutMs = 15_000): Promise<string> {
		const rt = await device.running();
		await rt.flush(timeoutMs);
		const cartId = await readMeta(rt.db, 'cartId');
		if (!cartId) throw new Error('The shop has not sent your cart yet. Try again in a moment.');
		return cartId;
	}

	/**
	 * The server turned the cart into `order` and deleted it: the device forgets the lines
	 * and the old cart's id without queuing a delete, keeps the order (as the one held), and
	 * fetches its new cart.
	 */
	async checkedOut(order: OrderView): Promise<void> {
		const rt = await device.running();
		const { db } = rt;
		await db.transaction('rw', [db.cartLines, db.meta, db.orders], async () => {
			await db.cartLines.clear();
			await writeMeta(db, 'cartId', null);
			await writeMeta(db, 'heldOrderId', order.id);
			await db.orders.put(order);
		});
		rt.poke();
	}
}

export const cart = new Cart();
expose('cart', cart);
