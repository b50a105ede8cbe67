import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { pullInput, pushInput, snapshotInput, type PushInput, type SnapshotManifest, type SnapshotPart, type SyncProduct } from '../../src/lib/shared/sync';
import type { SessionUser } from '../auth/session';
import { clientGroups, collections, products, productVariants } from '../db/schema';
import { signUp } from './accounts';
import { pull, push, snapshot } from './sync';
import { variantsOf } from '../../src/lib/shared/variants';
import { useSeededShop } from '../testing/seeded-shop';

const shop = useSeededShop();
let alice: SessionUser;
let bob: SessionUser;
let items: { id: string; inventory: number }[];

beforeAll(async () => {
	const make = async (email: string) => {
		const u = await signUp(shop.db, { email, password: 'a fine long password', firstName: '', lastName: '' });
		return { id: u.id, email: u.email, role: u.role };
	};
	alice = await make('alice@sync.test');
	bob = await make('bob@sync.test');
	items = await shop.db.select({ id: products.id, inventory: products.inventory }).from(products);
});

const inStock = (min = 10) => items.filter((p) => p.inventory >= min);
const soldOut = () => items.find((p) => p.inventory === 0)!;
const doPull = (user: SessionUser | null, input: Record<string, unknown>) => pull(shop.db, user, pullInput.parse(input));
const doPush = (user: SessionUser | null, input: PushInput) => push(shop.db, user, pushInput.parse(input));
const batch = (group: string, mutations: { id: number; name: string; args: unknown }[]) => ({
	clientGroupId: group,
	clientId: randomUUID(),
	mutations
});

describe('sync.pull: catalog', () => {
	it('loads the whole catalog in bounded batches and then only changes', async () => {
		let cursor: string | null = null;
		const seen = new Set<string>();
		let rounds = 0;
		for (;;) {
			const page = await doPull(null, { cursor, limit: 50 });
			expect(page.products.length + page.collections.length).toBeLessThanOrEqual(50);
			page.products.forEach((p) => seen.add(p.id));
			const versions = [...page.products, ...page.collections].map((x) => x.version).sort((a, b) => a - b);
			if (versions.length) expect(Number(page.cursor)).toBeGreaterThanOrEqual(versions.at(-1)!);
			cursor = page.cursor;
			rounds++;
			if (!page.more) break;
		}
		expect(seen.size).toBe(items.length);
		expect(rounds).toBeGreaterThan(2);

		const quiet = await doPull(null, { cursor, limit: 50 });
		expect(quiet).toMatchObject({ cursor, more: false, products: [], collections: [] });

		const target = inStock()[0]!;
		await shop.db.update(products).set({ priceMinor: 1234 }).where(eq(products.id, target.id));
		const [collection] = await shop.db.select().from(collections).limit(1);
		await shop.db.update(collections).set({ description: 'Freshly written' }).where(eq(collections.id, collection!.id));
		const delta = await doPull(null, { cursor, limit: 50 });
		expect(delta.products).toEqual([expect.objectContaining({ id: target.id, priceMinor: 1234 })]);
		expect(delta.collections).toEqual([expect.objectContaining({ id: collection!.id, description: 'Freshly written' })]);
		expect(Number(delta.cursor)).toBeGreaterThan(Number(cursor));
	});

	it('sends an archived product as a tombstone', async () => {
		const start = (await doPull(null, { cursor: null, limit: 1000 })).cursor;
		const target = inStock()[1]!;
		await shop.db.update(products).set({ deletedAt: new Date() }).where(eq(products.id, target.id));
		try {
			const delta = await doPull(null, { cursor: start, limit: 1000 });
			expect(delta.products).toEqual([{ id: target.id, version: expect.any(Number), deleted: true }]);
		} finally {
			await shop.db.update(products).set({ deletedAt: null }).where(eq(products.id, target.id));
		}
	});

	it('refuses a malformed cursor or limit with a clear error', () => {
		for (const bad of [{ cursor: 'abc' }, { cursor: '-1' }, { cursor: null, limit: 5000 }, { cursor: null, clientGroupId: 'x' }, { cursor: null, extra: 1 }]) {
			expect(pullInput.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
		}
	});
});

describe('sync.snapshot', () => {
	it('splits the live catalog into parts that hold every product once, and are the same when asked again', async () => {
		const manifest = (await snapshot(shop.db, snapshotInput.parse({}))) as SnapshotManifest;
		expect(manifest.parts).toBe(1);
		const parts = 4;
		const loaded: SnapshotPart[] = [];
		for (let part = 0; part < parts; part++) {
			loaded.push((await snapshot(shop.db, snapshotInput.parse({ version: manifest.version, parts, part }))) as SnapshotPart);
		}
		const ids = loaded.flatMap((p) => p.products.map((row) => row.id));
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.sort()).toEqual(items.map((i) => i.id).sort());
		expect(loaded.every((p) => p.products.length > 0)).toBe(true);
		expect(loaded[0]!.collections.length).toBeGreaterThan(0);
		expect(loaded.slice(1).every((p) => p.collections.length === 0)).toBe(true);
		const again = await snapshot(shop.db, snapshotInput.parse({ version: manifest.version, parts, part: 2 }));
		expect(again).toEqual(loaded[2]);
	});

	it('refuses a part that is not in the snapshot', () => {
		for (const input of [{ version: 1, parts: 2, part: 2 }, { version: 1, parts: 65, part: 0 }, { version: -1, parts: 1, part: 0 }, { parts: 1 }]) {
			expect(snapshotInput.safeParse(input).success).toBe(false);
		}
	});
});

describe('sync.push', () => {
	it('applies the same push three times exactly once', async () => {
		const group = randomUUID();
		const [p] = inStock();
		const input = batch(group, [
			{ id: 1, name: 'cart.add', args: { productId: p!.id, variantId: p!.id, quantity: 2 } },
			{ id: 2, name: 'cart.add', args: { productId: p!.id, variantId: p!.id, quantity: 1 } }
		]);
		for (let i = 0; i < 3; i++) expect((await doPush(alice, input)).lastMutationId).toBe(2);
		const state = await doPull(alice, { cursor: '999999999', clientGroupId: group });
		expect(state.lastMutationId).toBe(2);
		expect(state.cart!.lines).toEqual([{ productId: p!.id, variantId: p!.id, quantity: 3 }]);
	});

	it('refuses a gap and applies nothing after it', async () => {
		const group = randomUUID();
		const [p] = inStock();
		await doPush(null, batch(group, [{ id: 1, name: 'cart.add', args: { productId: p!.id, variantId: p!.id, quantity: 1 } }]));
		await expect(
			doPush(null, batch(group, [{ id: 3, name: 'cart.add', args: { productId: p!.id, variantId: p!.id, quantity: 5 } }]))
		).rejects.toMatchObject({ code: 'BAD_REQUEST' });
		const state = await doPull(null, { cursor: '999999999', clientGroupId: group });
		expect(state.lastMutationId).toBe(1);
		expect(state.cart!.lines).toEqual([{ productId: p!.id, variantId: p!.id, quantity: 1 }]);
	});

	it('advances past a mutation that can never succeed and says why', async () => {
		const group = randomUUID();
		const [p] = inStock(3);
		const gone = soldOut();
		const result = await doPush(alice, batch(group, [
			{ id: 1, name: 'cart.add', args: { productId: randomUUID(), quantity: 1 } },
			{ id: 2, name: 'cart.add', args: { productId: gone.id, quantity: 1 } },
			{ id: 3, name: 'cart.fly', args: {} },
			{ id: 4, name: 'cart.add', args: { productId: p!.id, variantId: p!.id, quantity: 0 } },
			{ id: 5, name: 'cart.add', args: { productId: p!.id, variantId: p!.id, quantity: 99 } }
		]));
		expect(result.lastMutationId).toBe(5);
		expect(result.results.map((r) => [r.id, r.ok, r.code])).toEqual([
			[1, false, 'NOT_FOUND'],
			[2, false, 'OUT_OF_STOCK'],
			[3, false, 'INVALID'],
			[4, false, 'INVALID'],
			[5, true, p!.inventory < 99 ? 'OUT_OF_STOCK' : undefined]
		]);
		const state = await doPull(alice, { cursor: '999999999', clientGroupId: group });
		expect(state.cart!.lines).toEqual([{ productId: p!.id, variantId: p!.id, quantity: Math.min(99, p!.inventory) }]);
	});

	it('keeps favorites for users only', async () => {
		const [p] = inStock();
		const visitorGroup = randomUUID();
		const refused = await doPush(null, batch(visitorGroup, [{ id: 1, name: 'favorites.add', args: { productId: p!.id } }]));
		expect(refused.results[0]).toMatchObject({ ok: false, code: 'FORBIDDEN' });

		const group = randomUUID();
		await doPush(bob, batch(group, [
			{ id: 1, name: 'favorites.add', args: { productId: p!.id } },
			{ id: 2, name: 'favorites.add', args: { productId: p!.id } }
		]));
		expect((await doPull(bob, { cursor: '999999999', clientGroupId: group })).favorites).toEqual([p!.id]);
		await doPush(bob, batch(group, [{ id: 3, name: 'favorites.remove', args: { productId: p!.id } }]));
		expect((await doPull(bob, { cursor: '999999999', clientGroupId: group })).favorites).toEqual([]);
	});

	it('refuses another user’s group (403) and a visitor on a user’s group (401)', async () => {
		const group = randomUUID();
		const [p] = inStock();
		await doPush(alice, batch(group, [{ id: 1, name: 'cart.add', args: { productId: p!.id, variantId: p!.id, quantity: 1 } }]));
		const next = batch(group, [{ id: 2, name: 'cart.clear', args: {} }]);
		await expect(doPush(bob, next)).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(doPush(null, next)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
		await expect(doPull(bob, { cursor: null, clientGroupId: group })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		const [row] = await shop.db.select().from(clientGroups).where(eq(clientGroups.id, group));
		expect(row!.lastMutationId).toBe(1);
	});

	it('merges a guest cart into the account at the first pull after login', async () => {
		const [a, b] = inStock(20);
		const accountGroup = randomUUID();
		await doPush(alice, batch(accountGroup, [{ id: 1, name: 'cart.clear', args: {} }, { id: 2, name: 'cart.add', args: { productId: a!.id, variantId: a!.id, quantity: 2 } }]));
		const guestGroup = randomUUID();
		await doPush(null, batch(guestGroup, [
			{ id: 1, name: 'cart.add', args: { productId: a!.id, variantId: a!.id, quantity: 3 } },
			{ id: 2, name: 'cart.add', args: { productId: b!.id, variantId: b!.id, quantity: 1 } }
		]));
		const merged = await doPull(alice, { cursor: '999999999', clientGroupId: guestGroup });
		expect(merged.lastMutationId).toBe(2);
		expect(merged.cart!.lines).toEqual(expect.arrayContaining([{ productId: a!.id, variantId: a!.id, quantity: 5 }, { productId: b!.id, variantId: b!.id, quantity: 1 }]));
		expect(merged.cart!.lines).toHaveLength(2);
		// Both of alice's devices now see one cart.
		expect((await doPull(alice, { cursor: '999999999', clientGroupId: accountGroup })).cart).toEqual(merged.cart);
		// The group is hers now: a visitor cannot use it any more.
		await expect(doPull(null, { cursor: null, clientGroupId: guestGroup })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
	});

	it('refuses malformed pushes before touching anything', () => {
		const group = randomUUID();
		const ok = { clientGroupId: group, clientId: randomUUID(), mutations: [{ id: 1, name: 'cart.clear', args: {} }] };
		for (const bad of [
			{ ...ok, mutations: [] },
			{ ...ok, mutations: Array.from({ length: 101 }, (_, i) => ({ id: i + 1, name: 'cart.clear', args: {} })) },
			{ ...ok, mutations: [{ id: 2, name: 'cart.clear', args: {} }, { id: 1, name: 'cart.clear', args: {} }] },
			{ ...ok, mutations: [{ id: 0, name: 'cart.clear', args: {} }] },
			{ ...ok, clientGroupId: 'nope' },
			{ ...ok, userId: alice.id }
		]) {
			expect(pushInput.safeParse(bad).success).toBe(false);
		}
	});
});

describe('sync products', () => {
	it('carry what a device needs to show and search them', async () => {
		const page = await doPull(null, { cursor: null, limit: 20 });
		const product = page.products.find((p): p is SyncProduct => !('deleted' in p));
		expect(Object.keys(product!).sort()).toEqual(
			[
				'collectionId', 'createdAt', 'currency', 'description', 'id', 'images', 'inventory', 'options', 'priceMaxMinor', 'priceMinor',
				'rating', 'reviewCount', 'slug', 'title', 'variants', 'version'
			].sort()
		);
	});

	it('list the variants of a product in options; one that sells only itself lists none, and the device gets its variant back', async () => {
		const { productId, variants } = await shop.fixtures.makeProductInSizes({ S: 3, M: 2 });
		// Options removed: the product sells one variant, not the one carrying its id, so that one is listed.
		const { productId: reshaped, variants: was } = await shop.fixtures.makeProductInSizes({ S: 1, M: 4 });
		await shop.db.update(productVariants).set({ deletedAt: new Date() }).where(eq(productVariants.id, was.S!));
		await shop.db.update(productVariants).set({ options: {} }).where(eq(productVariants.id, was.M!));
		await shop.db.update(products).set({ options: [] }).where(eq(products.id, reshaped));
		const page = await doPull(null, { cursor: '0', limit: 1000 });
		const synced = (id: string) => page.products.find((p): p is SyncProduct => p.id === id && !('deleted' in p))!;
		const plain = page.products.find((p): p is SyncProduct => !('deleted' in p) && p.options.length === 0 && p.inventory > 0)!;
		expect(synced(productId).variants.map((v) => [v.id, v.options, v.inventory])).toEqual([
			[variants.S, { Size: 'S' }, 3],
			[variants.M, { Size: 'M' }, 2]
		]);
		expect(synced(plain.id).variants).toEqual([]);
		expect(variantsOf(synced(plain.id))).toEqual([{ id: plain.id, sku: '', options: {}, priceMinor: plain.priceMinor, inventory: plain.inventory }]);
		expect(variantsOf(synced(productId))).toBe(synced(productId).variants);
		expect(synced(reshaped).variants).toEqual([{ id: was.M, sku: `${reshaped}-M`, options: {}, priceMinor: 1250, inventory: 4 }]);
		// A first load's parts list the same.
		const manifest = (await snapshot(shop.db, snapshotInput.parse({}))) as SnapshotManifest;
		const parts = await Promise.all(
			Array.from({ length: manifest.parts }, (_, part) => snapshot(shop.db, snapshotInput.parse({ ...manifest, part })) as Promise<SnapshotPart>)
		);
		const loaded = (id: string) => parts.flatMap((p) => p.products).find((p) => p.id === id)!;
		for (const id of [productId, reshaped, plain.id]) expect(loaded(id).variants, id).toEqual(synced(id).variants);
	});
});

describe('variants over sync', () => {
	const sized = () => shop.fixtures.makeProductInSizes({ S: 3, M: 2 });
	const results = async (user: SessionUser | null, mutations: { name: string; args: unknown }[]) =>
		(await doPush(user, batch(randomUUID(), mutations.map((m, i) => ({ id: i + 1, ...m }))))).results;

	it('names a variant on each line; a product’s id alone works for a product of one variant and is refused, with why, for one of several', async () => {
		const plain = inStock()[0]!;
		const { productId, variants } = await sized();
		const other = await sized();
		const unknown = randomUUID();
		const said = await results(alice, [
			{ name: 'cart.clear', args: {} },
			{ name: 'cart.add', args: { productId: plain.id, quantity: 1 } },
			{ name: 'cart.add', args: { productId, quantity: 1 } },
			{ name: 'cart.add', args: { productId, variantId: other.variants.S, quantity: 1 } },
			{ name: 'cart.add', args: { variantId: unknown, quantity: 1 } },
			{ name: 'cart.add', args: { productId, variantId: variants.M, quantity: 5 } }
		]);
		expect(said.map(({ ok, code }) => ({ ok, code }))).toEqual([
			{ ok: true, code: undefined },
			{ ok: true, code: undefined },
			{ ok: false, code: 'INVALID' },
			{ ok: false, code: 'INVALID' },
			{ ok: false, code: 'NOT_FOUND' },
			{ ok: true, code: 'OUT_OF_STOCK' }
		]);
		expect(said[2]!.message).toBe('This product comes in several options: choose one first.');
		expect(said[3]!.message).toBe('That choice belongs to another product.');
		const { cart } = await doPull(alice, { cursor: '999999999', clientGroupId: randomUUID() });
		expect(cart!.lines).toHaveLength(2);
		expect(cart!.lines).toEqual(
			expect.arrayContaining([
				{ productId: plain.id, variantId: plain.id, quantity: 1 },
				{ productId, variantId: variants.M, quantity: 2 }
			])
		);
	});

	it('applies an offline add of one size, pushed three times, once', async () => {
		const { productId, variants } = await sized();
		const group = randomUUID();
		const push = batch(group, [{ id: 1, name: 'cart.add', args: { productId, variantId: variants.S, quantity: 2 } }]);
		for (let i = 0; i < 3; i++) await doPush(null, push);
		expect((await doPull(null, { cursor: '999999999', clientGroupId: group })).cart!.lines).toEqual([{ productId, variantId: variants.S, quantity: 2 }]);
	});

	it('merges a guest cart size by size, each capped by its own stock', async () => {
		const { productId, variants } = await sized();
		const accountGroup = randomUUID();
		await doPush(bob, batch(accountGroup, [
			{ id: 1, name: 'cart.clear', args: {} },
			{ id: 2, name: 'cart.add', args: { productId, variantId: variants.S, quantity: 2 } }
		]));
		const guestGroup = randomUUID();
		await doPush(null, batch(guestGroup, [
			{ id: 1, name: 'cart.add', args: { productId, variantId: variants.S, quantity: 2 } },
			{ id: 2, name: 'cart.add', args: { productId, variantId: variants.M, quantity: 1 } }
		]));
		const merged = await doPull(bob, { cursor: '999999999', clientGroupId: guestGroup });
		expect(merged.cart!.lines).toHaveLength(2);
		expect(merged.cart!.lines).toEqual(
			expect.arrayContaining([
				{ productId, variantId: variants.S, quantity: 3 },
				{ productId, variantId: variants.M, quantity: 1 }
			])
		);
	});

	it('keeps a line whose size was taken off sale, says why when it is touched, and sends the product without that size', async () => {
		const { productId, variants } = await sized();
		const group = randomUUID();
		await doPush(null, batch(group, [{ id: 1, name: 'cart.add', args: { productId, variantId: variants.M, quantity: 1 } }]));
		await shop.db.update(productVariants).set({ deletedAt: new Date() }).where(eq(productVariants.id, variants.M!));
		const after = await doPull(null, { cursor: '0', limit: 1000, clientGroupId: group });
		expect(after.cart!.lines).toEqual([{ productId, variantId: variants.M, quantity: 1 }]);
		const synced = after.products.find((p): p is SyncProduct => p.id === productId && !('deleted' in p));
		expect(synced?.variants.map((v) => v.id)).toEqual([variants.S]);
		expect(synced).toMatchObject({ inventory: 3 });
		const touched = await doPush(null, batch(group, [{ id: 2, name: 'cart.setQuantity', args: { productId, variantId: variants.M, quantity: 2 } }]));
		expect(touched.results[0]).toMatchObject({ ok: false, code: 'NOT_FOUND', message: 'This choice of the product is no longer sold.' });
		await doPush(null, batch(group, [{ id: 3, name: 'cart.remove', args: { productId, variantId: variants.M } }]));
		expect((await doPull(null, { cursor: '999999999', clientGroupId: group })).cart!.lines).toEqual([]);
	});
});

