// `npm run bench:catalog [-- --concurrency N --seconds N]`: how much throughput a filtered,
// sorted catalog page costs next to a trivial endpoint, on the production build, against
// embedded PGlite and (when DATABASE_URL is set) Postgres. A benchmark, not a test.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuild } from '../scripts/ensure-build.js';
import { freePort, percentile, seed, startServer, stopServer } from './harness';
import type { CatalogListInput } from '../src/lib/shared/catalog-input';

const PRODUCTS = 10_000;
const WARM_UP_MS = 2_000;

const { values } = parseArgs({ options: { concurrency: { type: 'string' }, seconds: { type: 'string' } } });
const concurrency = Number(values.concurrency ?? 16);
const seconds = Number(values.seconds ?? 10);
if (!Number.isInteger(concurrency) || concurrency < 1 || !(seconds > 0)) {
	console.error('--concurrency takes a whole number ≥ 1 and --seconds a positive number');
	process.exit(2);
}

// Realistic shop queries: a collection page, a price band, a search, a browse, each 24 items.
const inputs: CatalogListInput[] = [
	{ collection: 'coffee-tea', inStock: true, sort: 'price_asc', limit: 24 },
	{ minPrice: 1000, maxPrice: 8000, sort: 'rating', limit: 24 },
	{ q: 'mug', sort: 'newest', limit: 24 },
	{ sort: 'title', inStock: true, limit: 24 }
];
const listUrl = (base: string, input: CatalogListInput) =>
	`${base}/api/trpc/catalog.list?input=${encodeURIComponent(JSON.stringify(input))}`;

type Page = { items: unknown[]; nextCursor: string | null };
async function listPage(url: string): Promise<Page> {
	const response = await fetch(url);
	if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
	return ((await response.json()) as { result: { data: Page } }).result.data;
}

type Result = { name: string; requests: number; errors: number; rps: number; p50: number; p95: number; p99: number };

/** Closed loop: each worker sends its next request as soon as the previous one is answered. */
async function load(name: string, next: () => string): Promise<Result> {
	const latencies: number[] = [];
	let errors = 0;
	const start = performance.now();
	const measureFrom = start + WARM_UP_MS;
	const stopAt = measureFrom + seconds * 1000;
	let lastEnd = measureFrom;
	const worker = async () => {
		while (performance.now() < stopAt) {
			const sent = performance.now();
			let ok = false;
			try {
				const response = await fetch(next());
				await response.arrayBuffer(); // the whole body, as a browser would read it
				ok = response.status === 200;
			} catch {
				ok = false;
			}
			const done = performance.now();
			if (sent < measureFrom) continue;
			latencies.push(done - sent);
			if (!ok) errors++;
			lastEnd = Math.max(lastEnd, done);
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	latencies.sort((a, b) => a - b);
	const at = (q: number) => percentile(latencies, q);
	const elapsed = (lastEnd - measureFrom) / 1000;
	return { name, requests: latencies.length, errors, rps: latencies.length / elapsed, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

async function benchTarget(base: string) {
	// Make sure the catalog endpoint really does the work we mean to measure.
	const first = await listPage(listUrl(base, inputs[3]!));
	if (first.items.length !== 24 || !first.nextCursor) throw new Error(`expected a full page of 24 with a cursor, got ${first.items.length}`);
	for (const input of inputs) await listPage(listUrl(base, input));
	const urls = [...inputs.map((input) => listUrl(base, input)), listUrl(base, { ...inputs[3]!, cursor: first.nextCursor })];
	let i = 0;
	const health = await load('/healthz', () => `${base}/healthz`);
	const list = await load('catalog.list', () => urls[i++ % urls.length]!);
	return [health, list];
}

function printTable(results: Result[]) {
	const rows = [
		['endpoint', 'requests', 'errors', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms'],
		...results.map((r) => [r.name, String(r.requests), String(r.errors), r.rps.toFixed(0), r.p50.toFixed(1), r.p95.toFixed(1), r.p99.toFixed(1)])
	];
	const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
	for (const row of rows) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
	const [health, list] = results;
	if (health && list) {
		const ratio = list.rps / health.rps;
		console.log(`catalog.list ÷ /healthz: ${(ratio * 100).toFixed(1)}% of the throughput (${(1 / ratio).toFixed(1)}x slower)`);
	}
}

ensureBuild();

console.log(`cpus ${os.cpus().length} · node ${process.version} · concurrency ${concurrency} · ${WARM_UP_MS / 1000} s warm-up + ${seconds} s measured per endpoint`);

const targets: { name: string; env: () => NodeJS.ProcessEnv; dataDir?: string }[] = [];
const pgliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-bench-'));
// DATABASE_URL '' (not absent) so a value inherited from the shell cannot win over PGlite.
targets.push({ name: 'pglite', dataDir: pgliteDir, env: () => ({ ...process.env, DATABASE_URL: '', DATA_DIR: pgliteDir }) });
if (process.env.DATABASE_URL) targets.push({ name: 'postgres', env: () => ({ ...process.env }) });

let failed = false;
let port = 4300;
for (const target of targets) {
	console.log(`\n== ${target.name} ==`);
	let server: ChildProcess | undefined;
	try {
		// Seed first, then serve: PGlite must never be open in two processes at once.
		const seedMs = seed(target.env(), PRODUCTS);
		console.log(`seeded ${PRODUCTS.toLocaleString('en')} products in ${(seedMs / 1000).toFixed(1)} s`);
		port = await freePort(port);
		server = await startServer(target.env(), port);
		printTable(await benchTarget(`http://127.0.0.1:${port++}`));
	} catch (error) {
		failed = true;
		console.error(`${target.name} failed:`, error instanceof Error ? error.message : error);
	} finally {
		if (server) await stopServer(server);
		if (target.dataDir) fs.rmSync(target.dataDir, { recursive: true, force: true });
	}
}
process.exit(failed ? 1 : 0);
