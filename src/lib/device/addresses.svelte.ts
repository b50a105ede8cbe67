import type { Table } from 'dexie';
import { browser } from '$app/environment';
import { apiFor, fromApi } from '$lib/api';
import type { AddressView } from '$lib/shared/addresses';
import type { ShippingMethodView } from '$lib/shared/orders';
import type { StoreDb } from './db';
import { device } from './device.svelte';
import { network } from './network.svelte';

type Fetch = typeof fetch;

/**
 * The signed-in shopper's address book and the shop's shipping methods, as the device keeps
 * them for checkout with no network (every pull brings both).
 */
export const addressBook = {
	/** Keeps the server's address book (all of it). */
	async remember(addresses: AddressView[]): Promise<void> {
		const { db } = await device.opened();
		await replaceAll(db, db.addresses, addresses);
	},

	/** The address book the device holds: the default first. */
	async remembered(): Promise<AddressView[]> {
		const all = await (await device.opened()).db.addresses.toArray();
		return all.sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
	},

	/** The shop's shipping methods as the last pull brought them, in the shop's order. */
	async shippingMethods(): Promise<ShippingMethodView[]> {
		const all = await (await device.opened()).db.shippingMethods.toArray();
		return all.sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
	}
};

/** Replaces all a table holds with the server's list, in one transaction. */
async function replaceAll<T>(db: StoreDb, table: Table<T>, rows: T[]): Promise<void> {
	await db.transaction('rw', table, async () => {
		await table.clear();
		await table.bulkPut(rows);
	});
}

const offline = () => browser && !network.online;

/**
 * The address book and the shipping methods for checkout: fresh from the server, or with
 * no network what the device's last pull brought.
 */
export async function loadCheckoutChoices(fetch: Fetch): Promise<{ addresses: AddressView[]; methods: ShippingMethodView[] }> {
	if (!offline()) {
		try {
			const api = apiFor(fetch);
			const [addresses, methods] = await Promise.all([api.addresses.list.query(), api.checkout.shippingMethods.query({})]);
			await addressBook.remember(addresses);
			return { addresses, methods };
		} catch (error) {
			if (!offline()) throw error;
		}
	}
	return { addresses: await addressBook.remembered(), methods: await addressBook.shippingMethods() };
}

/** The shopper's address book, from the server (and kept on the device), or the device's copy offline. */
export async function loadAddresses(fetch: Fetch): Promise<{ addresses: AddressView[]; fromDevice: boolean }> {
	if (offline()) return { addresses: await addressBook.remembered(), fromDevice: true };
	const addresses = await fromApi(apiFor(fetch).addresses.list.query());
	if (browser) await addressBook.remember(addresses);
	return { addresses, fromDevice: false };
}
