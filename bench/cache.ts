// `npm run bench:cache [-- --seconds N --connections N]`: what the public-read cache buys on
// a filtered, sorted catalog.list page, next to the server's own ceiling: `/healthz` and
// catalog.list with the cache on (100 % hits) against the same server, and with it off
// (READ_CACHE=off) against another on the same database; PGlite, then Postgres; then two
// instances sharing one Postgres and one Redis; and how long a catalog write takes to reach
// an open tab over /api/events. Load comes from autocannon in a process of its own.
// A benchmark, not a test: targets are printed next to the figures, never asserted.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { ensureBuild } from '../scripts/ensure-build.js';
import { commandCpuMs, createPostgresDatabase, freePort, machineCpuMs, percentile, processCpuMs, root, seed, snapshotBuild, startServer, stopServer } from './harness';
import type { CatalogListInput } from '../src/lib/shared/catalog-input';

const PRODUCTS = 10_000;
const WARM_UP_SECONDS = 2;
const WRITES = 100;
const WRITE_GAP_MS = 50;
const EVENT_TIMEOUT_MS = 5_000;
// Cached catalog.list as a share of /healthz on the same server, its p99 at 32 connections on Postgres, and write → tab.
const TARGET = { ofHealthz: { PGlite: 0.3, Postgres: 0.5 } as Record<string, number>, p99: 20, tabP95: 100 };
const ADMIN = { email: 'admin@store.test', password: 'admin-demo-password' }; // the seeded demo admin
const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const METRICS_TOKEN = randomBytes(12).toString('hex');
const STORES = ['postgres', 'redis-server']; // their processes' CPU is counted apart

// The same shop queries as bench/catalog.ts: a collection page, a price band, a search, a browse (and its page 2).
const inputs: CatalogListInput[] = [
	{ collection: 'coffee-tea', inStock: true, sort: 'price_asc', limit: 24 },
	{ minPrice: 1000, maxPrice: 8000, sort: 'rating', limit: 24 },
	{ q: 'mug', sort: 'newest', limit: 24 },
	{ sort: 'title', inStock: true, limit: 24 }
];
// What a browser's fetch sends along: the app gzips answers for those who accept it, and that is part of the cost.
const BROWSER_HEADERS = { accept: '*/*', 'accept-encoding': 'gzip, deflate, br' };
const listPath = (input: CatalogListInput) => `/api/trpc/catalog.list?input=${encodeURIComponent(JSON.stringify(input))}`;

type LoadSpec = { base: string; paths: string[]; connections: number; seconds: number };
type LoadReport = { latencies: number[]; seconds: number; errors: number; timeouts: number; non2xx: number; cpuMs: number };
/** The part of autocannon's API used here (it ships no types). */
type Autocannon = (options: {
	url: string;
	connections: number;
	duration: number;
	headers: Record<string, string>;
	requests: { method: 'GET'; path: string }[];
}) => PromiseLike<{
	duration: number;
	errors: number;
	timeouts: number;
	non2xx: number;
}> & { on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void };

// The load generator: this file again, in its own process, so it never shares an event loop with the server.
if (process.env.BENCH_CACHE_LOAD) {
	const spec = JSON.parse(process.env.BENCH_CACHE_LOAD) as LoadSpec;
	const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
	const latencies: number[] = [];
	const cpu = process.cpuUsage();
	const run = autocannon({
		url: spec.base,
		connections: spec.connections,
		duration: spec.seconds,
		headers: BROWSER_HEADERS,
		requests: spec.paths.map((p) => ({ method: 'GET', path: p }))
	});
	run.on('response', (_client, _status, _bytes, ms) => latencies.push(Math.round(ms * 100) / 100));
	process.stdout.write('started\n');
	const result = await run;
	const used = process.cpuUsage(cpu);
	const report: LoadReport = { latencies, seconds: result.duration, errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, cpuMs: (used.user + used.system) / 1000 };
	process.stdout.write(`${JSON.stringify(report)}\n`);
	process.exit(0);
}

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
const loaders = new Set<ChildProcess>();
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

function startLoad(spec: LoadSpec): { started: Promise<void>; report: Promise<LoadReport> } {
	const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename], {
		cwd: root,
		env: { ...process.env, BENCH_CACHE_LOAD: JSON.stringify(spec) },
		stdio: ['ignore', 'pipe', 'inherit'],
		detached: true // its own process group, so it can be killed whole
	});
	loaders.add(child);
	const lines = readline.createInterface({ input: child.stdout! });
	let started!: () => void;
	const startedPromise = new Promise<void>((resolve) => (started = resolve));
	const report = new Promise<LoadReport>((resolve, reject) => {
		let last = '';
		lines.on('line', (line) => (line === 'started' ? started() : (last = line)));
		child.once('exit', (code) => {
			loaders.delete(child);
			started();
			if (code === 0 && last) resolve(JSON.parse(last) as LoadReport);
			else reject(new Error(`autocannon process exited with ${code}`));
		});
	});
	return { started: startedPromise, report };
}

type Figures = { label: string; requests: number; rps: number; p50: number; p95: number; p99: number; errors: number; non2xx: number; cpuPerRequest?: number; lookups?: number; hitRatio?: number };

function figures(label: string, reports: LoadReport[]): Figures {
	const latencies = reports.flatMap((r) => r.latencies).sort((a, b) => a - b);
	const rps = reports.reduce((sum, r) => sum + r.latencies.length / r.seconds, 0);
	const errors = reports.reduce((sum, r) => sum + r.errors + r.timeouts, 0);
	const non2xx = reports.reduce((sum, r) => sum + r.non2xx, 0);
	return { label, requests: latencies.length, rps, p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), p99: percentile(latencies, 0.99), errors, non2xx };
}

async function cacheLookups(base: string): Promise<{ hit: number; miss: number }> {
	const text = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
	const counts = { hit: 0, miss: 0 };
	for (const line of text.split('\n')) {
		if (!line.startsWith('cache_lookups_total{') || !line.includes('cache="catalog.list"')) continue;
		const value = Number(line.slice(line.lastIndexOf(' ') + 1));
		if (line.includes('result="hit"')) counts.hit += value;
		else if (line.includes('result="miss"')) counts.miss += value;
	}
	return counts;
}

/**
 * Warms up, then loads every target at once (each with its own autocannon process) and says
 * where the machine's CPU went meanwhile: both the load and the server run on these cores.
 */
async function load(targets: { label: string; base: string; child: ChildProcess; connections: number }[], paths: string[]) {
	const specs = targets.map((t) => ({ base: t.base, paths, connections: t.connections }));
	await Promise.all(specs.map((spec) => startLoad({ ...spec, seconds: WARM_UP_SECONDS }).report));
	const before = await Promise.all(targets.map((t) => cacheLookups(t.base)));
	const runs = specs.map((spec) => startLoad({ ...spec, seconds }));
	await Promise.all(runs.map((r) => r.started));
	const cpu0 = { machine: machineCpuMs(), servers: targets.map((t) => processCpuMs(t.child.pid)), stores: commandCpuMs(STORES), self: process.cpuUsage() };
	const reports = await Promise.all(runs.map((r) => r.report));
	const machine = machineCpuMs();
	const serverMs = targets.map((t, i) => processCpuMs(t.child.pid) - cpu0.servers[i]!);
	const storesMs = commandCpuMs(STORES) - cpu0.stores;
	const self = process.cpuUsage(cpu0.self);
	const after = await Promise.all(targets.map((t) => cacheLookups(t.base)));

	const each = targets.map((t, i) => {
		const hits = after[i]!.hit - before[i]!.hit;
		const lookups = hits + after[i]!.miss - before[i]!.miss;
		const f = figures(t.label, [reports[i]!]);
		return { ...f, cpuPerRequest: serverMs[i]! / f.requests, lookups, hitRatio: lookups ? hits / lookups : NaN };
	});
	const combined = figures('combined', reports);
	const wall = machine.total - cpu0.machine.total; // summed over cores
	const share = (ms: number) => `${Math.round((ms / wall) * 100 * os.cpus().length)}%`;
	const loaderMs = reports.reduce((sum, r) => sum + r.cpuMs, 0);
	const selfMs = (self.user + self.system) / 1000;
	const busy = machine.busy - cpu0.machine.busy;
	const allServersMs = serverMs.reduce((a, b) => a + b, 0);
	const otherMs = busy - allServersMs - storesMs - loaderMs - selfMs;
	const cpu =
		`CPU while measured (100% = one core, ${os.cpus().length} cores): ` +
		`${serverMs.map((ms, i) => `server${targets.length > 1 ? ` ${targets[i]!.label}` : ''} ${share(ms)}`).join(', ')}, ` +
		`Postgres + Redis ${share(storesMs)}, autocannon ${share(loaderMs)}, this script ${share(selfMs)}, other work on the machine ${share(otherMs)}, idle ${share(wall - busy)}`;
	return { each, combined: { ...combined, cpuPerRequest: allServersMs / combined.requests }, cpu };
}

function printRuns(rows: (Figures & { lookups?: number; hitRatio?: number })[]) {
	const table = [
		['run', 'requests', 'errors', 'non-2xx', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'server CPU ms/req', 'cache hits'],
		...rows.map((r) => [
			r.label,
			String(r.requests),
			String(r.errors),
			String(r.non2xx),
			r.rps.toFixed(0),
			r.p50.toFixed(1),
			r.p95.toFixed(1),
			r.p99.toFixed(1),
			r.cpuPerRequest === undefined ? '' : r.cpuPerRequest.toFixed(2),
			r.lookups === undefined ? '' : r.lookups === 0 ? 'no lookups' : `${(r.hitRatio! * 100).toFixed(1)}% of ${r.lookups}`
		])
	];
	const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
	for (const row of table) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
}

/** An open tab's view of /api/events: every `catalog` event, with when it arrived. */
async function listen(base: string) {
	const abort = new AbortController();
	const heard: { version: number; at: number }[] = [];
	let wake = () => {};
	const response = await fetch(`${base}/api/events`, { signal: abort.signal });
	if (response.status !== 200 || !response.body) throw new Error(`/api/events answered ${response.status}: ${await response.text()}`);
	const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
	void (async () => {
		let buffer = '';
		for (;;) {
			const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
			if (done) return;
			const at = performance.now();
			buffer += value;
			let end;
			while ((end = buffer.indexOf('\n\n')) >= 0) {
				const lines = buffer.slice(0, end).split('\n');
				buffer = buffer.slice(end + 2);
				const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
				if (lines.includes('event: catalog') && data) heard.push({ version: (JSON.parse(data) as { version: number }).version, at });
			}
			wake();
		}
	})();
	/** When an event of at least this version arrived (waiting for it), or null after the timeout. */
	async function arrival(version: number, timeoutMs = EVENT_TIMEOUT_MS): Promise<number | null> {
		const deadline = performance.now() + timeoutMs;
		for (;;) {
			const found = heard.find((h) => h.version >= version);
			if (found) return found.at;
			const left = deadline - performance.now();
			if (left <= 0) return null;
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, left);
				wake = () => (clearTimeout(timer), resolve());
			});
		}
	}
	await arrival(0); // the stream opens with the current version
	return { arrival, latest: () => heard.at(-1)?.version ?? 0, close: () => abort.abort() };
}

type TabFigures = { label: string; how: string; delivered: number; p50: number; p95: number; max: number };

/** WRITES product writes, one at a time and WRITE_GAP_MS apart; each timed from just before its commit to the tab. */
async function tabLatency(label: string, how: string, tab: Awaited<ReturnType<typeof listen>>, write: (i: number) => Promise<{ sentAt: number; version: number }>): Promise<TabFigures> {
	const delays: number[] = [];
	for (let i = 0; i < WRITES; i++) {
		const { sentAt, version } = await write(i);
		const at = await tab.arrival(version);
		if (at !== null) delays.push(at - sentAt);
		await new Promise((resolve) => setTimeout(resolve, WRITE_GAP_MS));
	}
	delays.sort((a, b) => a - b);
	return { label, how, delivered: delays.length, p50: percentile(delays, 0.5), p95: percentile(delays, 0.95), max: delays.at(-1) ?? NaN };
}

function printTab(t: TabFigures) {
	const missed = WRITES - t.delivered;
	console.log(`write → open tab (${t.how}): ${t.delivered}/${WRITES} events heard${missed ? ` (${missed} not within ${EVENT_TIMEOUT_MS} ms)` : ''}, p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms, max ${t.max.toFixed(1)} ms`);
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

type Triple = { database: string; healthz: Figures; off: Figures; on: Figures & { hitRatio: number } };
const triples: Triple[] = [];
const tabs: TabFigures[] = [];
let shared: { each: Figures[]; combined: Figures } | undefined;
let failed = false;

/** One measured run of `paths` against one server, printed as it ends. */
async function measure(label: string, server: Awaited<ReturnType<typeof serve>>, paths: string[]) {
	const run = await load([{ label, base: server.base, child: server.child, connections }], paths);
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
			paths
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
const ms = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? n.toFixed(1) : '–');
const mark = (ok: boolean) => (ok ? 'met' : 'missed');
const row = (cells: (string | number)[]) => console.log(`| ${cells.join(' | ')} |`);
const measured = (f: Figures) => [f.rps.toFixed(0), ms(f.p50), ms(f.p95), ms(f.p99), `${f.errors} / ${f.non2xx}`, f.cpuPerRequest === undefined ? '–' : f.cpuPerRequest.toFixed(2)];
console.log(`\n### Public-read cache: catalog.list, ${PRODUCTS.toLocaleString('en')} products, ${connections} connections, ${seconds} s (${os.cpus().length} cores shared by server, database and load generator)\n`);
row(['database', 'instances', 'run', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors / non-2xx', 'server CPU ms/req']);
row(Array(9).fill('---'));
for (const t of triples) {
	row([t.database, 1, '`/healthz`', ...measured(t.healthz)]);
	row([t.database, 1, 'catalog.list, cache off', ...measured(t.off)]);
	row([t.database, 1, `catalog.list, cache on (${(t.on.hitRatio * 100).toFixed(1)}% hits)`, ...measured(t.on)]);
}
if (shared) {
	for (const r of shared.each) row(['Postgres + Redis', r.label, 'catalog.list, cache on', ...measured(r)]);
	row(['Postgres + Redis', '2, combined', 'catalog.list, cache on', ...measured(shared.combined)]);
}
console.log('');
// Req/s also measures how much of the machine the server got; CPU per request does not.
row(['database', 'cached ÷ `/healthz`, req/s', 'target', 'cached ÷ `/healthz`, server CPU per request', 'cached ÷ uncached', `cached p99 ≤ ${TARGET.p99} ms`]);
row(Array(6).fill('---'));
for (const t of triples) {
	const ofHealthz = t.on.rps / t.healthz.rps;
	const target = TARGET.ofHealthz[t.database]!;
	const cpu = t.healthz.cpuPerRequest! / t.on.cpuPerRequest!;
	row([t.database, percent(ofHealthz), `≥ ${percent(target)}, ${mark(ofHealthz >= target)}`, percent(cpu), `${(t.on.rps / t.off.rps).toFixed(2)}×`, `${ms(t.on.p99)} ms, ${mark(t.on.p99 <= TARGET.p99)}`]);
}
console.log('');
row([`write → open tab (${WRITES} writes, ${WRITE_GAP_MS} ms apart)`, 'events heard', 'p50 ms', 'p95 ms', 'max ms', `p95 ≤ ${TARGET.tabP95} ms`]);
row(Array(6).fill('---'));
for (const t of tabs) row([`${t.label}: ${t.how}`, `${t.delivered}/${WRITES}`, ms(t.p50), ms(t.p95), ms(t.max), mark(t.delivered === WRITES && t.p95 <= TARGET.tabP95)]);
process.exit(failed ? 1 : 0);
