import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase, type Database } from '../server/db/client';
import { orderHistory, orders, products } from '../server/db/schema';
import { startCheckout } from '../server/services/checkout';
import { testProvider } from '../server/services/payments/test-provider';
import { shopFixtures, TEST_ADDRESS } from '../server/testing/shop-fixtures';
import { expect, test } from './fixtures';

// Two app instances of the production build on one Postgres and one Redis, as behind a
// load balancer. Needs the services that CI provides; skipped where they are absent.
const baseUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;
const PORTS = [4197, 4198] as const;
const ADMIN = { email: 'admin@store.test', password: 'admin-demo-password' } as const;

test.describe.configure({ mode: 'serial' });
test.skip(!baseUrl || !redisUrl, 'needs TEST_DATABASE_URL and TEST_REDIS_URL');

let database: Database;
let databaseUrl: string;
let dropDatabase: () => Promise<void>;
const instances: ChildProcess[] = [];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-scale-'));
const origin = (i: 0 | 1) => `http://localhost:${PORTS[i]}`;

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
		child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
	});
}

async function ready(url: string) {
	for (let i = 0; i < 300; i++) {
		if ((await fetch(`${url}/readyz`).catch(() => null))?.ok) return;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`${url} never became ready`);
}

test.beforeAll(async ({}, testInfo) => {
	if (testInfo.project.name !== 'desktop') return;
	test.setTimeout(120_000);
	const name = `store_scale_${randomBytes(5).toString('hex')}`;
	const admin = postgres(baseUrl!, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database "${name}"`);
	const url = new URL(baseUrl!);
	url.pathname = `/${name}`;
	databaseUrl = url.toString();
	dropDatabase = async () => {
		await admin.unsafe(`drop database if exists "${name}" with (force)`);
		await admin.end();
	};
	await run('npx', ['tsx', 'scripts/db-seed.ts'], { DATABASE_URL: databaseUrl });
	for (const i of [0, 1] as const) {
		const child = spawn('node', ['build/index.js'], {
			env: {
				...process.env,
				PORT: String(PORTS[i]),
				ORIGIN: origin(i),
				DATABASE_URL: databaseUrl,
				REDIS_URL: redisUrl,
				DATA_DIR: path.join(dataDir, String(i)),
				STRIPE_SECRET_KEY: '',
				EMAIL_WORKER: 'off',
				ORDER_REAP_SECONDS: '1',
				RATE_LIMIT_CHECKOUT: '3/100/60',
				LOG_LEVEL: 'warn'
			},
			stdio: ['ignore', 'ignore', 'inherit']
		});
		instances.push(child);
	}
	await Promise.all([ready(origin(0)), ready(origin(1))]);
	database = await openDatabase({ url: databaseUrl });
});

test.afterAll(async () => {
	await Promise.all(
		instances.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : (child.once('exit', resolve), child.kill('SIGTERM')))))
	);
	await database?.close();
	await dropDatabase?.();
	fs.rmSync(dataDir, { recursive: true, force: true });
});

test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'desktop', 'one pair of instances is enough'));

/** Signs in on instance i; the session is in the shared database, so it works on both. */
async function signIn(i: 0 | 1, account: { email: string; password: string }): Promise<string> {
	const response = await fetch(`${origin(i)}/login`, {
		method: 'POST',
		headers: { origin: origin(i), accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(account),
		redirect: 'manual'
	});
	expect(response.status).toBe(303);
	return response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

async function trpc(i: 0 | 1, procedure: string, input: unknown, cookie?: string, method: 'GET' | 'POST' = 'POST') {
	const url = `${origin(i)}/api/trpc/${procedure}`;
	const headers: Record<string, string> = { origin: origin(i), ...(cookie ? { cookie } : {}) };
	const response =
		method === 'GET'
			? await fetch(`${url}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers })
			: await fetch(url, { method, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(input) });
	return { status: response.status, headers: response.headers, body: (await response.json()) as { result?: { data: any }; error?: any } };
}

const page24 = { sort: 'price_asc', limit: 24 };

test('a price changed through one instance is what the other serves from its cache on the very next request', async () => {
	const first = await trpc(1, 'catalog.list', page24, undefined, 'GET');
	expect((await trpc(1, 'catalog.list', page24, undefined, 'GET')).body).toEqual(first.body);
	const target = first.body.result!.data.items[3] as { id: string; priceMinor: number };

	const cookie = await signIn(0, ADMIN);
	const current = (await trpc(0, 'admin.products.get', { id: target.id }, cookie, 'GET')).body.result!.data;
	const saved = await trpc(
		0,
		'admin.products.update',
		{ id: target.id, editToken: current.editToken, title: current.title, slug: current.slug, description: current.description, priceMinor: target.priceMinor + 1, currency: current.currency, collectionId: current.collectionId },
		cookie
	);
	expect(saved.status).toBe(200);

	const next = await trpc(1, 'catalog.list', page24, undefined, 'GET');
	expect(next.body.result!.data.items.find((p: { id: string }) => p.id === target.id).priceMinor).toBe(target.priceMinor + 1);
	const metrics = await (await fetch(`${origin(1)}/metrics`)).text();
	expect(metrics).toMatch(/cache_lookups_total\{cache="catalog.list",result="hit"\} [1-9]/);
});

test('an open event stream on one instance hears a change made through the other', async () => {
	const version = Number((await trpc(1, 'sync.snapshot', {}, undefined, 'GET')).body.result!.data.version);
	const controller = new AbortController();
	const stream = await fetch(`${origin(1)}/api/events?version=${version}`, { signal: controller.signal });
	expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
	const reader = stream.body!.getReader();
	const decoder = new TextDecoder();
	let text = '';
	await expect.poll(async () => (text += decoder.decode((await reader.read()).value ?? new Uint8Array())), { timeout: 5000 }).toContain(': connected');

	const cookie = await signIn(0, ADMIN);
	const [row] = await database.db.select({ id: products.id }).from(products).limit(1);
	const adjusted = await trpc(0, 'admin.products.adjustStock', { id: row!.id, change: 1, reason: 'received' }, cookie);
	expect(adjusted.status, JSON.stringify(adjusted.body)).toBe(200);
	await expect.poll(async () => (text += decoder.decode((await reader.read()).value ?? new Uint8Array())), { timeout: 5000 }).toMatch(/event: catalog\ndata: \{"version":\d+\}/);
	controller.abort();
});

test('a rate limit counts requests to both instances together', async () => {
	const shopper = { email: `scale-${randomUUID()}@example.com`, password: 'a long shopper password' };
	const signup = await fetch(`${origin(0)}/signup`, {
		method: 'POST',
		headers: { origin: origin(0), accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ ...shopper, firstName: 'Sam', lastName: 'Scale' }),
		redirect: 'manual'
	});
	expect(signup.status).toBe(303);
	const cookie = await signIn(1, shopper);
	// Three checkouts allowed per minute (RATE_LIMIT_CHECKOUT=3/100/60): two on one instance, one on the other.
	const statuses = [];
	for (const i of [0, 1, 0, 1] as const) statuses.push((await trpc(i, 'checkout.start', {}, cookie)).status);
	expect(statuses.slice(0, 3)).toEqual([400, 400, 400]);
	expect(statuses[3]).toBe(429);
	const refused = await trpc(0, 'checkout.start', {}, cookie);
	expect(refused.status).toBe(429);
	expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
});

test("both instances' reapers return the stock of expired orders exactly once", async () => {
	const fixtures = shopFixtures(database.db);
	const productId = await fixtures.makeProduct(10);
	const users = await fixtures.makeUsers(4);
	const shippingMethodId = await fixtures.methodId();
	const placed: string[] = [];
	for (const user of users) {
		const cartId = await fixtures.cartOf(user, [{ productId, quantity: 2 }]);
		const order = await startCheckout(database.db, user.id, { cartId, idempotencyKey: randomUUID(), shippingMethodId, address: TEST_ADDRESS, saveAddress: false }, testProvider);
		placed.push(order.id);
	}
	expect((await fixtures.inventoryOf(productId))).toBe(2);
	await database.db.update(orders).set({ expiresAt: new Date(Date.now() - 1000) }).where(sql`${orders.id} in ${placed}`);

	await expect.poll(() => fixtures.inventoryOf(productId), { timeout: 10_000 }).toBe(10);
	await new Promise((resolve) => setTimeout(resolve, 2500)); // both reapers run again: nothing more moves
	expect(await fixtures.inventoryOf(productId)).toBe(10);
	for (const id of placed) {
		const moves = await database.db.select().from(orderHistory).where(eq(orderHistory.orderId, id));
		expect(moves.filter((m) => m.toStatus === 'cancelled')).toHaveLength(1);
	}
});

test('an instance whose Redis is unreachable still serves the shop from the database, and says it is not ready', async () => {
	const port = 4199;
	const url = `http://localhost:${port}`;
	const child = spawn('node', ['build/index.js'], {
		env: { ...process.env, PORT: String(port), ORIGIN: url, DATABASE_URL: databaseUrl, REDIS_URL: 'redis://127.0.0.1:1', DATA_DIR: path.join(dataDir, 'dead-redis'), STRIPE_SECRET_KEY: '', EMAIL_WORKER: 'off', LOG_LEVEL: 'error' },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	try {
		for (let i = 0; i < 300 && !(await fetch(`${url}/healthz`).catch(() => null))?.ok; i++) await new Promise((resolve) => setTimeout(resolve, 100));
		const listUrl = `${url}/api/trpc/catalog.list?input=${encodeURIComponent(JSON.stringify(page24))}`;
		for (let i = 0; i < 3; i++) expect((await fetch(listUrl)).status).toBe(200);
		expect((await fetch(`${url}/products/walnut-serving-board`)).status).toBe(200);
		const push = await fetch(`${url}/api/trpc/sync.push`, {
			method: 'POST',
			headers: { origin: url, 'content-type': 'application/json' },
			body: JSON.stringify({ clientGroupId: randomUUID(), clientId: randomUUID(), mutations: [{ id: 1, name: 'cart.clear', args: {} }] })
		});
		expect(push.status).toBe(200);
		expect((await fetch(`${url}/readyz`)).status).toBe(503);
	} finally {
		await new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM')));
	}
});
