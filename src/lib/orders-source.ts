import { redirect } from '@sveltejs/kit';
import { browser } from '$app/environment';
import { apiFor, fromApi } from '$lib/api';
import type { AddressView } from '$lib/shared/addresses';
import type { OrderView, ShippingMethodView } from '$lib/shared/orders';
import { device } from '$lib/device/device.svelte';
import { network } from '$lib/device/network.svelte';

type Fetch = typeof fetch;

/** Sends a visitor to sign in first, and back here after. */
export function requireSignedIn(user: unknown, url: URL) {
	if (!user) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
}

const offline = () => browser && !network.online;

/** The shopper's orders: from the server (and kept on the device), or the device's copy offline. */
export async function loadOrders(fetch: Fetch, cursor?: string): Promise<{ orders: OrderView[]; nextCursor: string | null; fromDevice: boolean }> {
	if (offline()) return { orders: await device.rememberedOrders(), nextCursor: null, fromDevice: true };
	const page = await fromApi(apiFor(fetch).orders.list.query({ cursor }));
	if (browser) await device.rememberOrders(page.items);
	return { orders: page.items, nextCursor: page.nextCursor, fromDevice: false };
}

/** One of the shopper's orders by number, fresh from the server, or as the device last heard of it offline. */
export async function loadOrder(fetch: Fetch, number: number): Promise<{ order: OrderView | null; fromDevice: boolean }> {
	if (offline()) return { order: (await device.rememberedOrders()).find((o) => o.number === number) ?? null, fromDevice: true };
	const order = await fromApi(apiFor(fetch).orders.byNumber.query({ number }));
	if (browser) await device.rememberOrders([order]);
	return { order, fromDevice: false };
}

/**
 * The address book and the shipping methods for checkout: fresh from the server, or with
 * no network what the device's last pull brought (every sync keeps both current).
 */
export async function loadCheckoutChoices(fetch: Fetch): Promise<{ addresses: AddressView[]; methods: ShippingMethodView[] }> {
	if (!offline()) {
		try {
			const api = apiFor(fetch);
			const [addresses, methods] = await Promise.all([api.addresses.list.query(), api.checkout.shippingMethods.query({})]);
			await device.rememberAddresses(addresses);
			return { addresses, methods };
		} catch (error) {
			if (!offline()) throw error;
		}
	}
	return { addresses: await device.rememberedAddresses(), methods: await device.rememberedShippingMethods() };
}

/** The shopper's address book, from the server (and kept on the device), or the device's copy offline. */
export async function loadAddresses(fetch: Fetch): Promise<{ addresses: AddressView[]; fromDevice: boolean }> {
	if (offline()) return { addresses: await device.rememberedAddresses(), fromDevice: true };
	const addresses = await fromApi(apiFor(fetch).addresses.list.query());
	if (browser) await device.rememberAddresses(addresses);
	return { addresses, fromDevice: false };
}
