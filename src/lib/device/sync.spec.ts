import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '$server/auth/session';
import type { Database } from '$server/db/client';
import { orders, products, shippingMethods } from '$server/db/schema';
import { TEST_ADDRESS } from '$server/testing/shop-fixtures';
import { serverSyncApi, type SyncFaults } from '$server/testing/sync-api';
import { seedCatalog } from '$server/db/seed';
import { openTestDatabase } from '$server/db/test-database';
import { signUp } from '$server/services/accounts';
import { createAddress, deleteAddress, listAddresses } from '$server/services/delivery';
import { adjustStock } from '$server/services/admin/catalog';
import { pull } from '$server/services/sync';
import { openStoreDb, type AlertRecord, type OrderRequestRecord, type StoreDb } from '$lib/device/db';
import { readMeta } from '$lib/device/meta';
import { pullInput } from '$lib/shared/sync';
import type { SyncApi } from './sync-api';
import { SyncEngine, type EngineOptions, type Refusal, type WrittenCatalog } from './engine';
import { currentIdentity, ensureIdentity } from './identity';
import { mutate, queueOrderRequest, takeBack } from './outbox';

let database: Database;
let alice: SessionUser;
let stock: { id: string; inventory: number }[];

beforeAll(async () => {
	database = await openTestDatabase();
	await seedCatalog(database.db);
	const user = await signUp(database.db, { email: 'device@sync.test', password: 'a fine long password', firstName: '', lastName: '' });
	alice = { id: user.id, email: user.email, role: user.role };
	// Products without options: each sells one variant, carrying the product's id, so a line may name the product alone.
	stock = (await database.db.select({ id: products.id, inventory: products.inventory, options: products.options }).from(products)).filter(
		(p) => p.inventory >= 20 && p.options.length === 0
	);
});
afterAll(() => database?.close());

const serverApi = (user: () => SessionUser | null, faults: SyncFaults = {}) => serverSyncApi(database, user, faults);

let dbCount = 0;
const TAB = '00000000-0000-4000-8000-0000000000aa';
async function newDevice(user: SessionUser | null, api: SyncApi, refusals: Refusal[] = [], options: Partial<EngineOptions> = {}) {
	const db = openStoreDb(`device-${++dbCount}`);
	const { clientGroupId } = await ensureIdentity(db, user?.id ?? null);
	const engine = new SyncEngine(db, { api, identity: () => currentIdentity(db), onRefusals: (r) => refusals.push(...r), pullLimit: 50, ...options });
	const act = (name: Parameters<typeof mutate>[1], args: Parameters<typeof mutate>[2]) =>
		mutate(db, name, args as never, { signedIn: user !== null, clientId: TAB });
	return { db, engine, act, clientGroupId };
}

const lines = async (db: StoreDb) => (await db.cart.toArray()).sort((a, b) => a.productId.localeCompare(b.productId));
const serverCart = async (user: SessionUser | null, clientGroupId: string) =>
	(await pull(database.db, user, pullInput.parse({ cursor: '999999999', clientGroupId }))).cart!.lines.sort((a, b) =>
		a.productId.localeCompare(b.productId)
	);

describe('device sync', () => {
	it('loads the catalog in batches and applies edits at once, numbered 1, 2, 3', async () => {
		const { db, engine, act } = await newDevice(alice, serverApi(() => alice));
		await engine.sync();
		expect(await db.products.count()).toBe(await database.db.$count(products));
		expect(await readMeta(db, 'catalogLoadedAt')).toBeTruthy();

		await act('cart.add', { productId: stock[0]!.id, quantity: 2 });
		await act('favorites.add', { productId: stock[1]!.id });
		await act('cart.setQuantity', { productId: stock[0]!.id, quantity: 3 });
		expect((await db.outbox.toArray()).map((m) => [m.id, m.name])).toEqual([
			[1, 'cart.add'],
			[2, 'favorites.add'],
			[3, 'cart.setQuantity']
		]);
		expect(await lines(db)).toEqual([{ productId: stock[0]!.id, variantId: stock[0]!.id, quantity: 3 }]);
		expect(await db.favorites.count()).toBe(1);
	});

	it('loads a first catalog in parts and ends equal to the server, whatever changed during the load, and hands over what it wrote', async () => {
		const api = serverApi(() => null);
		let partsAsked = 0;
		const handed: WrittenCatalog[] = [];
		const [changed, archived] = await database.db.select({ id: products.id }).from(products).orderBy(products.id).limit(2);
		const { db, engine } = await newDevice(null, {
			...api,
			snapshot: {
				manifest: () => api.snapshot!.manifest().then((m) => ({ ...m, parts: 3 })),
				async part(input) {
					if (partsAsked++ === 1) {
						await database.db.update(products).set({ priceMinor: 777 }).where(eq(products.id, changed!.id));
						await database.db.update(products).set({ deletedAt: new Date() }).where(eq(products.id, archived!.id));
					}
					return api.snapshot!.part(input);
				}
			}
		}, [], { onCatalog: (catalog) => handed.push(catalog) });
		await engine.sync();
		expect(partsAsked).toBe(3);
		// The tab that loaded builds its index from what it wrote, not from a read back: the same rows, as of the same cursor.
		const byId = <T extends { id: string }>(rows: T[]) => rows.toSorted((a, b) => a.id.localeCompare(b.id));
		expect(handed).toHaveLength(1);
		expect(handed[0]!.cursor).toBe(await readMeta(db, 'catalogCursor'));
		expect(byId(handed[0]!.products)).toEqual(byId(await db.products.toArray()));
		expect(byId(handed[0]!.collections)).toEqual(byId(await db.collections.toArray()));
		expect(handed[0]!.products.map((p) => p.id)).not.toContain(archived!.id);
		await engine.sync();
		expect(handed).toHaveLength(1);
		// A product's price on the device is its cheapest variant's.
		const live = await database.db
			.select({ id: products.id, priceMinor: products.minPriceMinor })
			.from(products)
			.where(isNull(products.deletedAt));
		const held = await db.products.toArray();
		expect(held.map((p) => [p.id, p.priceMinor]).sort()).toEqual(live.map((p) => [p.id, p.priceMinor]).sort());
		await database.db.update(products).set({ deletedAt: null }).where(eq(products.id, archived!.id));
	});

	it('pushes exactly once, even when a reply is lost after the server applied it', async () => {
		const faults = { loseNextPushReply: true };
		const { db, engine, act, clientGroupId } = await newDevice(null, serverApi(() => null, faults));
		await act('cart.add', { productId: stock[0]!.id, quantity: 1 });
		await act('cart.add', { productId: stock[0]!.id, quantity: 1 });
		await expect(engine.sync()).rejects.toThrow(/connection reset/);
		expect(await db.outbox.count()).toBe(2);
		await engine.sync();
		expect(await db.outbox.count()).toBe(0);
		expect(await serverCart(null, clientGroupId)).toEqual([{ productId: stock[0]!.id, variantId: stock[0]!.id, quantity: 2 }]);
		expect(await lines(db)).toEqual([{ productId: stock[0]!.id, variantId: stock[0]!.id, quantity: 2 }]);
	});

	it('keeps the outbox and backs off when the server asks for patience (429)', async () => {
		const api = serverApi(() => null);
		let limited = true;
		const { db, engine, act } = await newDevice(null, {
			...api,
			push: (input) =>
				limited
					? Promise.reject(Object.assign(new Error('Too many requests'), { data: { httpStatus: 429 } }))
					: api.push(input)
		});
		await act('cart.add', { productId: stock[0]!.id, quantity: 1 });
		await expect(engine.sync()).rejects.toThrow(/Too many/);
		expect(await db.outbox.count()).toBe(1);
		limited = false;
		await engine.sync();
		expect(await db.outbox.count()).toBe(0);
	});

	it('rebases pending edits on top of the server’s cart', async () => {
		const api = serverApi(() => alice);
		const phone = await newDevice(alice, api);
		const laptop = await newDevice(alice, api);
		await phone.act('cart.clear', {});
		await phone.act('cart.add', { productId: stock[2]!.id, quantity: 1 });
		await phone.engine.sync();

		// The laptop edits before it has heard of the phone's line; after its sync it holds both.
		await laptop.act('cart.add', { productId: stock[3]!.id, quantity: 4 });
		const pending = (await laptop.db.outbox.toArray()).map((m) => m.id);
		await laptop.engine.sync();
		expect(pending.length).toBe(1);
		const expected = [
			{ productId: stock[2]!.id, variantId: stock[2]!.id, quantity: 1 },
			{ productId: stock[3]!.id, variantId: stock[3]!.id, quantity: 4 }
		].sort((a, b) => a.productId.localeCompare(b.productId));
		expect(await lines(laptop.db)).toEqual(expected);
		await phone.engine.sync();
		expect(await lines(phone.db)).toEqual(expected);
	});

	it('reports what the server refused and drops it from the device', async () => {
		const refusals: Refusal[] = [];
		const { db, engine, act } = await newDevice(null, serverApi(() => null), refusals);
		await engine.sync();
		const doomed = stock[5]!;
		await act('cart.add', { productId: doomed.id, quantity: 1 });
		await database.db.update(products).set({ deletedAt: new Date() }).where(eq(products.id, doomed.id));
		try {
			await engine.sync();
			expect(refusals).toEqual([expect.objectContaining({ clientId: TAB, name: 'cart.add', code: 'NOT_FOUND' })]);
			expect(await lines(db)).toEqual([]);
			expect(await db.products.get(doomed.id)).toBeUndefined();
		} finally {
			await database.db.update(products).set({ deletedAt: null }).where(eq(products.id, doomed.id));
		}
	});

	it('keeps a guest cart through sign-in and clears the device at sign-out', async () => {
		let user: SessionUser | null = null;
		const api = serverApi(() => user);
		const device = await newDevice(null, api);
		await device.act('cart.add', { productId: stock[6]!.id, quantity: 2 });
		await device.engine.sync();

		user = alice;
		const signedIn = await ensureIdentity(device.db, alice.id);
		expect(signedIn).toEqual({ clientGroupId: device.clientGroupId, cleared: false });
		await device.engine.sync();
		expect((await lines(device.db)).find((l) => l.productId === stock[6]!.id)?.quantity).toBeGreaterThanOrEqual(2);
		await device.db.addresses.put({ id: crypto.randomUUID(), name: 'A', line1: '1 Road', city: 'Town', postalCode: '', country: 'KE', isDefault: true });
		const at = new Date().toISOString();
		await device.db.orders.put({
			id: crypto.randomUUID(),
			number: 1001,
			status: 'paid',
			currency: 'USD',
			subtotalMinor: 100,
			shippingMinor: 0,
			totalMinor: 100,
			placedAt: at,
			expiresAt: null,
			paidAt: at,
			updatedAt: at,
			paymentError: null,
			shippingAddress: null,
			shippingMethod: null,
			items: []
		});

		user = null;
		const signedOut = await ensureIdentity(device.db, null);
		expect(signedOut.cleared).toBe(true);
		expect(signedOut.clientGroupId).not.toBe(device.clientGroupId);
		expect(await device.db.cart.count()).toBe(0);
		expect(await device.db.orders.count()).toBe(0);
		expect(await device.db.addresses.count()).toBe(0);
		expect(await device.db.products.count()).toBeGreaterThan(0);

		// The engine that was running (another tab may lead) syncs as the new visitor now.
		await device.act('cart.add', { productId: stock[7]!.id, quantity: 1 });
		await device.engine.sync();
		expect(await device.db.outbox.count()).toBe(0);
		expect(await serverCart(null, signedOut.clientGroupId)).toEqual([{ productId: stock[7]!.id, variantId: stock[7]!.id, quantity: 1 }]);
	});
});

describe('what an offline checkout needs, from the first sync', () => {
	it('brings the shipping methods with the catalog, a changed or withdrawn one at the next pull, and the shopper’s address book', async () => {
		const user = await signUp(database.db, { email: `choices-${crypto.randomUUID()}@sync.test`, password: 'a fine long password', firstName: '', lastName: '' });
		const shopper = { id: user.id, email: user.email, role: user.role };
		const saved = await createAddress(database.db, shopper.id, { address: TEST_ADDRESS, isDefault: true });
		const [courier] = await database.db
			.insert(shippingMethods)
			.values({ name: `Courier ${crypto.randomUUID()}`, priceMinor: 1200, countries: ['US', 'CA'], position: 9 })
			.returning();
		const { db, engine } = await newDevice(shopper, serverApi(() => shopper));
		await engine.sync();
		const active = await database.db.$count(shippingMethods, eq(shippingMethods.active, true));
		expect(await db.shippingMethods.count()).toBe(active);
		expect(await db.shippingMethods.get(courier!.id)).toMatchObject({ priceMinor: 1200, countries: ['US', 'CA'], position: 9 });
		expect(await db.addresses.toArray()).toEqual([saved]);

		await database.db.update(shippingMethods).set({ priceMinor: 1500 }).where(eq(shippingMethods.id, courier!.id));
		await engine.sync();
		expect((await db.shippingMethods.get(courier!.id))?.priceMinor).toBe(1500);

		await database.db.update(shippingMethods).set({ active: false }).where(eq(shippingMethods.id, courier!.id));
		await deleteAddress(database.db, shopper.id, saved.id);
		await engine.sync();
		expect(await db.shippingMethods.get(courier!.id)).toBeUndefined();
		expect(await db.shippingMethods.count()).toBe(active - 1);
		expect(await db.addresses.count()).toBe(0);
	});

	it('holds no address book for a visitor', async () => {
		const { db, engine } = await newDevice(null, serverApi(() => null));
		await db.addresses.put({ ...TEST_ADDRESS, id: crypto.randomUUID(), line2: null, region: null, phone: null, isDefault: true });
		await engine.sync();
		expect(await db.addresses.count()).toBe(0);
		expect(await db.shippingMethods.count()).toBeGreaterThan(0);
	});
});

describe('order requests from the device', () => {
	/** A signed-in shopper's device holding one line, synced, ready to request an order. */
	async function shopperDevice(faults: SyncFaults = {}, choices: { saveAddress?: boolean } = {}) {
		const user = await signUp(database.db, { email: `requests-${crypto.randomUUID()}@sync.test`, password: 'a fine long password', firstName: '', lastName: '' });
		const shopper = { id: user.id, email: user.email, role: user.role };
		const api = serverApi(() => shopper, faults);
		const device = await newDevice(shopper, api);
		const decided: OrderRequestRecord[] = [];
		const engine = new SyncEngine(device.db, { api, identity: () => currentIdentity(device.db), onOrderRequests: (r) => decided.push(...r), pullLimit: 1000 });
		const product = stock[2]!;
		await device.act('cart.add', { productId: product.id, quantity: 1 });
		await engine.sync();
		const [method] = await database.db.select().from(shippingMethods).where(eq(shippingMethods.name, 'Standard'));
		const [row] = await database.db.select({ priceMinor: products.priceMinor }).from(products).where(eq(products.id, product.id));
		const args = {
			cartId: (await readMeta(device.db, 'cartId'))!,
			lines: [{ productId: product.id, quantity: 1 }],
			address: TEST_ADDRESS,
			...choices,
			shippingMethodId: method!.id,
			expectedTotal: row!.priceMinor + method!.priceMinor
		};
		const seen = { lines: [{ productId: product.id, title: 'x', quantity: 1, unitPriceMinor: row!.priceMinor }], currency: 'USD', expectedTotal: args.expectedTotal, shippingName: 'Standard', shipTo: 'London' };
		const request = () => queueOrderRequest(device.db, args, seen, { signedIn: true, clientId: TAB });
		const ordersOfShopper = () => database.db.select().from(orders).where(eq(orders.userId, shopper.id));
		return { db: device.db, engine, request, decided, ordersOfShopper, shopper, goOffline: (value: boolean) => (faults.offline = value) };
	}

	it('waits offline as "not placed yet", and is placed once back online', async () => {
		const shopper = await shopperDevice();
		shopper.goOffline(true);
		const mutationId = await shopper.request();
		await expect(shopper.engine.sync()).rejects.toThrow(/Failed to fetch/);
		expect(await shopper.db.orderRequests.get(mutationId)).toMatchObject({ state: 'waiting' });
		expect(await shopper.ordersOfShopper()).toEqual([]);

		shopper.goOffline(false);
		await shopper.engine.sync();
		const [placed] = await shopper.ordersOfShopper();
		expect(await shopper.db.orderRequests.get(mutationId)).toMatchObject({ state: 'placed', orderId: placed!.id, orderNumber: placed!.number });
		expect(shopper.decided.map((r) => r.state)).toEqual(['placed']);
		expect(await shopper.db.cart.count()).toBe(0);
	});

	it('learns the outcome at the next pull when the answer to the push was lost, and places nothing twice', async () => {
		const faults = { loseNextPushReply: false };
		const shopper = await shopperDevice(faults);
		const mutationId = await shopper.request();
		faults.loseNextPushReply = true;
		await expect(shopper.engine.sync()).rejects.toThrow(/connection reset/);
		expect(await shopper.db.orderRequests.get(mutationId)).toMatchObject({ state: 'waiting' });
		await shopper.engine.sync();
		expect(await shopper.ordersOfShopper()).toHaveLength(1);
		expect(await shopper.db.orderRequests.get(mutationId)).toMatchObject({ state: 'placed' });
	});

	it('keeps the typed address in the book when asked, once, though the answer was lost and the push sent again', async () => {
		const faults = { loseNextPushReply: false };
		const shopper = await shopperDevice(faults, { saveAddress: true });
		await shopper.request();
		faults.loseNextPushReply = true;
		await expect(shopper.engine.sync()).rejects.toThrow(/connection reset/);
		await shopper.engine.sync();
		expect(await shopper.ordersOfShopper()).toHaveLength(1);
		const book = await listAddresses(database.db, shopper.shopper.id);
		expect(book).toEqual([expect.objectContaining({ ...TEST_ADDRESS, isDefault: true })]);
		expect(await shopper.db.addresses.toArray()).toEqual(book);
	});

	it('keeps no address unless asked', async () => {
		const shopper = await shopperDevice();
		await shopper.request();
		await shopper.engine.sync();
		expect(await shopper.ordersOfShopper()).toHaveLength(1);
		expect(await listAddresses(database.db, shopper.shopper.id)).toEqual([]);
	});

	it('asks again when shipping costs more than the shopper saw, and orders and keeps nothing meanwhile', async () => {
		const shopper = await shopperDevice({}, { saveAddress: true });
		shopper.goOffline(true);
		const mutationId = await shopper.request();
		const [method] = await database.db.select().from(shippingMethods).where(eq(shippingMethods.name, 'Standard'));
		await database.db.update(shippingMethods).set({ priceMinor: method!.priceMinor + 250 }).where(eq(shippingMethods.id, method!.id));
		try {
			shopper.goOffline(false);
			await shopper.engine.sync();
		} finally {
			await database.db.update(shippingMethods).set({ priceMinor: method!.priceMinor }).where(eq(shippingMethods.id, method!.id));
		}
		expect(await shopper.db.orderRequests.get(mutationId)).toMatchObject({ state: 'needs_confirmation' });
		expect(await shopper.ordersOfShopper()).toEqual([]);
		expect(await listAddresses(database.db, shopper.shopper.id)).toEqual([]);
		expect((await shopper.db.shippingMethods.get(method!.id))?.priceMinor).toBe(method!.priceMinor + 250);
	});

	it('can be taken back before it is sent, and then nothing is ordered', async () => {
		const shopper = await shopperDevice();
		const mutationId = await shopper.request();
		await takeBack(shopper.db, mutationId);
		await expect(takeBack(shopper.db, mutationId)).rejects.toThrow(/already been sent/);
		expect(await shopper.db.orderRequests.get(mutationId)).toMatchObject({ state: 'cancelled' });
		await shopper.engine.sync();
		expect(await shopper.ordersOfShopper()).toEqual([]);
		expect(await shopper.db.outbox.count()).toBe(0);
	});

	it('keeps a refused cart edit with its reason, for the shopper to retry or discard', async () => {
		const shopper = await shopperDevice();
		shopper.goOffline(true);
		const gone = await database.db.insert(products).values({ slug: `gone-${crypto.randomUUID()}`, title: 'Gone soon', priceMinor: 100, inventory: 3, collectionId: (await database.db.select().from(products).limit(1))[0]!.collectionId }).returning();
		await shopper.engine.sync().catch(() => {});
		await mutate(shopper.db, 'cart.add', { productId: gone[0]!.id, quantity: 1 }, { signedIn: true, clientId: TAB });
		await database.db.update(products).set({ deletedAt: new Date() }).where(eq(products.id, gone[0]!.id));
		shopper.goOffline(false);
		await shopper.engine.sync();
		const attention = await shopper.db.changes.where('mutationId').above(0).filter((c) => c.state === 'attention').toArray();
		expect(attention).toEqual([expect.objectContaining({ name: 'cart.add', code: 'NOT_FOUND', message: 'This product is no longer sold.' })]);
	});
});

describe('watched products', () => {
	const admin = { id: crypto.randomUUID(), email: 'boss@sync.test', ip: null };

	it('alerts once when a favorite sold out on the server comes back, at the pull after the restock', async () => {
		const heard: AlertRecord[] = [];
		const { db, act } = await newDevice(alice, serverApi(() => alice));
		const engine = new SyncEngine(db, { api: serverApi(() => alice), identity: () => currentIdentity(db), onAlerts: (a) => heard.push(...a), pullLimit: 50 });
		const product = stock[9]!;
		await adjustStock(database.db, admin, { id: product.id, change: -product.inventory, reason: 'damaged', note: '' });
		await engine.sync();
		await act('favorites.add', { productId: product.id });
		await engine.sync();
		expect(heard).toEqual([]);

		await adjustStock(database.db, admin, { id: product.id, change: 4, reason: 'received', note: '' });
		await engine.sync();
		await engine.sync();
		expect(heard.map((a) => [a.productId, a.kind])).toEqual([[product.id, 'restock']]);
		expect(await db.alerts.count()).toBe(1);
	});
});

describe('device database', () => {
	it('upgrades from version 1 without losing the cart or favorites, and gains the tables added since', async () => {
		const name = 'upgrade-test';
		const v1 = new Dexie(name);
		v1.version(1).stores({ products: 'id, version, collectionId', collections: 'id, slug', cartLines: 'productId', favorites: 'productId', outbox: 'id', meta: 'key' });
		await v1.table('cartLines').put({ productId: 'p1', quantity: 2 });
		await v1.table('favorites').put({ productId: 'p2' });
		await v1.table('outbox').put({ id: 1, name: 'cart.add', args: { productId: 'p1', quantity: 2 }, clientId: 'x', createdAt: '2026-01-01T00:00:00.000Z' });
		v1.close();

		const db = openStoreDb(name);
		// A line kept from before variants names the product's only variant, which carries its id.
		expect(await db.cart.toArray()).toEqual([{ productId: 'p1', variantId: 'p1', quantity: 2 }]);
		expect(await db.favorites.toArray()).toEqual([{ productId: 'p2', addedAt: new Date(0).toISOString() }]);
		expect(await db.outbox.count()).toBe(1);
		expect(await db.orders.count()).toBe(0);
		expect(await db.orderRequests.count()).toBe(0);
		expect(await db.changes.count()).toBe(0);
		expect(await db.watches.count()).toBe(0);
		expect(await db.alerts.count()).toBe(0);
		expect(db.verno).toBe(9);
		expect(db.tables.map((t) => t.name)).not.toContain('cartLines');
		expect(db.products.schema.indexes).toEqual([]);
		db.close();
	});
});
