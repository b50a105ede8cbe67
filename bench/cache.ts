// `npm run bench:cache [-- --seconds N --connections N]`: what the public-read cache buys on
// a filtered, sorted catalog.list page, next to the server's own ceiling: `/healthz` and
// catalog.list with the cache on (100 % hits) against the same server, and with it off
// (READ_CACHE=off) against another on the same database; PGlite, then Postgres; then two
// instances sharing one Postgres and one Redis; and how long a catalog write takes to reach
// an open tab over /api/events. Load comes from autocannon in a process of its own.
// A benchmark, not a test: targets are printed next to the figures, never asserted.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { ensureBuild } from '../scripts/ensure-build.js';
import { createPostgresDatabase, freePort, seed, snapshotBuild, startServer, stopServer } from './harness';
import type { CatalogListInput } from '../src/lib/shared/catalog-input';
import { listen, printTab, tabLatency, type TabFigures } from './cache-events';
import { WARM_UP_SECONDS, load, loaders, printRuns, type Figures } from './cache-load';
import { printReadmeTables, type Triple } from './cache-report';

const PRODUCTS = 10_000;
// Cached catalog.list as a share of /healthz on the same server, its p99 at 32 connections on Postgres, and write → tab.
const TARGET = { ofHealthz: { PGlite: 0.3, Postgres: 0.5 } as Record<string, number>, p99: 20, tabP95: 100 };
const ADMIN = { email: 'admin@store.test', password: 'admin-demo-password' }; // the seeded demo admin
const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const METRICS_TOKEN = randomBytes(12).toString('hex');

// The same shop queries as bench/catalog.ts: a collection page, a price band, a search, a browse (and its page 2).
const inputs: CatalogListInput[] = [
	{ collection: 'coffee-tea', inStock: true, sort: 'price_asc', limit: 24 },
	{ minPrice: 1000, maxPrice: 8000, sort: 'rating', limit: 24 },
	{ q: 'mug', sort: 'newest', limit: 24 },
	{ sort: 'title', inStock: true, limit: 24 }
];
const listPath = (input: CatalogListInput) => `/api/trpc/catalog.list?input=${encodeURIComponent(JSON.stringify(input))}`;

const { values } = parseArgs({ options: { connections: { type: 'string' }, seconds: { type: 'string' } } });
const connections = Number(values.connections ?? 32);
const seconds = Number(values.seconds ?? 10);
if (!Number.isInteger(connections) || connections < 2 || !(seconds > 0)) {
	console.error('--connections takes a whole number ≥ 2 and --seconds a positive number');
	process.exit(2);
}

// Everything started here, so that it is stopped however the run ends; `finally` blocks do it
// on success and failure, this on Ctrl-C (the database is dropped too) and on any exit.
const servers = new Set<ChildProcess>();
const tempDirs = new Set<string>();
const tempDir = () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-bench-cache-'));
	tempDirs.add(dir);
	return dir;
};
const removeTempDir = (dir: string) => {
	fs.rmSync(dir, { recursive: true, force: true });
	tempDirs.delete(dir);
};
let removeBuild: (() => void) | undefined;
let dropDatabase: (() => Promise<void>) | undefined;
const killGroup = (pid: number) => {
	try {
		process.kill(-pid, 'SIGKILL');
	} catch {
		// Already gone.
	}
};
const killAll = () => {
	for (const child of loaders) if (child.pid && child.exitCode === null) killGroup(child.pid);
	for (const child of servers) if (child.exitCode === null) child.kill('SIGKILL');
	for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
	removeBuild?.();
};
process.once('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, async () => {
		killAll();
		await dropDatabase?.().catch(() => {});
		process.exit(130);
	});
}

async function serve(env: NodeJS.ProcessEnv): Promise<{ base: string; origin: string; child: ChildProcess }> {
	const port = await freePort(4400);
	const child = await startServer({ ...env, METRICS_TOKEN }, port, build.entry);
	servers.add(child);
	return { base: `http://127.0.0.1:${port}`, origin: `http://localhost:${port}`, child };
}

async function stop(child: ChildProcess) {
	await stopServer(child);
	servers.delete(child);
}

/** The paths to load, checked first: a full page of 24 with a cursor, whose page 2 joins the mix. */
async function catalogPaths(base: string): Promise<{ paths: string[]; firstId: string }> {
	const pages: { items: { id: string }[]; nextCursor: string | null }[] = [];
	for (const input of inputs) {
		const response = await fetch(base + listPath(input));
		if (response.status !== 200) throw new Error(`catalog.list answered ${response.status}: ${await response.text()}`);
		pages.push(((await response.json()) as { result: { data: (typeof pages)[number] } }).result.data);
	}
	const browse = pages[3]!;
	if (browse.items.length !== 24 || !browse.nextCursor) throw new Error(`expected a full page of 24 with a cursor, got ${browse.items.length}`);
	return { paths: [...inputs.map(listPath), listPath({ ...inputs[3]!, cursor: browse.nextCursor })], firstId: browse.items[0]!.id };
}

/** Signs in as the demo admin through the login form; returns the headers of an admin tRPC call. */
async function adminHeaders(base: string, origin: string): Promise<Record<string, string>> {
	const response = await fetch(`${base}/login`, {
		method: 'POST',
		headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(ADMIN),
		redirect: 'manual'
	});
	const session = response.headers.getSetCookie().find((c) => c.startsWith('session='));
	if (response.status !== 303 || !session) throw new Error(`signing in as ${ADMIN.email} answered ${response.status}`);
	return { origin, cookie: session.split(';')[0]!, 'content-type': 'application/json' };
}

const triples: Triple[] = [];
const tabs: TabFigures[] = [];
let shared: { each: Figures[]; combined: Figures } | undefined;
let failed = false;

/** One measured run of `paths` against one server, printed as it ends. */
async function measure(label: string, server: Awaited<ReturnType<typeof serve>>, paths: string[]) {
	const run = await load([{ label, base: server.base, child: server.child, connections }], paths, seconds, METRICS_TOKEN);
	printRuns(run.each);
	console.log(run.cpu);
	return run.each[0]!;
}

/**
 * catalog.list with READ_CACHE=off; then, on one server with the cache on, /healthz and
 * catalog.list. `during` runs while the cached server is still up.
 */
async function offThenOn(database: string, env: NodeJS.ProcessEnv, during?: (server: Awaited<ReturnType<typeof serve>>, firstId: string) => Promise<void>) {
	const offServer = await serve({ ...env, READ_CACHE: 'off' });
	let off: Figures;
	try {
		off = await measure(`${database}, cache off`, offServer, (await catalogPaths(offServer.base)).paths);
		if (off.lookups !== 0) console.log('note: the cache was looked up with READ_CACHE=off');
	} finally {
		await stop(offServer.child);
	}
	const server = await serve({ ...env, READ_CACHE: 'on' });
	try {
		const { paths, firstId } = await catalogPaths(server.base);
		const healthz = await measure(`${database}, /healthz`, server, ['/healthz']);
		const on = await measure(`${database}, cache on`, server, paths);
		console.log(
			`cached ÷ /healthz: ${percent(on.rps / healthz.rps)} of the req/s (target ≥ ${percent(TARGET.ofHealthz[database]!)}); ` +
				`cached ÷ uncached: ${(on.rps / off.rps).toFixed(2)}×`
		);
		triples.push({ database, healthz, off, on: { ...on, hitRatio: on.hitRatio ?? NaN } });
		if (during) await during(server, firstId);
	} finally {
		await stop(server.child);
	}
}

const percent = (ratio: number) => `${(ratio * 100).toFixed(0)}%`;

ensureBuild();
const build = snapshotBuild();
removeBuild = build.remove;
console.log(
	`cpus ${os.cpus().length} · node ${process.version} · load average ${os.loadavg()[0]!.toFixed(2)} · ${PRODUCTS.toLocaleString('en')} products · ` +
		`catalog.list (4 filtered, sorted pages of 24 + a page 2, gzip accepted) · autocannon in its own process, ${connections} connections, ${WARM_UP_SECONDS} s warm-up + ${seconds} s measured`
);

// 1. PGlite, embedded in the one server process.
console.log('\n== PGlite (one instance) ==');
const pgliteDir = tempDir();
try {
	// DATABASE_URL and REDIS_URL '' (not absent) so values inherited from the shell cannot win.
	const env = { ...process.env, DATABASE_URL: '', REDIS_URL: '', DATA_DIR: pgliteDir };
	console.log(`seeded in ${(seed(env, PRODUCTS) / 1000).toFixed(1)} s`);
	await offThenOn('PGlite', env, async (server, productId) => {
		// PGlite lives inside the server, so the write goes through the app: the admin's adjustStock over tRPC.
		const headers = await adminHeaders(server.base, server.origin);
		const tab = await listen(server.base);
		try {
			const t = await tabLatency('PGlite', 'admin.products.adjustStock over tRPC, timed from request sent', tab, async (i) => {
				const version = tab.latest() + 1; // nothing else writes the catalog meanwhile
				const sentAt = performance.now();
				const response = await fetch(`${server.base}/api/trpc/admin.products.adjustStock`, {
					method: 'POST',
					headers,
					body: JSON.stringify({ id: productId, change: i % 2 ? -1 : 1, reason: 'correction', note: 'bench:cache' })
				});
				if (response.status !== 200) throw new Error(`adjustStock answered ${response.status}: ${await response.text()}`);
				return { sentAt, version };
			});
			tabs.push(t);
			printTab(t);
		} finally {
			tab.close();
		}
	});
} catch (error) {
	failed = true;
	console.error('PGlite failed:', error instanceof Error ? error.message : error);
} finally {
	removeTempDir(pgliteDir);
}

// 2. Postgres: one instance off/on, then two instances sharing Postgres and Redis.
console.log(`\n== Postgres (${new URL(POSTGRES_URL).host}) ==`);
const database = await createPostgresDatabase(POSTGRES_URL).catch((error: unknown) => {
	console.log(`Postgres at ${new URL(POSTGRES_URL).host} is unreachable (${error instanceof Error ? error.message : error}): skipping the Postgres part.`);
	return undefined;
});
if (database) {
	dropDatabase = database.drop;
	const redis = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
	redis.on('error', () => {});
	const sql = postgres(database.url, { max: 1, onnotice: () => {} });
	const dataDir = tempDir(); // the instances' local mailbox and uploads
	try {
		const env = { ...process.env, DATABASE_URL: database.url, REDIS_URL: '', DATA_DIR: dataDir };
		console.log(`fresh database ${new URL(database.url).pathname.slice(1)}, seeded in ${(seed(env, PRODUCTS) / 1000).toFixed(1)} s`);
		console.log('one instance, in-process cache only (no REDIS_URL):');
		await offThenOn('Postgres', env);

		const redisUp = await redis.connect().then(
			() => true,
			() => false
		);
		console.log(`\ntwo instances, one Postgres${redisUp ? ` and one Redis (${new URL(REDIS_URL).host})` : `; Redis at ${new URL(REDIS_URL).host} is unreachable, so each keeps its own cache`}, cache on, ${Math.floor(connections / 2)} + ${Math.ceil(connections / 2)} connections:`);
		const both = { ...env, REDIS_URL: redisUp ? REDIS_URL : '' };
		const a = await serve(both);
		const b = await serve(both);
		const { paths, firstId } = await catalogPaths(a.base);
		const half = Math.floor(connections / 2);
		const run = await load(
			[
				{ label: 'instance A', base: a.base, child: a.child, connections: half },
				{ label: 'instance B', base: b.base, child: b.child, connections: connections - half }
			],
			paths,
			seconds,
			METRICS_TOKEN
		);
		printRuns([...run.each, run.combined]);
		console.log(run.cpu);
		shared = run;

		// Postgres is a server of its own, so this write is plain SQL (not through the app) and B hears it by NOTIFY.
		const tab = await listen(b.base);
		try {
			const t = await tabLatency('Postgres', 'UPDATE of a price by SQL, timed from just before COMMIT; tab on instance B', tab, async (i) => {
				let sentAt = 0;
				const version = await sql.begin(async (tx) => {
					const [row] = await tx`update products set price_minor = price_minor + ${i % 2 ? -1 : 1} where id = ${firstId} returning version`;
					sentAt = performance.now();
					return Number(row!.version);
				});
				return { sentAt, version };
			});
			tabs.push(t);
			printTab(t);
		} finally {
			tab.close();
			await Promise.all([stop(a.child), stop(b.child)]);
		}
	} catch (error) {
		failed = true;
		console.error('Postgres failed:', error instanceof Error ? error.message : error);
	} finally {
		for (const child of [...servers]) await stop(child);
		// The cache keys carry the database's identity: drop this run's from Redis with the database.
		if (redis.status === 'ready') {
			const [row] = await sql<{ id: string }[]>`select id from database_identity limit 1`.catch(() => []);
			if (row) {
				let cursor = '0';
				do {
					const [next, keys] = await redis.scan(cursor, 'MATCH', `store:answer:${row.id}:*`, 'COUNT', 1000);
					if (keys.length) await redis.del(...keys);
					cursor = next;
				} while (cursor !== '0');
			}
		}
		redis.disconnect();
		await sql.end();
		dropDatabase = undefined;
		await database.drop();
		removeTempDir(dataDir);
	}
}

// 3. What to paste into a README.
printReadmeTables({ products: PRODUCTS, connections, seconds, target: TARGET, triples, shared, tabs });
process.exit(failed ? 1 : 0);
