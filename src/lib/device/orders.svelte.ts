import { browser } from '$app/environment';
import { apiFor, fromApi } from '$lib/api';
import type { OrderRequestArgs } from '$lib/shared/mutations';
import type { OrderView } from '$lib/shared/orders';
import type { OrderRequestRecord } from './db';
import { readMeta } from './meta';
import { device, expose } from './device.svelte';
import { network } from './network.svelte';

type Fetch = typeof fetch;

/** How many of the shopper's latest orders the device keeps for offline. */
const KEPT_ORDERS = 50;

/** The shopper's orders as the device keeps them for offline, and the orders asked for on this device with no network. */
class Orders {
	/** Orders asked for on this device, newest first. */
	requests = $state<OrderRequestRecord[]>([]);

	constructor() {
		device.watch(
			(rt) => rt.db.orderRequests.orderBy('createdAt').reverse().toArray(),
			(rows) => (this.requests = rows)
		);
	}

	/**
	 * Asks for an order with no network: queued with the cart as the shopper sees it, sent
	 * when the network returns (by this tab, or by the service worker after it closed).
	 * Nothing is placed until the server places it. Returns the request's id.
	 */
	async request(args: Omit<OrderRequestArgs, 'cartId'>, seen: Omit<OrderRequestRecord, 'mutationId' | 'createdAt' | 'state' | 'request'>): Promise<number> {
		const rt = await device.running();
		const cartId = await readMeta(rt.db, 'cartId');
		if (!cartId) throw new Error('This device has not heard from the shop yet: connect once, then you can order offline.');
		const { queueOrderRequest } = await rt.sync();
		const mutationId = await queueOrderRequest(rt.db, { ...args, cartId }, seen, { signedIn: rt.signedIn, clientId: rt.clientId });
		rt.poke();
		void rt.sendWhenOnline();
		return mutationId;
	}

	/** Removes a decided request from the device's list. */
	async discardRequest(request: OrderRequestRecord): Promise<void> {
		if (request.state !== 'waiting') await (await device.opened()).db.orderRequests.delete(request.mutationId);
	}

	/** Keeps the server's latest word on the shopper's orders, for pages opened offline. */
	async remember(orders: OrderView[]): Promise<void> {
		const { db } = await device.opened();
		await db.transaction('rw', db.orders, async () => {
			await db.orders.bulkPut(orders);
			const stale = await db.orders.orderBy('placedAt').reverse().offset(KEPT_ORDERS).primaryKeys();
			await db.orders.bulkDelete(stale);
		});
	}

	/** The orders the device holds, newest first. */
	async remembered(): Promise<OrderView[]> {
		return (await device.opened()).db.orders.orderBy('placedAt').reverse().toArray();
	}
}

export const orders = new Orders();
expose('orders', orders);

const offline = () => browser && !network.online;

/** The shopper's orders: from the server (and kept on the device), or the device's copy offline. */
export async function loadOrders(fetch: Fetch, cursor?: string): Promise<{ orders: OrderView[]; nextCursor: string | null; fromDevice: boolean }> {
	if (offline()) return { orders: await orders.remembered(), nextCursor: null, fromDevice: true };
	const page = await fromApi(apiFor(fetch).orders.list.query({ cursor }));
	if (browser) await orders.remember(page.items);
	return { orders: page.items, nextCursor: page.nextCursor, fromDevice: false };
}

/** One of the shopper's orders by number, fresh from the server, or as the device last heard of it offline. */
export async function loadOrder(fetch: Fetch, number: number): Promise<{ order: OrderView | null; fromDevice: boolean }> {
	if (offline()) return { order: (await orders.remembered()).find((o) => o.number === number) ?? null, fromDevice: true };
	const order = await fromApi(apiFor(fetch).orders.byNumber.query({ number }));
	if (browser) await orders.remember([order]);
	return { order, fromDevice: false };
}
