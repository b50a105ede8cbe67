import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimits } from '../auth/rate-limit';
import type { Database } from '../db/client';
import { seedCatalog } from '../db/seed';
import { demoProducts } from '../db/seed/catalog-data';
import { openTestDatabase } from '../db/test-database';
import { MAX_PULL, type PullResult } from '../../src/lib/shared/sync';
import { handleTrpcRequest, MAX_BATCH } from './http';
import { testProvider } from '../services/payments/test-provider';

let database: Database;

beforeAll(async () => {
	database = await openTestDatabase();
	await seedCatalog(database.db);
});
afterAll(() => database?.close());

async function query(path: string, input?: unknown) {
	const url = new URL(`http://store.test/api/trpc/${path}`);
	if (input !== undefined) url.searchParams.set('input', JSON.stringify(input));
	const response = await handleTrpcRequest(new Request(url), { db: database.db, user: null, session: null, payments: testProvider, ip: null });
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
			{ db: database.db, user: null, session: null, payments: testProvider, ip: null }
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
		return handleTrpcRequest(new Request(url, { headers }), { db: database.db, user, session: null, payments: testProvider, ip: null });
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
				{ db: database.db, user: null, session: null, payments: testProvider, ip, limits }
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
		return handleTrpcRequest(new Request(url), { db: database.db, user: null, session: null, payments: testProvider, ip, limits });
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
