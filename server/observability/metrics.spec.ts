import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import { collections, outboxEvents, products, pushDeliveries, pushSubscriptions, sessions, users } from '../db/schema';
import { openTestDatabase } from '../db/test-database';
import { GET } from '../../src/routes/metrics/+server';
import { createReadCache } from '../services/read-cache';
import { bearerMatches, cacheLookups, measureOutboxOf, measureReadCache, observeRequest, registry, routeLabel, syncOperations } from './metrics';

const procedures = new Set(['catalog.list', 'catalog.product', 'sync.push']);

/** The value of one series in the exposition text, or undefined when it is absent. */
function sample(text: string, series: string): number | undefined {
	const line = text.split('\n').find((l) => l.startsWith(`${series} `));
	return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('route labels', () => {
	it("are Kit's route id, tRPC procedures, or one label for the rest", () => {
		expect(routeLabel('/products/[slug]', '/products/linen-towel', procedures)).toBe('/products/[slug]');
		expect(routeLabel(null, '/wp-admin/setup.php', procedures)).toBe('unmatched');
		expect(routeLabel('/api/trpc/[...trpc]', '/api/trpc/catalog.list', procedures)).toBe('trpc:catalog.list');
		expect(routeLabel('/api/trpc/[...trpc]', '/api/trpc/nope.drop', procedures)).toBe('trpc:unknown');
		expect(routeLabel('/api/trpc/[...trpc]', '/api/trpc/catalog.list,catalog.product', procedures)).toBe('trpc:batch');
		expect(routeLabel('/api/trpc/[...trpc]', '/api/trpc/catalog.list,evil', procedures)).toBe('trpc:unknown');
		expect(routeLabel('/api/trpc/[...trpc]', '/api/trpc/%E0%A4%A', procedures)).toBe('trpc:unknown');
	});
});

describe('the registry', () => {
	it('counts requests, their durations, cache lookups and sync operations', async () => {
		observeRequest('GET', '/products/[slug]', 200, 0.012);
		observeRequest('GET', '/products/[slug]', 200, 0.3);
		observeRequest('POST', 'trpc:sync.push', 429, 0.002);
		observeRequest('BREW', 'unmatched', 404, 0.001);
		cacheLookups.inc({ cache: 'catalog', result: 'hit' });
		cacheLookups.inc({ cache: 'catalog', result: 'hit' });
		cacheLookups.inc({ cache: 'catalog', result: 'miss' });
		syncOperations.inc({ op: 'pull' });

		const text = await registry.metrics();
		expect(sample(text, 'http_requests_total{method="GET",route="/products/[slug]",status="200"}')).toBe(2);
		expect(sample(text, 'http_requests_total{method="POST",route="trpc:sync.push",status="429"}')).toBe(1);
		expect(sample(text, 'http_requests_total{method="OTHER",route="unmatched",status="404"}')).toBe(1);
		expect(sample(text, 'http_request_duration_seconds_count{method="GET",route="/products/[slug]"}')).toBe(2);
		expect(sample(text, 'http_request_duration_seconds_bucket{le="0.025",method="GET",route="/products/[slug]"}')).toBe(1);
		expect(sample(text, 'http_request_duration_seconds_sum{method="GET",route="/products/[slug]"}')).toBeCloseTo(0.312);
		expect(sample(text, 'cache_lookups_total{cache="catalog",result="hit"}')).toBe(2);
		expect(sample(text, 'cache_lookups_total{cache="catalog",result="miss"}')).toBe(1);
		expect(sample(text, 'sync_operations_total{op="pull"}')).toBe(1);
		// The default process metrics come along.
		expect(text).toContain('process_cpu_user_seconds_total');
		expect(text).toContain('nodejs_eventloop_lag_seconds');
	});
});

describe('read cache size', () => {
	it("is what the cache's in-process copies take at scrape time, every form counted", async () => {
		const cache = createReadCache({ prefix: 'metrics-test' });
		measureReadCache(() => cache.usage());
		await cache.through('a', async () => ({ etag: 'W/"a"', plain: Buffer.alloc(2000), gzip: Buffer.alloc(400), br: Buffer.alloc(300) }));
		await cache.through('b', async () => ({ etag: 'W/"b"', plain: Buffer.alloc(100) }));
		const text = await registry.metrics();
		expect(sample(text, 'read_cache_entries')).toBe(2);
		expect(sample(text, 'read_cache_bytes')).toBe(2 * (5 + 1) + 2000 + 400 + 300 + 100);
	});
});

describe('outbox depth', () => {
	let database: Database;

	beforeAll(async () => {
		database = await openTestDatabase();
		const now = new Date();
		await database.db.insert(outboxEvents).values([
			{ type: 'order_created' },
			{ type: 'order_created', attempts: 3 },
			{ type: 'password_reset' },
			{ type: 'order_paid', sentAt: now },
			{ type: 'order_paid', failedAt: now, attempts: 8 }
		]);
		// Three pushes queued for one device, one of them sent.
		const { db } = database;
		const [collection] = await db.insert(collections).values({ slug: 'c', title: 'C' }).returning();
		const [product] = await db.insert(products).values({ slug: 'p', title: 'P', priceMinor: 100, collectionId: collection!.id }).returning();
		const [user] = await db.insert(users).values({ email: 'push@metrics.test', passwordHash: 'x' }).returning();
		await db.insert(sessions).values({ id: 's', secretHash: 'x', userId: user!.id, expiresAt: new Date(Date.now() + 60_000) });
		const [device] = await db.insert(pushSubscriptions).values({ userId: user!.id, sessionId: 's', endpoint: 'https://push.example.net/1', p256dh: 'k', auth: 'a' }).returning();
		await db.insert(pushDeliveries).values(
			[1, 2, 3].map((version) => ({ subscriptionId: device!.id, productId: product!.id, kind: 'restock' as const, version, priceMinor: 100, previousPriceMinor: 100, sentAt: version === 3 ? now : null }))
		);
	});
	afterAll(() => database?.close());
	afterEach(() => measureOutboxOf(undefined));

	it('is counted at scrape time: pending rows by kind, zero for kinds with none', async () => {
		expect(await registry.metrics()).not.toContain('outbox_depth{');
		measureOutboxOf(async () => database.db);
		const text = await registry.metrics();
		expect(sample(text, 'outbox_depth{kind="order_created"}')).toBe(2);
		expect(sample(text, 'outbox_depth{kind="password_reset"}')).toBe(1);
		expect(sample(text, 'outbox_depth{kind="order_paid"}')).toBe(0);
		expect(sample(text, 'outbox_depth{kind="order_refunded"}')).toBe(0);
		expect(sample(text, 'outbox_depth{kind="push"}')).toBe(2);
	});

	it('keeps the last values, and still answers, when the database fails or hangs', async () => {
		measureOutboxOf(async () => database.db);
		await registry.metrics();
		measureOutboxOf(() => Promise.reject(new Error('connection refused')));
		const failed = await registry.metrics();
		expect(sample(failed, 'outbox_depth{kind="order_created"}')).toBe(2);
		expect(failed).toContain('http_requests_total');

		measureOutboxOf(() => new Promise(() => {}));
		const started = Date.now();
		const hung = await registry.metrics();
		expect(Date.now() - started).toBeLessThan(3000);
		expect(sample(hung, 'outbox_depth{kind="order_created"}')).toBe(2);
	});
});

describe('GET /metrics', () => {
	const scrape = (authorization?: string) =>
		GET({ request: new Request('http://shop.test/metrics', { headers: authorization ? { authorization } : {} }) } as Parameters<typeof GET>[0]);
	const saved = process.env.METRICS_TOKEN;
	afterEach(() => {
		if (saved === undefined) delete process.env.METRICS_TOKEN;
		else process.env.METRICS_TOKEN = saved;
	});

	it('is open when no METRICS_TOKEN is set', async () => {
		delete process.env.METRICS_TOKEN;
		const response = await scrape();
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('text/plain');
		expect(await response.text()).toContain('# TYPE http_requests_total counter');
	});

	it('asks for the bearer token when METRICS_TOKEN is set', async () => {
		process.env.METRICS_TOKEN = 's3cret-scrape-token';
		for (const header of [undefined, 'Bearer wrong', 'Bearer s3cret-scrape-tok', 'Basic s3cret-scrape-token', 's3cret-scrape-token', 'Bearer ']) {
			const response = await scrape(header);
			expect(response.status, String(header)).toBe(401);
			expect(await response.text()).not.toContain('http_requests_total');
		}
		const response = await scrape('Bearer s3cret-scrape-token');
		expect(response.status).toBe(200);
		expect(await response.text()).toContain('http_requests_total');
	});

	it('compares whole tokens', () => {
		expect(bearerMatches('Bearer abc', 'abc')).toBe(true);
		expect(bearerMatches('bearer abc', 'abc')).toBe(true);
		expect(bearerMatches('Bearer abcd', 'abc')).toBe(false);
		expect(bearerMatches('Bearer ab', 'abc')).toBe(false);
		expect(bearerMatches(null, 'abc')).toBe(false);
	});
});
