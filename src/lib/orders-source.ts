import { redirect } from '@sveltejs/kit';
import { browser } from '$app/environment';
import { apiFor, fromApi } from '$lib/catalog-source';
import type { OrderView } from '$lib/shared/orders';
import { device } from '$lib/state/device.svelte';

type Fetch = typeof fetch;

/** Sends a visitor to sign in first, and back here after. */
export function requireSignedIn(user: unknown, url: URL) {
	if (!user) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
}

const offline = () => browser && !navigator.onLine;

/** The shopper's orders: from the server (and kept on the device), or the device's copy offline. */
export async function loadOrders(fetch: Fetch, cursor?: string): Promise<{ orders: OrderView[]; nextCursor: string | null; fromDevice: boolean }> {
	if (offline()) return { orders: await device.rememberedOrders(), nextCursor: null, fromDevice: true };
	const page = await fromApi(apiFor(fetch).orders.list.query({ cursor }));
	if (browser) await device.rememberOrders(page.items);
	return { orders: page.items, nextCursor: page.nextCursor, fromDevice: false };
}

/** One of the shopper's orders, fresh from the server, or as the device last heard of it offline. */
export async function loadOrder(fetch: Fetch, orderId: string): Promise<{ order: OrderView | null; fromDevice: boolean }> {
	if (offline()) return { order: (await device.rememberedOrders()).find((o) => o.id === orderId) ?? null, fromDevice: true };
	const order = await fromApi(apiFor(fetch).orders.get.query({ orderId }));
	if (browser) await device.rememberOrders([order]);
	return { order, fromDevice: false };
}
