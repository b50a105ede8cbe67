import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { describe, expect, it, vi } from 'vitest';
import { products, productVariants } from '../db/schema';
import { ChangeFeed, type ChangeEvent } from '../events/feed';
import { coalesced, currentVersion, followCatalogWrites, safeVersion } from './catalog-version';
import { canonicalJson, createReadCache, type CachedAnswer } from './read-cache';
import { createReview } from './reviews';
import { useSeededShop } from '../testing/seeded-shop';

const redisUrl = process.env.TEST_REDIS_URL;
const shop = useSeededShop();

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

describe('catalog version', () => {
	const someProduct = async () => (await shop.db.select({ id: products.id, inventory: products.inventory }).from(products).limit(1))[0]!;

	it('is read in one statement, and moves with every committed catalog write', async () => {
		const before = await safeVersion(shop.db);
		const product = await someProduct();
		await shop.db.update(productVariants).set({ inventory: product.inventory + 1 }).where(eq(productVariants.id, product.id));
		expect(await safeVersion(shop.db)).toBeGreaterThan(before);
	});

	it('moves on for a review, which changes the rating shown', async () => {
		const before = await safeVersion(shop.db);
		const [user] = await shop.fixtures.makeUsers(1);
		await createReview(shop.db, user.id, { productId: (await someProduct()).id, rating: 5, body: '' });
		expect(await safeVersion(shop.db)).toBeGreaterThan(before);
	});

	it('is known in process between catalog commits on embedded PGlite (read every time on Postgres), and never misses a commit', async () => {
		const stop = await followCatalogWrites(shop.database);
		try {
			const statements = vi.spyOn(shop.db, 'execute');
			const first = await currentVersion(shop.db);
			const asked = statements.mock.calls.length;
			expect(asked).toBe(1);
			expect(await currentVersion(shop.db)).toBe(first);
			// PGlite: known in process; Postgres has other writers and is asked every time.
			expect(statements.mock.calls.length).toBe(shop.database.kind === 'pglite' ? asked : asked + 1);

			const product = await someProduct();
			await shop.db.update(productVariants).set({ inventory: product.inventory + 1 }).where(eq(productVariants.id, product.id));
			const moved = await currentVersion(shop.db);
			expect(moved).toBeGreaterThan(first);

			// A write that commits while a read is under way: that read may have missed it, so the next call reads again.
			const during = currentVersion(shop.db);
			const write = shop.db.update(productVariants).set({ inventory: product.inventory + 2 }).where(eq(productVariants.id, product.id));
			await Promise.all([during, write]);
			expect(await currentVersion(shop.db)).toBe(await safeVersion(shop.db));
			expect(await currentVersion(shop.db)).toBeGreaterThan(moved);
			statements.mockRestore();
		} finally {
			await stop();
		}
		// No longer listening: every call reads.
		const statements = vi.spyOn(shop.db, 'execute');
		await currentVersion(shop.db);
		await currentVersion(shop.db);
		expect(statements.mock.calls.length).toBe(2);
		statements.mockRestore();
	});
});

describe('read cache', () => {
	const answer = (text: string, extra = 0): CachedAnswer => ({
		etag: `W/"${text}"`,
		plain: Buffer.from(text.padEnd(1000, '.')),
		gzip: Buffer.alloc(300 + extra),
		br: Buffer.alloc(250 + extra)
	});

	it('keys inputs by their content, not their key order', () => {
		expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 2 }], c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: [2, { x: 2, y: 1 }] }, b: 1 }));
	});

	it('keeps an answer under the version it was looked up at, and a catalog write moves every lookup past it', async () => {
		const { seen, onLookup } = counting();
		const cache = createReadCache({ prefix: `t-${randomUUID()}`, onLookup });
		const first = await cache.lookup(shop.db, 'catalog.list', '{"limit":3}');
		expect(first.answer).toBeUndefined();
		const kept = await cache.through(first.key, async () => answer('first'));
		expect((await cache.lookup(shop.db, 'catalog.list', '{"limit":3}')).answer).toEqual(kept);
		expect((await cache.lookup(shop.db, 'catalog.list', '{"limit":4}')).answer).toBeUndefined();
		expect(seen).toEqual({ hit: 1, miss: 2 });

		const [row] = await shop.db.select({ id: products.id, priceMinor: products.priceMinor }).from(products).limit(1);
		await shop.db.update(products).set({ priceMinor: row!.priceMinor + 1 }).where(eq(products.id, row!.id));
		const after = await cache.lookup(shop.db, 'catalog.list', '{"limit":3}');
		expect(after.key).not.toBe(first.key);
		expect(after.answer).toBeUndefined();
	});

	it('makes an answer once for the requests that ask while it is being made, and nothing when it comes to nothing', async () => {
		const cache = createReadCache({ prefix: `t-${randomUUID()}` });
		let made = 0;
		const make = async () => {
			made++;
			await new Promise((resolve) => setTimeout(resolve, 20));
			return answer('shared');
		};
		const [a, b] = await Promise.all([cache.through('k', make), cache.through('k', make)]);
		expect(made).toBe(1);
		expect(b).toBe(a);
		expect(await cache.through('refused', async () => undefined)).toBeUndefined();
		const failed = cache.through('failing', async () => {
			throw new Error('database gone');
		});
		const waiting = cache.through('failing', async () => answer('never'));
		await expect(failed).rejects.toThrow('database gone');
		expect(await waiting).toBeUndefined();
	});

	it('stays within its memory bound over 10,000 distinct keys, counting the compressed forms', async () => {
		const maxBytes = 1024 * 1024;
		const cache = createReadCache({ prefix: `t-${randomUUID()}`, maxBytes });
		for (let i = 0; i < 10_000; i++) await cache.through(`key-${i}`, async () => answer(String(i), i % 100));
		const { bytes, entries } = cache.usage();
		expect(bytes).toBeLessThanOrEqual(maxBytes);
		// Each entry takes about 1,600 bytes with its forms (1,000 of them plain): counted whole, about 650 fit.
		expect(entries).toBeGreaterThan(500);
		expect(entries).toBeLessThan(maxBytes / 1500);
		expect(await cache.through('too-big', async () => ({ etag: 'W/"big"', plain: Buffer.alloc(maxBytes + 1) }))).toBeDefined();
		expect(cache.usage().bytes).toBeLessThanOrEqual(maxBytes);
	});

	it('goes on without Redis when Redis cannot be reached', async () => {
		const dead = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
		dead.on('error', () => {});
		const cache = createReadCache({ redis: dead, prefix: `t-${randomUUID()}` });
		const { key, answer: held } = await cache.lookup(shop.db, 'catalog.collections', '-');
		expect(held).toBeUndefined();
		await cache.through(key, async () => answer('alone'));
		expect((await cache.lookup(shop.db, 'catalog.collections', '-')).answer?.etag).toBe('W/"alone"');
		dead.disconnect();
	});

	it.runIf(redisUrl)('shares every form of an answer between instances through Redis, and each moves on at a write', async () => {
		const prefix = `t-${randomUUID()}`;
		const [a, b] = [new Redis(redisUrl!), new Redis(redisUrl!)];
		await Promise.all([a.ping(), b.ping()]);
		const instanceA = createReadCache({ redis: a, prefix });
		const instanceB = createReadCache({ redis: b, prefix });
		const found = await instanceA.lookup(shop.db, 'catalog.list', '{"limit":5}');
		const kept = await instanceA.through(found.key, async () => answer('from A', 7));
		await new Promise((resolve) => setTimeout(resolve, 50)); // the shared copy is written in the background
		expect((await instanceB.lookup(shop.db, 'catalog.list', '{"limit":5}')).answer).toEqual(kept);

		const [row] = await shop.db.select({ id: products.id, priceMinor: products.priceMinor }).from(products).limit(1);
		await shop.db.update(products).set({ priceMinor: row!.priceMinor + 7 }).where(eq(products.id, row!.id));
		expect((await instanceB.lookup(shop.db, 'catalog.list', '{"limit":5}')).answer).toBeUndefined();
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
		const feed = new ChangeFeed(shop.database);
		await feed.start();
		try {
			const heard: ChangeEvent[] = [];
			const stop = feed.subscribe((event) => heard.push(event));
			const [first] = await shop.db.select({ id: products.id }).from(products).limit(1);
			const rolledBack = shop.db.transaction(async (tx) => {
				const changed = await tx.update(products).set({ title: 'Never seen' }).where(eq(products.id, first!.id)).returning();
				expect(changed).toHaveLength(1);
				throw new Error('roll back');
			});
			await expect(rolledBack).rejects.toThrow('roll back');
			await new Promise((resolve) => setTimeout(resolve, 200));
			expect(heard).toEqual([]);
			stop();

			const catalog = next(feed, (e) => e.type === 'catalog');
			const [row] = await shop.db.select({ id: products.id }).from(products).limit(1);
			await shop.db.update(productVariants).set({ inventory: 40 }).where(eq(productVariants.id, row!.id));
			expect(await catalog).toEqual({ type: 'catalog', version: await currentVersion(shop.db) });
		} finally {
			await feed.stop();
		}
	});

	it("tells a user's cart, favorites and orders changes, naming the user", async () => {
		const feed = new ChangeFeed(shop.database);
		await feed.start();
		try {
			const [user] = await shop.fixtures.makeUsers(1);
			const productId = await shop.fixtures.makeProduct(5);
			const cart = next(feed, (e) => e.type === 'user' && e.what === 'cart');
			await shop.fixtures.cartOf(user, [{ productId, quantity: 1 }]);
			expect(await cart).toEqual({ type: 'user', userId: user.id, what: 'cart' });
		} finally {
			await feed.stop();
		}
	});
});
