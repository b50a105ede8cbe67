import type { ProductSummary } from '$lib/shared/catalog';
import type { CartLine } from '$lib/shared/sync';
import { catalog } from './catalog.svelte';
import { releaseHold } from './hold';
import { readMeta } from './meta';
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
			(rt) => rt.db.cart.toArray(),
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
		if (this.heldOrderId) await releaseHold();
		return device.act('cart.add', { productId, quantity });
	}

	async setQuantity(productId: string, quantity: number): Promise<boolean> {
		if (this.heldOrderId) await releaseHold();
		return device.act('cart.setQuantity', { productId, quantity });
	}

	async remove(productId: string): Promise<boolean> {
		if (this.heldOrderId) await releaseHold();
		return device.act('cart.remove', { productId });
	}

	async clear(): Promise<boolean> {
		if (this.heldOrderId) await releaseHold();
		return device.act('cart.clear', {});
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
}

export const cart = new Cart();
expose('cart', cart);
