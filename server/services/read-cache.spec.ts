import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogListInput } from '../../src/lib/shared/catalog-input';
import type { Database } from '../db/client';
import { products } from '../db/schema';
import { seedCatalog } from '../db/seed';
import { openTestDatabase } from '../db/test-database';
import { ChangeFeed, type ChangeEvent } from '../events/feed';
import { listProducts } from './catalog';
import { coalesced, currentVersion, safeVersion } from './catalog-version';
import { canonicalJson, createReadCache } from './read-cache';
import { createReview } from './reviews';
import { shopFixtures } from '../testing/shop-fixtures';

const redisUrl = process.env.TEST_REDIS_URL;
let database: Database;

beforeAll(async () => {
	database = await openTestDatabase();
	await seedCatalog(database.db);
});
afterAll(() => database?.close());

function counting() {
	const seen = { hit: 0, miss: 0 };
	return { seen, onLookup: (_name: string, result: 'hit' | 'miss') => void seen[result]++ };
}

describe('coalesced reads', () => {
	it('never answers a caller from a read that began before it called', async () => {
		let value = 0;
		const started: number[] = [];
		const gates: (() => void)[] = [];
		const read = coalesced(async () => {
			const seen = value;
			started.push(seen);
			await new Promise<void>((resolve) => gates.push(resolve));
			return seen;
		});
		const first = read();
		value = 1; // a write commits after the first read began
		const second = read();
		const third = read();
		gates.shift()!();
		expect(await first).toBe(0);
		await new Promise((resolve) => setTimeout(resolve, 0));
		gates.shift()!();
		expect(await second).toBe(1);
		expect(await third).toBe(1);
		expect(started).toEqual([0, 1]); // the two late callers shared one read
	});
});

describe('read cache', () => {
	const page = catalogListInput.parse({ sort: 'price_asc', limit: 24 });
	const load = () => listProducts(database.db, page);

	it('serves a repeated read from the cache, and a price change at once', async () => {
		const { seen, onLookup } = counting();
		const cache = createReadCache({ prefix: `t-${randomUUID()}`, onLookup });
		const first = await cache.read(database.db, 'catalog.list', page, load);
		expect(await cache.read(database.db, 'catalog.list', page, load)).toEqual(first);
		expect(seen).toEqual({ hit: 1, miss: 1 });

		const cheapest = first.items[0]!;
		await database.db.update(products).set({ priceMinor: cheapest.priceMinor + 1 }).where(eq(products.id, cheapest.id));
		const after = await cache.read(database.db, 'catalog.list', page, load);
		expect(after.items.find((p) => p.id === cheapest.id)?.priceMinor).toBe(cheapest.priceMinor + 1);
		expect(seen.miss).toBe(2);
	});

	it('moves on for a review, which changes the rating shown', async () => {
		const cache = createReadCache({ prefix: `t-${randomUUID()}` });
		const before = await safeVersion(database.db);
		const [user] = await shopFixtures(database.db).makeUsers(1);
		const productId = (await load()).items[0]!.id;
		await createReview(database.db, user.id, { productId, rating: 5, body: '' });
		expect(await safeVersion(database.db)).toBeGreaterThan(before);
		const { seen, onLookup } = counting();
		const fresh = createReadCache({ prefix: `t-${randomUUID()}`, onLookup });
		await cache.read(database.db, 'catalog.list', page, load);
		await fresh.read(database.db, 'catalog.list', page, load);
		expect(seen.miss).toBe(1);
	});

	it('keys inputs by their content, not their key order', () => {
		expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 2 }], c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: [2, { x: 2, y: 1 }] }, b: 1 }));
	});

	it('keeps no more than it is allowed', async () => {
		const { seen, onLookup } = counting();
		const cache = createReadCache({ prefix: `t-${randomUUID()}`, maxChars: 100, onLookup });
		await cache.read(database.db, 'catalog.list', page, load);
		await cache.read(database.db, 'catalog.list', page, load);
		expect(seen).toEqual({ hit: 0, miss: 2 });
	});

	it('goes on without Redis when Redis cannot be reached', async () => {
		const dead = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
		dead.on('error', () => {});
		const cache = createReadCache({ redis: dead, prefix: `t-${randomUUID()}` });
		expect((await cache.read(database.db, 'catalog.list', page, load)).items).toHaveLength(24);
		dead.disconnect();
	});

	it.runIf(redisUrl)('shares entries between instances through Redis, and each sees a write at once', async () => {
		const prefix = `t-${randomUUID()}`;
		const [a, b] = [new Redis(redisUrl!), new Redis(redisUrl!)];
		await Promise.all([a.ping(), b.ping()]);
		const countA = counting();
		const countB = counting();
		const instanceA = createReadCache({ redis: a, prefix, onLookup: countA.onLookup });
		const instanceB = createReadCache({ redis: b, prefix, onLookup: countB.onLookup });
		const first = await instanceA.read(database.db, 'catalog.list', page, load);
		await new Promise((resolve) => setTimeout(resolve, 50)); // the shared copy is written in the background
		expect(await instanceB.read(database.db, 'catalog.list', page, load)).toEqual(first);
		expect(countB.seen).toEqual({ hit: 1, miss: 0 });

		const cheapest = first.items[0]!;
		await database.db.update(products).set({ priceMinor: cheapest.priceMinor + 7 }).where(eq(products.id, cheapest.id));
		const seenByB = await instanceB.read(database.db, 'catalog.list', page, load);
		expect(seenByB.items.find((p) => p.id === cheapest.id)?.priceMinor).toBe(cheapest.priceMinor + 7);
		a.disconnect();
		b.disconnect();
	});
});

describe('change feed', () => {
	const next = (feed: ChangeFeed, match: (event: ChangeEvent) => boolean) =>
		new Promise<ChangeEvent>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error('no event')), 5000);
			const stop = feed.subscribe((event) => {
				if (!match(event)) return;
				clearTimeout(timer);
				stop();
				resolve(event);
			});
		});

	it('hears a committed catalog write with its version, and nothing of a rolled-back one', async () => {
		const feed = new ChangeFeed(database);
		await feed.start();
		try {
			const heard: ChangeEvent[] = [];
			const stop = feed.subscribe((event) => heard.push(event));
			const [first] = await database.db.select({ id: products.id }).from(products).limit(1);
			const rolledBack = database.db.transaction(async (tx) => {
				const changed = await tx.update(products).set({ title: 'Never seen' }).where(eq(products.id, first!.id)).returning();
				expect(changed).toHaveLength(1);
				throw new Error('roll back');
			});
			await expect(rolledBack).rejects.toThrow('roll back');
			await new Promise((resolve) => setTimeout(resolve, 200));
			expect(heard).toEqual([]);
			stop();

			const catalog = next(feed, (e) => e.type === 'catalog');
			const [row] = await database.db.select({ id: products.id }).from(products).limit(1);
			await database.db.update(products).set({ inventory: 40 }).where(eq(products.id, row!.id));
			expect(await catalog).toEqual({ type: 'catalog', version: await currentVersion(database.db) });
		} finally {
			await feed.stop();
		}
	});

	it("tells a user's cart, favorites and orders changes, naming the user", async () => {
		const feed = new ChangeFeed(database);
		await feed.start();
		try {
			const fixtures = shopFixtures(database.db);
			const [user] = await fixtures.makeUsers(1);
			const productId = await fixtures.makeProduct(5);
			const cart = next(feed, (e) => e.type === 'user' && e.what === 'cart');
			await fixtures.cartOf(user, [{ productId, quantity: 1 }]);
			expect(await cart).toEqual({ type: 'user', userId: user.id, what: 'cart' });
		} finally {
			await feed.stop();
		}
	});
});
