import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openStoreDb, type OrderRequestRecord } from '$lib/device/db';
import type { PushInput } from '$lib/shared/sync';
import type { SyncApi } from './sync-api';
import { openFromNotification, orderRequestNews, sendOutboxInBackground, type BackgroundOptions } from './background';
import { SYNC_LOCK } from './names';
import { ensureIdentity } from './identity';
import { mutate, queueOrderRequest } from './outbox';

const TAB = '00000000-0000-4000-8000-0000000000bb';
const PRODUCT = '00000000-0000-4000-8000-000000000001';
const CART = '00000000-0000-4000-8000-0000000000c1';
const SHIPPING = '00000000-0000-4000-8000-0000000000d1';

/** A server that places every order request as order 1042, or one with no network. */
function fakeServer(options: { offline?: boolean } = {}) {
	const pushes: PushInput[] = [];
	let applied = 0;
	const api: SyncApi = {
		async push(input) {
			if (options.offline) throw new TypeError('Failed to fetch');
			pushes.push(input);
			applied = input.mutations.at(-1)!.id;
			return {
				lastMutationId: applied,
				results: input.mutations.map((m) => ({ id: m.id, ok: true, details: m.name === 'order.request' ? { orderId: 'order-1042', orderNumber: 1042 } : undefined }))
			};
		},
		async pull() {
			if (options.offline) throw new TypeError('Failed to fetch');
			return { cursor: '1', more: false, products: [], collections: [], shippingMethods: [], lastMutationId: applied, cart: { id: CART, lines: [] }, favorites: [] };
		}
	};
	return { api, pushes };
}

/** Web Locks as one origin has them: held while the callback runs, `null` for `ifAvailable` when taken. */
function fakeLocks(heldByTab = false): NonNullable<BackgroundOptions['locks']> {
	const held = new Set<string>(heldByTab ? [SYNC_LOCK] : []);
	return {
		request: (async (name: string, options: LockOptions, callback: (lock: Lock | null) => unknown) => {
			if (held.has(name)) {
				if (!options.ifAvailable) throw new Error('this fake only answers ifAvailable requests');
				return callback(null);
			}
			held.add(name);
			try {
				return await callback({ name, mode: 'exclusive' } as Lock);
			} finally {
				held.delete(name);
			}
		}) as LockManager['request']
	};
}

let count = 0;
/** A signed-in device that queued a cart edit and then, offline, an order request. */
async function deviceWithRequest() {
	const db = openStoreDb(`background-${++count}`);
	await ensureIdentity(db, 'user-1');
	await mutate(db, 'cart.add', { productId: PRODUCT, quantity: 2 }, { signedIn: true, clientId: TAB });
	const mutationId = await queueOrderRequest(
		db,
		{ cartId: CART, lines: [{ productId: PRODUCT, quantity: 2 }], addressId: '00000000-0000-4000-8000-0000000000e1', shippingMethodId: SHIPPING, expectedTotal: 5000 },
		{ lines: [{ productId: PRODUCT, title: 'Kettle', quantity: 2, unitPriceMinor: 2000 }], currency: 'USD', expectedTotal: 5000, shippingName: 'Standard', shipTo: 'Ada, San Francisco' },
		{ signedIn: true, clientId: TAB }
	);
	return { db, mutationId };
}

describe('the outbox sent by the service worker', () => {
	it('pushes what the device queued when no tab leads, keeps the outcome and announces it', async () => {
		const { db, mutationId } = await deviceWithRequest();
		const { api, pushes } = fakeServer();
		const announced: OrderRequestRecord[] = [];
		const outcome = await sendOutboxInBackground(db, { api, locks: fakeLocks(), announce: (records) => void announced.push(...records) });
		expect(outcome).toBe('sent');
		expect(pushes.flatMap((p) => p.mutations.map((m) => m.name))).toEqual(['cart.add', 'order.request']);
		expect(await db.outbox.count()).toBe(0);
		const record = await db.orderRequests.get(mutationId);
		expect(record).toMatchObject({ state: 'placed', orderNumber: 1042 });
		expect(announced.map((r) => [r.mutationId, r.state])).toEqual([[mutationId, 'placed']]);
		expect(orderRequestNews(announced[0]!)).toBe('Order 1042 placed. Pay for it to complete it.');
	});

	it('does nothing while a tab holds the sync lock: that tab pushes', async () => {
		const { db } = await deviceWithRequest();
		const { api, pushes } = fakeServer();
		expect(await sendOutboxInBackground(db, { api, locks: fakeLocks(true) })).toBe('tab leads');
		expect(pushes).toEqual([]);
		expect(await db.outbox.count()).toBe(2);
	});

	it('fails while still offline, so the browser tries again, and keeps the request waiting', async () => {
		const { db, mutationId } = await deviceWithRequest();
		const { api } = fakeServer({ offline: true });
		await expect(sendOutboxInBackground(db, { api, locks: fakeLocks() })).rejects.toThrow('Failed to fetch');
		expect(await db.outbox.count()).toBe(2);
		expect((await db.orderRequests.get(mutationId))?.state).toBe('waiting');
	});

	it('sends nothing for a device that never synced', async () => {
		const db = openStoreDb(`background-${++count}`);
		const { api, pushes } = fakeServer();
		expect(await sendOutboxInBackground(db, { api, locks: fakeLocks() })).toBe('no device');
		expect(pushes).toEqual([]);
	});

	it('says why a request was not placed in the server words', () => {
		const record = { state: 'unavailable', message: 'Gooseneck Kettle: only 1 left.' } as OrderRequestRecord;
		expect(orderRequestNews(record)).toBe('Gooseneck Kettle: only 1 left.');
	});
});

describe('a tapped notification', () => {
	const ORIGIN = 'https://store.test';
	/** Windows of the shop as a worker sees them, and what was done to them. */
	function windows(urls: string[], options: { focused?: number; controlled?: boolean } = {}) {
		const log: string[] = [];
		const list = urls.map((url, i) => ({
			url,
			focused: i === options.focused,
			focus: async () => void log.push(`focus ${url}`),
			navigate: async (to: string) => {
				if (options.controlled === false) throw new TypeError('not controlled');
				log.push(`navigate ${url} -> ${to}`);
				return { ...list[i]!, url: to, focus: async () => void log.push(`focus ${to}`) };
			}
		}));
		const clients = { matchAll: async () => list, openWindow: async (url: string) => void log.push(`open ${url}`) };
		return { clients, log };
	}

	it('focuses a window already on the page', async () => {
		const { clients, log } = windows([`${ORIGIN}/`, `${ORIGIN}/account/orders`]);
		await openFromNotification(clients, '/account/orders', ORIGIN);
		expect(log).toEqual([`focus ${ORIGIN}/account/orders`]);
	});

	it('moves the focused window of the shop there, or opens one when it cannot', async () => {
		const moved = windows([`${ORIGIN}/`, `${ORIGIN}/cart`], { focused: 1 });
		await openFromNotification(moved.clients, '/account/orders', ORIGIN);
		expect(moved.log).toEqual([`navigate ${ORIGIN}/cart -> ${ORIGIN}/account/orders`, `focus ${ORIGIN}/account/orders`]);

		const stuck = windows([`${ORIGIN}/cart`], { controlled: false });
		await openFromNotification(stuck.clients, '/account/orders', ORIGIN);
		expect(stuck.log).toEqual([`open ${ORIGIN}/account/orders`]);

		const none = windows([]);
		await openFromNotification(none.clients, '/account/orders', ORIGIN);
		expect(none.log).toEqual([`open ${ORIGIN}/account/orders`]);
	});

	it('never leads to another site', async () => {
		const { clients, log } = windows([]);
		await openFromNotification(clients, 'https://evil.test/phish', ORIGIN);
		expect(log).toEqual([`open ${ORIGIN}/`]);
	});
});
