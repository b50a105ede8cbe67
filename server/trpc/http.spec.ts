import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createRateLimits } from '../auth/rate-limit';
import type { SessionUser } from '../auth/session';
import { products } from '../db/schema';
import { demoProducts } from '../db/seed/catalog-data';
import { MAX_PULL, type PullResult } from '../../src/lib/shared/sync';
import { handleTrpcRequest, MAX_BATCH } from './http';
import { createReadCache, type ReadCache } from '../services/read-cache';
import { testProvider } from '../services/payments/test-provider';
import { useSeededShop } from '../testing/seeded-shop';

const redisUrl = process.env.TEST_REDIS_URL;
const shop = useSeededShop();

async function query(path: string, input?: unknown) {
	const url = new URL(`http://store.test/api/trpc/${path}`);
	if (input !== undefined) url.searchParams.set('input', JSON.stringify(input));
	const response = await handleTrpcRequest(new Request(url), { db: shop.db, user: null, session: null, payments: testProvider, ip: null });
	return { status: response.status, body: await response.json() };
}

describe('/api/trpc over HTTP', () => {
	it('answers catalog.list with a page and a cursor', async () => {
		const { status, body } = await query('catalog.list', { sort: 'price_asc', limit: 5, inStock: true });
		expect(status).toBe(200);
		expect(body.result.data.items).toHaveLength(5);
		expect(body.result.data.total).toBeGreaterThan(5);
	});

	it('answers malformed input with 400 and readable zod issues', async () => {
		const { status, body } = await query('catalog.list', { limit: 'lots', sort: 'cheapest' });
		expect(status).toBe(400);
		expect(body.error.data.code).toBe('BAD_REQUEST');
		expect(body.error.message).toMatch(/limit/);
		expect(body.error.message).toMatch(/sort/);
		expect(body.error.data.zodIssues.map((i: { path: string[] }) => i.path[0]).sort()).toEqual(['limit', 'sort']);
		expect(body.error.data.stack).toBeUndefined();
	});

	it('refuses keys it does not know, such as a price or a role', async () => {
		const { status, body } = await query('catalog.list', { role: 'admin' });
		expect(status).toBe(400);
		expect(body.error.message).toMatch(/role/);
	});

	it('answers a garbled cursor and unparsable input with 400, not 500', async () => {
		expect((await query('catalog.list', { cursor: 'garbage' })).status).toBe(400);
		const response = await handleTrpcRequest(
			new Request('http://store.test/api/trpc/catalog.list?input=%7Bnot-json'),
			{ db: shop.db, user: null, session: null, payments: testProvider, ip: null }
		);
		expect(response.status).toBe(400);
	});

	it('answers an unknown product with 404 and a known one with its details', async () => {
		expect((await query('catalog.product', { slug: 'no-such-product' })).status).toBe(404);
		expect((await query('catalog.product', { id: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
		const { status, body } = await query('catalog.product', { slug: demoProducts[0]!.slug });
		expect(status).toBe(200);
		expect(body.result.data.title).toBe(demoProducts[0]!.title);
	});

	it('lists reviews of a product, and 404s for an unknown product', async () => {
		const product = (await query('catalog.product', { slug: demoProducts[1]!.slug })).body.result.data;
		const { status, body } = await query('reviews.list', { productId: product.id, limit: 50 });
		expect(status).toBe(200);
		expect(body.result.data.items).toHaveLength(product.reviewCount);
		expect((await query('reviews.list', { productId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
		expect((await query('reviews.list', { productId: 'nope' })).status).toBe(400);
	});

	it('answers an unknown procedure with 404', async () => {
		expect((await query('catalog.nothing')).status).toBe(404);
	});

	it('lists collections with counts', async () => {
		const { status, body } = await query('catalog.collections');
		expect(status).toBe(200);
		const total = body.result.data.reduce((n: number, c: { productCount: number }) => n + c.productCount, 0);
		expect(total).toBe(demoProducts.length);
	});
});

describe('HTTP caching of public reads', () => {
	const get = (path: string, input: unknown, headers: Record<string, string> = {}, user: Parameters<typeof handleTrpcRequest>[1]['user'] = null) => {
		const url = new URL(`http://store.test/api/trpc/${path}`);
		url.searchParams.set('input', JSON.stringify(input));
		return handleTrpcRequest(new Request(url, { headers }), { db: shop.db, user, session: null, payments: testProvider, ip: null });
	};

	it('gives a visitor an ETag and shared-cache headers, and 304 for a copy it already holds', async () => {
		const first = await get('catalog.list', { limit: 3 });
		const etag = first.headers.get('etag')!;
		expect(etag).toMatch(/^W\/"[\w-]+"$/);
		expect(first.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=60, stale-while-revalidate=300');
		expect((await first.json()).result.data.items).toHaveLength(3);

		const again = await get('catalog.list', { limit: 3 }, { 'if-none-match': etag });
		expect(again.status).toBe(304);
		expect(await again.text()).toBe('');
		expect(again.headers.get('etag')).toBe(etag);

		// Another page is another representation.
		const other = await get('catalog.list', { limit: 4 }, { 'if-none-match': etag });
		expect(other.status).toBe(200);
		expect(other.headers.get('etag')).not.toBe(etag);
	});

	it('never marks personal or failed answers as shareable', async () => {
		const shopper = { id: crypto.randomUUID(), email: 'someone@example.com', role: 'customer' as const };
		const signedIn = await get('catalog.list', { limit: 3 }, {}, shopper);
		expect(signedIn.headers.get('etag')).toBeNull();
		expect(signedIn.headers.get('cache-control')).toBeNull();
		const pull = await get('sync.pull', { cursor: null, limit: 1 });
		expect(pull.headers.get('cache-control')).toBeNull();
		const bad = await get('catalog.list', { limit: 'lots' });
		expect(bad.status).toBe(400);
		expect(bad.headers.get('etag')).toBeNull();
	});
});

describe('rate limits over HTTP', () => {
	it('answers a caller over budget with 429, Retry-After and the wait in the error, and lets another caller through', async () => {
		const limits = createRateLimits({ prefix: `http-${crypto.randomUUID()}`, limits: { push: { perUser: 100, perIp: 2, seconds: 60 } } });
		const push = (ip: string) =>
			handleTrpcRequest(
				new Request('http://store.test/api/trpc/sync.push', {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ clientGroupId: crypto.randomUUID(), clientId: crypto.randomUUID(), mutations: [{ id: 1, name: 'cart.clear', args: {} }] })
				}),
				{ db: shop.db, user: null, session: null, payments: testProvider, ip, limits }
			);
		expect((await push('203.0.113.7')).status).toBe(200);
		expect((await push('203.0.113.7')).status).toBe(200);
		const refused = await push('203.0.113.7');
		expect(refused.status).toBe(429);
		const wait = Number(refused.headers.get('retry-after'));
		expect(wait).toBeGreaterThan(0);
		expect(wait).toBeLessThanOrEqual(60);
		const body = await refused.json();
		expect(body.error.data.code).toBe('TOO_MANY_REQUESTS');
		expect(body.error.data.retryAfter).toBe(wait);
		expect((await push('203.0.113.8')).status).toBe(200);
	});
});

/** Catalog rows (products, collections and shipping methods) in one pull's answer. */
const rowsOf = (answer: { result?: { data: PullResult } }) => {
	const data = answer.result?.data;
	return data ? data.products.length + data.collections.length + data.shippingMethods.length : 0;
};

describe('batches', () => {
	const batch = (calls: { path: string; input: unknown }[], limits?: ReturnType<typeof createRateLimits>, ip = '198.51.100.1') => {
		const url = new URL(`http://store.test/api/trpc/${calls.map((c) => c.path).join(',')}`);
		url.searchParams.set('batch', '1');
		url.searchParams.set('input', JSON.stringify(Object.fromEntries(calls.map((c, i) => [i, c.input]))));
		return handleTrpcRequest(new Request(url), { db: shop.db, user: null, session: null, payments: testProvider, ip, limits });
	};
	const pulls = (count: number, limit: number) => Array.from({ length: count }, () => ({ path: 'sync.pull', input: { cursor: null, limit } }));

	it(`refuses a batch of more than ${MAX_BATCH} calls with 400, and answers one within it`, async () => {
		const tooMany = await batch(pulls(100, 1000));
		expect(tooMany.status).toBe(400);
		expect(JSON.stringify(await tooMany.json())).not.toContain('"rows"');
		expect((await batch(pulls(MAX_BATCH + 1, 1))).status).toBe(400);

		const within = await batch([{ path: 'catalog.collections', input: undefined }, ...pulls(MAX_BATCH - 1, 1)]);
		expect(within.status).toBe(200);
		const answers = await within.json();
		expect(answers).toHaveLength(MAX_BATCH);
		expect(answers.slice(1).every((a: { result: { data: PullResult } }) => rowsOf(a) === 1)).toBe(true);
	});

	it(`lets the pulls of one batch return ${MAX_PULL} catalog rows between them, not each`, async () => {
		const total = (answers: { result?: { data: PullResult } }[]) => answers.reduce((n, a) => n + rowsOf(a), 0);
		expect(total(await (await batch(pulls(3, 100))).json())).toBe(300);
		// Every pull asks for all it may: the first takes the whole allowance, the others find it spent.
		const alone = total(await (await batch(pulls(1, MAX_PULL))).json());
		const heavy = await (await batch(pulls(4, MAX_PULL))).json();
		expect(total(heavy)).toBe(alone);
		expect(heavy.filter((a: { error?: { data: { code: string } } }) => a.error?.data.code === 'BAD_REQUEST')).toHaveLength(3);
		// Asked for in parts, the allowance is shared out until it is spent.
		const parts = await (await batch(pulls(3, 400))).json();
		expect(parts.map(rowsOf)).toEqual([Math.min(400, alone), Math.min(400, alone), Math.min(200, alone)]);
	});

	it('spends the rate-limit points of every call it carries', async () => {
		const limits = createRateLimits({ prefix: `batch-${crypto.randomUUID()}`, limits: { pull: { perUser: 100, perIp: 5, seconds: 60 } } });
		const answers = await (await batch(pulls(MAX_BATCH, 1), limits, '198.51.100.9')).json();
		expect(answers.filter((a: { error?: { data: { code: string } } }) => a.error?.data.code === 'TOO_MANY_REQUESTS')).toHaveLength(MAX_BATCH - 5);
		expect((await batch(pulls(1, 1), limits, '198.51.100.9')).status).toBe(429);
	});
});

describe('public reads through the read cache', () => {
	const counted = (redis?: Redis, prefix = `http-${crypto.randomUUID()}`) => {
		const seen = { hit: 0, miss: 0 };
		const cache = createReadCache({ prefix, redis, onLookup: (_name, result) => void seen[result]++ });
		return { cache, seen };
	};
	const get = (cache: ReadCache | undefined, path: string, input?: unknown, headers: Record<string, string> = {}, user: SessionUser | null = null) => {
		const url = new URL(`http://store.test/api/trpc/${path}`);
		if (input !== undefined) url.searchParams.set('input', JSON.stringify(input));
		return handleTrpcRequest(new Request(url, { headers }), { db: shop.db, user, session: null, payments: testProvider, ip: '192.0.2.1' }, cache);
	};
	const page = { sort: 'price_asc', limit: 24 };
	const priceOf = async (response: Response, id: string) =>
		((await response.json()).result.data.items as { id: string; priceMinor: number }[]).find((p) => p.id === id)?.priceMinor;

	it('answers a repeated read with the bytes the router gave, and a write committed between two reads at once', async () => {
		const { cache, seen } = counted();
		const first = await get(cache, 'catalog.list', page);
		const body = await first.text();
		expect(body).toBe(await (await get(undefined, 'catalog.list', page)).text());
		// The same input with its keys in another order is the same entry.
		expect(await (await get(cache, 'catalog.list', { limit: 24, sort: 'price_asc' })).text()).toBe(body);
		expect(seen).toEqual({ hit: 1, miss: 1 });

		const cheapest = JSON.parse(body).result.data.items[0] as { id: string; priceMinor: number };
		await shop.db.update(products).set({ priceMinor: cheapest.priceMinor + 1 }).where(eq(products.id, cheapest.id));
		expect(await priceOf(await get(cache, 'catalog.list', page), cheapest.id)).toBe(cheapest.priceMinor + 1);
		expect(seen.miss).toBe(2);
	});

	it.runIf(redisUrl)('across two instances sharing Redis, neither serves a read from before a committed write', async () => {
		const prefix = `http-${crypto.randomUUID()}`;
		const [redisA, redisB] = [new Redis(redisUrl!), new Redis(redisUrl!)];
		await Promise.all([redisA.ping(), redisB.ping()]);
		const a = counted(redisA, prefix);
		const b = counted(redisB, prefix);
		const body = await (await get(a.cache, 'catalog.list', page)).text();
		await new Promise((resolve) => setTimeout(resolve, 50)); // the shared copy is written in the background
		expect(await (await get(b.cache, 'catalog.list', page)).text()).toBe(body);
		expect(b.seen).toEqual({ hit: 1, miss: 0 });

		const cheapest = JSON.parse(body).result.data.items[0] as { id: string; priceMinor: number };
		await shop.db.update(products).set({ priceMinor: cheapest.priceMinor + 7 }).where(eq(products.id, cheapest.id));
		expect(await priceOf(await get(b.cache, 'catalog.list', page), cheapest.id)).toBe(cheapest.priceMinor + 7);
		expect(await priceOf(await get(a.cache, 'catalog.list', page), cheapest.id)).toBe(cheapest.priceMinor + 7);
		redisA.disconnect();
		redisB.disconnect();
	});

	it('serves catalog.product, catalog.collections, reviews.list and the snapshot parts the same way', async () => {
		const { cache, seen } = counted();
		const product = (await (await get(cache, 'catalog.product', { slug: demoProducts[1]!.slug })).json()).result.data;
		const manifest = (await (await get(cache, 'sync.snapshot', {})).json()).result.data;
		const reads: [string, unknown][] = [
			['catalog.product', { slug: demoProducts[1]!.slug }],
			['catalog.collections', undefined],
			['reviews.list', { productId: product.id }],
			['sync.snapshot', { version: manifest.version, parts: manifest.parts, part: 0 }]
		];
		for (const [path, input] of reads) {
			const miss = await get(cache, path, input);
			expect(miss.status).toBe(200);
			const hits = seen.hit;
			const hit = await get(cache, path, input);
			expect(seen.hit, path).toBe(hits + 1);
			expect(await hit.text()).toBe(await miss.text());
		}
	});

	it('answers 304 to the ETag it gave, from the cache and without a body', async () => {
		const { cache, seen } = counted();
		const first = await get(cache, 'catalog.list', { limit: 3 });
		const etag = first.headers.get('etag')!;
		expect(etag).toBe((await get(undefined, 'catalog.list', { limit: 3 })).headers.get('etag'));
		expect(first.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=60, stale-while-revalidate=300');
		const again = await get(cache, 'catalog.list', { limit: 3 }, { 'if-none-match': etag });
		expect(again.status).toBe(304);
		expect(await again.text()).toBe('');
		expect(again.headers.get('etag')).toBe(etag);
		expect(seen.hit).toBe(1);
		expect((await get(cache, 'catalog.list', { limit: 4 }, { 'if-none-match': etag })).status).toBe(200);
	});

	it('sends one answer plain, gzipped and in brotli, the same after decoding', async () => {
		const { cache } = counted();
		const plain = await get(cache, 'catalog.list', page);
		const text = await plain.text();
		expect(plain.headers.get('content-encoding')).toBeNull();
		const gzipped = await get(cache, 'catalog.list', page, { 'accept-encoding': 'gzip' });
		expect(gzipped.headers.get('content-encoding')).toBe('gzip');
		const gzipBytes = Buffer.from(await gzipped.arrayBuffer());
		expect(gzipBytes.length).toBeLessThan(text.length / 2);
		expect(gunzipSync(gzipBytes).toString()).toBe(text);
		const brotli = await get(cache, 'catalog.list', page, { 'accept-encoding': 'gzip, deflate, br' });
		expect(brotli.headers.get('content-encoding')).toBe('br');
		expect(brotli.headers.get('vary')).toMatch(/Accept-Encoding/);
		expect(brotliDecompressSync(Buffer.from(await brotli.arrayBuffer())).toString()).toBe(text);
	});

	it("never gives a visitor anything of a signed-in person's, nor marks a signed-in answer shareable", async () => {
		const { cache, seen } = counted();
		const shopper: SessionUser = { id: crypto.randomUUID(), email: 'private-shopper@example.com', role: 'customer' };
		const signedIn = await get(cache, 'catalog.list', { limit: 5 }, {}, shopper);
		expect(signedIn.status).toBe(200);
		expect(signedIn.headers.get('etag')).toBeNull();
		expect(signedIn.headers.get('cache-control')).toBeNull();
		const visitor = await get(cache, 'catalog.list', { limit: 5 });
		expect(seen).toEqual({ hit: 1, miss: 1 });
		expect(visitor.headers.get('set-cookie')).toBeNull();
		expect(visitor.headers.get('cache-control')).toMatch(/^public/);
		const body = await visitor.text();
		expect(body).not.toContain(shopper.email);
		expect(body).not.toContain(shopper.id);
		expect(body).toBe(await signedIn.text());
	});

	it('keeps no refusal: bad input and unknown products are answered afresh every time', async () => {
		const { cache, seen } = counted();
		for (let i = 0; i < 2; i++) {
			expect((await get(cache, 'catalog.list', { limit: 'lots' })).status).toBe(400);
			expect((await get(cache, 'catalog.product', { slug: 'no-such-product' })).status).toBe(404);
		}
		expect(seen.hit).toBe(0);
	});

	it(`leaves pulls and batches to the router: the pull budget and the bound of ${MAX_BATCH} calls hold`, async () => {
		const { cache, seen } = counted();
		const limits = createRateLimits({ prefix: `cached-${crypto.randomUUID()}`, limits: { pull: { perUser: 100, perIp: 2, seconds: 60 } } });
		const pull = () =>
			handleTrpcRequest(
				new Request(`http://store.test/api/trpc/sync.pull?input=${encodeURIComponent(JSON.stringify({ cursor: null, limit: 1 }))}`),
				{ db: shop.db, user: null, session: null, payments: testProvider, ip: '198.51.100.20', limits },
				cache
			);
		expect([(await pull()).status, (await pull()).status, (await pull()).status]).toEqual([200, 200, 429]);
		const url = new URL(`http://store.test/api/trpc/${Array(MAX_BATCH + 1).fill('catalog.collections').join(',')}`);
		url.searchParams.set('batch', '1');
		expect((await handleTrpcRequest(new Request(url), { db: shop.db, user: null, session: null, payments: testProvider, ip: null }, cache)).status).toBe(400);
		expect(seen).toEqual({ hit: 0, miss: 0 });
	});
});
