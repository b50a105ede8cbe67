import type { CartLine } from '$lib/shared/sync';
import { releaseHold } from './hold';
import { readMeta } from './meta';
import { device, expose } from './device.svelte';

/** A cart line's variant, as the mutations name it: the product and the variant, both always. */
export type LineRef = Pick<CartLine, 'productId' | 'variantId'>;

/** The shopper's cart on this device: its lines (one per variant), changed at once and sent to the shop when it can be reached. */
class Cart {
	lines = $state<CartLine[]>([]);
	/** Whether the device has read this browser's cart yet (until then it is unknown, not empty). */
	ready = $state(false);
	/** The unpaid order checkout turned this cart into, in any tab of this browser, until it is paid or let go. */
	private heldOrderId: string | null = null;
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

	/** How many of this variant the cart holds. */
	quantity(variantId: string): number {
		return this.lines.find((l) => l.variantId === variantId)?.quantity ?? 0;
	}

	async add({ productId, variantId }: LineRef, quantity: number): Promise<boolean> {
		if (this.heldOrderId) await releaseHold();
		return device.act('cart.add', { productId, variantId, quantity });
	}

	async setQuantity({ productId, variantId }: LineRef, quantity: number): Promise<boolean> {
		if (this.heldOrderId) await releaseHold();
		return device.act('cart.setQuantity', { productId, variantId, quantity });
	}

	async remove({ productId, variantId }: LineRef): Promise<boolean> {
		if (this.heldOrderId) await releaseHold();
		return device.act('cart.remove', { productId, variantId });
	}

	/**
	 * Moves a line to another variant of its product: its quantity is added to that variant's
	 * line (capped by its stock, as any add), and only then does the old line go.
	 */
	async change(line: CartLine, variantId: string): Promise<boolean> {
		if (variantId === line.variantId) return true;
		return (await this.add({ productId: line.productId, variantId }, line.quantity)) && this.remove(line);
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
