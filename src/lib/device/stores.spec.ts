import 'fake-indexeddb/auto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '$server/auth/session';
import type { Database } from '$server/db/client';
import { products, productVariants } from '$server/db/schema';
import { seedCatalog } from '$server/db/seed';
import { openTestDatabase } from '$server/db/test-database';
import { signUp } from '$server/services/accounts';
import { pull } from '$server/services/sync';
import { TEST_ADDRESS } from '$server/testing/shop-fixtures';
import { serverSyncApi, type SyncFaults } from '$server/testing/sync-api';
import { pullInput } from '$lib/shared/sync';
import { addressBook } from './addresses.svelte';
import { cart } from './cart.svelte';
import { cartItems } from './cart-items';
import { catalog } from './catalog.svelte';
import { changes } from './changes.svelte';
import { openStoreDb } from './db';
import { readMeta } from './meta';
import { device } from './device.svelte';
import { SyncEngine } from './engine';
import { favorites } from './favorites.svelte';
import { currentIdentity, ensureIdentity } from './identity';
import { orders } from './orders.svelte';
import { mutate } from './outbox';
import { DeviceRuntime, type DeviceShell } from './runtime';

// The browser a tab runs in, as far as the device's runtime needs it: Web Locks (one tab
// leads), window and document events, a network. IndexedDB is fake-indexeddb's.
vi.hoisted(() => {
	/** Web Locks within this process: one holder per name, the rest wait in turn; a waiter can give up. */
	const queues = new Map<string, Promise<void>>();
	const locks = {
		request(name: string, options: { signal?: AbortSignal }, work: () => Promise<void>) {
			const before = queues.get(name) ?? Promise.resolve();
			let release = () => {};
			queues.set(name, before.then(() => new Promise<void>((resolve) => (release = resolve))));
			return before.then(async () => {
				try {
					if (options.signal?.aborted) throw new DOMException('The request was aborted.', 'AbortError');
					return await work();
				} finally {
					release();
				}
			});
		}
	};
	const events = new EventTarget();
	/** The server's live events: none come here (the tests ask for syncs themselves). */
	class EventSource extends EventTarget {
		close() {}
	}
	// Node 21+ has a navigator of its own, behind a getter: define ours over it.
	Object.defineProperty(globalThis, 'navigator', { value: { onLine: true, locks }, configurable: true, writable: true });
	Object.assign(globalThis, {
		EventSource,
		document: { visibilityState: 'visible', addEventListener() {}, removeEventListener() {} },
		addEventListener: events.addEventListener.bind(events),
		removeEventListener: events.removeEventListener.bind(events)
	});
});

let database: Database;
let alice: SessionUser;
/** Products without options: each sells one variant, carrying the product's id. */
let stock: { id: string; priceMinor: number }[];
/** A cart line of product `p`'s only variant. */
const only = (p: { id: string }) => ({ productId: p.id, variantId: p.id });
const faults: SyncFaults = {};
const api = () => serverSyncApi(database, () => alice, faults);

beforeAll(async () => {
	database = await openTestDatabase();
	await seedCatalog(database.db);
	const user = await signUp(database.db, { email: 'stores@device.test', password: 'a fine long password', firstName: '', lastName: '' });
	alice = { id: user.id, email: user.email, role: user.role };
	stock = (
		await database.db.select({ id: products.id, priceMinor: products.priceMinor, inventory: products.inventory, options: products.options }).from(products)
	).filter((p) => p.inventory >= 20 && p.options.length === 0);
	await device.start(alice, api());
	await vi.waitFor(() => expect(catalog.local).not.toBeNull(), { timeout: 20_000 });
});
afterAll(() => database?.close());

/** Lets the device send and pull again now, and waits until nothing is left to send. */
async function backOnline() {
	faults.offline = false;
	device.syncSoon();
	const { db } = await device.opened();
	await vi.waitFor(async () => expect(await db.outbox.count()).toBe(0), { timeout: 10_000 });
	await vi.waitFor(() => expect(device.pending).toBe(0));
}

/** The cart the server holds for this device's shopper. */
async function serverLines() {
	const { clientGroupId } = await currentIdentity((await device.opened()).db);
	return (await pull(database.db, alice, pullInput.parse({ cursor: '999999999', clientGroupId }))).cart?.lines ?? [];
}

describe('the device by domain, one tab', () => {
	it('reads what the device holds once started: the catalog with its search index, a cart and favorites known to be empty', async () => {
		expect(catalog.local!.size).toBe(await database.db.$count(products));
		expect(catalog.local!.list({ sort: 'newest', limit: 24, q: 'mug' }).items.length).toBeGreaterThan(0);
		expect(cart.ready && favorites.ready).toBe(true);
		expect(cart.lines).toEqual([]);
		expect(device.leading).toBe(true);
		expect(device.syncedAt).not.toBeNull();
	});

	it('shows a change at once, with no network, and sends it when the network returns', async () => {
		faults.offline = true;
		const [product] = stock;
		expect(await cart.add(only(product!), 2)).toBe(true);
		await vi.waitFor(() => expect(cart.lines).toEqual([{ ...only(product!), quantity: 2 }]));
		expect(cart.quantity(product!.id)).toBe(2);
		expect(cartItems(cart.lines, catalog.local)[0]!.total).toBe(product!.priceMinor * 2);
		expect(cart.count).toBe(2);
		await vi.waitFor(() => expect(device.pending).toBe(1));
		expect(changes.queued.map((m) => m.name)).toEqual(['cart.add']);
		await backOnline();
		expect(await serverLines()).toContainEqual({ ...only(product!), quantity: 2 });
	});

	it('replays a change made offline on top of what the shopper did on another device (rebase after a pull)', async () => {
		const [, fromPhone, fromHere] = stock;
		const phone = openStoreDb('another-device');
		await ensureIdentity(phone, alice.id);
		await mutate(phone, 'cart.add', { ...only(fromPhone!), quantity: 1 }, { signedIn: true, clientId: crypto.randomUUID() });
		faults.offline = true;
		await cart.add(only(fromHere!), 3);
		await new SyncEngine(phone, { api: serverSyncApi(database, () => alice), identity: () => currentIdentity(phone), pullLimit: 1000 }).sync();
		await backOnline();
		await vi.waitFor(() => expect(cart.quantity(fromPhone!.id)).toBe(1));
		expect(cart.quantity(fromHere!.id)).toBe(3);
		expect(await serverLines()).toContainEqual({ ...only(fromHere!), quantity: 3 });
	});

	it('keeps a change the shop refused for the shopper to look at, and retries it as a new change', async () => {
		const gone = stock[3]!;
		await database.db.update(products).set({ deletedAt: new Date() }).where(eq(products.id, gone.id));
		faults.offline = true;
		await cart.add(only(gone), 1);
		await backOnline();
		await vi.waitFor(() => expect(changes.attention.map((c) => c.args)).toEqual([{ ...only(gone), quantity: 1 }]));
		expect(changes.attention[0]!.title).toBeTruthy();
		await vi.waitFor(() => expect(cart.quantity(gone.id)).toBe(0));

		await database.db.update(products).set({ deletedAt: null }).where(eq(products.id, gone.id));
		await changes.retry(changes.attention[0]!);
		await backOnline();
		await vi.waitFor(() => expect(changes.records[0]).toMatchObject({ args: { ...only(gone), quantity: 1 }, state: 'done' }));
		expect(changes.attention).toEqual([]);
		expect(cart.quantity(gone.id)).toBe(1);
	});

	it('keeps a line per variant, moves a line to another variant (joining its line), and keeps a line whose variant is gone in sight', async () => {
		const [apron] = await database.db.select({ id: products.id }).from(products).where(eq(products.slug, 'linen-cushion-cover'));
		const variants = await database.db
			.select({ id: productVariants.id, options: productVariants.options, inventory: productVariants.inventory })
			.from(productVariants)
			.where(eq(productVariants.productId, apron!.id));
		const [sage, clay] = ['Sage', 'Clay'].map((colour) => variants.find((v) => v.options.Colour === colour && v.options.Size === 'Square')!);
		const line = (v: { id: string }) => ({ productId: apron!.id, variantId: v.id });
		await cart.clear();
		await cart.add(line(sage!), 1);
		await cart.add(line(clay!), 2);
		await vi.waitFor(() => expect(cart.lines).toHaveLength(2));
		expect(cartItems(cart.lines, catalog.local).map((i) => i.title).sort()).toEqual(['Linen Cushion Cover (Clay / Square)', 'Linen Cushion Cover (Sage / Square)']);

		// Clay instead of Sage: the one Sage joins the two Clay.
		expect(await cart.change({ ...line(sage!), quantity: 1 }, clay!.id)).toBe(true);
		await vi.waitFor(() => expect(cart.lines).toEqual([{ ...line(clay!), quantity: 3 }]));
		await backOnline();
		expect(await serverLines()).toEqual([{ ...line(clay!), quantity: 3 }]);

		// The shop stops selling Clay Square: the line stays, said to be no longer sold, and goes when removed.
		await database.db.update(productVariants).set({ deletedAt: new Date() }).where(eq(productVariants.id, clay!.id));
		device.syncSoon();
		await vi.waitFor(() => expect(cartItems(cart.lines, catalog.local)).toMatchObject([{ variantId: clay!.id, variant: null, total: 0 }]), { timeout: 10_000 });
		expect(await cart.change({ ...line(clay!), quantity: 3 }, sage!.id)).toBe(true);
		await backOnline();
		expect(await serverLines()).toEqual([{ ...line(sage!), quantity: Math.min(3, sage!.inventory) }]);
	});

	it('keeps favorites newest first', async () => {
		const [a, b] = stock;
		await favorites.set(a!.id, true);
		await favorites.set(b!.id, true);
		await vi.waitFor(() => expect(favorites.ids.slice(0, 2)).toEqual([b!.id, a!.id]));
		await favorites.set(a!.id, false);
		await vi.waitFor(() => expect(favorites.has(a!.id)).toBe(false));
		expect(favorites.has(b!.id)).toBe(true);
	});

	it('queues an order request with no network and takes it back before it is sent', async () => {
		faults.offline = true;
		const [methods, lines] = [await addressBook.shippingMethods(), cart.lines.map(({ productId, variantId, quantity }) => ({ productId, variantId, quantity }))];
		expect(methods.length).toBeGreaterThan(0);
		const id = await orders.request(
			{ lines, address: TEST_ADDRESS, shippingMethodId: methods[0]!.id, expectedTotal: 1 },
			{ lines: [], currency: 'USD', expectedTotal: 1, shippingName: methods[0]!.name, shipTo: TEST_ADDRESS.city }
		);
		await vi.waitFor(() => expect(orders.requests[0]).toMatchObject({ mutationId: id, state: 'waiting' }));
		expect(await changes.takeBack(id)).toBe(true);
		await vi.waitFor(() => expect(orders.requests[0]!.state).toBe('cancelled'));
		await orders.discardRequest(orders.requests[0]!);
		await vi.waitFor(() => expect(orders.requests.find((r) => r.mutationId === id)).toBeUndefined());
		await backOnline();
	});

	it('keeps the address book with the default first', async () => {
		const other = { ...TEST_ADDRESS, id: crypto.randomUUID(), isDefault: false, name: 'Work' };
		const home = { ...TEST_ADDRESS, id: crypto.randomUUID(), isDefault: true, name: 'Home' };
		await addressBook.remember([other, home]);
		expect((await addressBook.remembered()).map((a) => a.name)).toEqual(['Home', 'Work']);
	});
});

describe('two tabs of one browser', () => {
	it('lets one tab lead; when it restarts, the waiting tab takes over and the first one hears its status', async () => {
		const shell: DeviceShell = { clientId: crypto.randomUUID(), status: 'idle', pending: 0, syncedAt: null, leading: false, watchers: [] };
		const second = new DeviceRuntime(shell);
		await second.start(alice, api());
		expect(device.leading).toBe(true);
		expect(shell.leading).toBe(false);

		await device.start(alice, api());
		await vi.waitFor(() => expect(shell.leading).toBe(true));
		expect(device.leading).toBe(false);

		// A change in the tab that no longer leads is sent by the one that does.
		const product = stock[4]!;
		await cart.add(only(product), 1);
		await vi.waitFor(() => expect(device.pending).toBe(0), { timeout: 10_000 });
		expect(await serverLines()).toContainEqual({ ...only(product), quantity: 1 });
		expect(await readMeta(second.db, 'syncedAt')).toBe(device.syncedAt);
	});
});
