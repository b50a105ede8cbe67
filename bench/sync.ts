// `npm run bench:sync`: the device side of sync, in headless Chromium against the production
// build on a 10,000-product catalog in Postgres (a fresh database on the server named by
// BENCH_DATABASE_URL, else DATABASE_URL, else the local postgres://postgres@127.0.0.1:5432).
// Prints the first catalog load (time, bytes), a pull after 10 changes (bytes, time),
// offline search and collection-page latency, and how fast a price change reaches an open page.
import type { ChildProcess } from 'node:child_process';
import os from 'node:os';
import { chromium, type Page } from '@playwright/test';
import postgres from 'postgres';
import { findChromium } from '../e2e/browser.js';
import { ensureBuild } from '../scripts/ensure-build.js';
import { freePort, percentile, seed, startServer, stopServer } from './harness';

const PRODUCTS = 10_000;
const base = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `store_bench_sync_${process.pid}`;
const dbUrl = Object.assign(new URL(base), { pathname: `/${dbName}` }).toString();

const device = (page: Page) => page.evaluate(() => Boolean(window.store?.catalog));

function stats(label: string, samples: number[]) {
	const sorted = [...samples].sort((a, b) => a - b);
	console.log(`${label.padEnd(44)} p50 ${percentile(sorted, 0.5).toFixed(2)} ms · p95 ${percentile(sorted, 0.95).toFixed(2)} ms (${samples.length} runs)`);
}

/** Times `list()` calls inside the page, on the device's own catalog. */
function timeQueries(page: Page, queries: object[]): Promise<number[]> {
	return page.evaluate((qs) => {
		const catalog = window.store.catalog.local!;
		return qs.map((q) => {
			const t = performance.now();
			catalog.list({ sort: 'newest', limit: 24, ...q });
			return performance.now() - t;
		});
	}, queries);
}

ensureBuild();
const admin = postgres(base, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${dbName}"`);
let server: ChildProcess | undefined;
const browserFound = findChromium();
const browser = await chromium.launch({ executablePath: browserFound?.executablePath, args: browserFound?.args ?? [] });
try {
	const env = { ...process.env, DATABASE_URL: dbUrl };
	console.log(`cpus ${os.cpus().length} · node ${process.version} · ${browser.version()} · Postgres database ${dbName}`);
	console.log(`seeded ${PRODUCTS.toLocaleString('en')} products in ${(seed(env, PRODUCTS) / 1000).toFixed(1)} s`);
	const port = await freePort(4400);
	server = await startServer(env, port);
	const origin = `http://localhost:${port}`;

	const context = await browser.newContext();
	const page = await context.newPage();
	// Bytes on the wire (compressed) and decoded JSON, of every catalog download: the snapshot's
	// parts on a first visit, pulls after it.
	const download = /\/api\/trpc\/[^?]*sync\.(snapshot|pull)/;
	let pullBytes = 0;
	let jsonBytes = 0;
	let pulls = 0;
	let firstPullAt = 0;
	page.on('request', (request) => {
		if (download.test(request.url()) && !firstPullAt) firstPullAt = performance.now();
	});
	page.on('requestfinished', async (request) => {
		if (!download.test(request.url())) return;
		pulls++;
		pullBytes += (await request.sizes()).responseBodySize;
		jsonBytes += (await (await request.response())?.body().catch(() => Buffer.alloc(0)))?.length ?? 0;
	});

	// 1. First visit: the whole catalog into IndexedDB, then the in-memory index over it.
	const started = performance.now();
	await page.goto(origin);
	await page.waitForFunction((n) => window.store?.catalog?.local?.size === n, PRODUCTS, {
		timeout: 120_000,
		polling: 20
	});
	const firstLoadMs = performance.now() - started;
	await page.waitForTimeout(300);
	const catalogMs = started + firstLoadMs - firstPullAt;
	console.log(
		`\nfirst full catalog load (download → IndexedDB → index)      ${catalogMs.toFixed(0)} ms · ${(pullBytes / 1024).toFixed(0)} KiB sent (${(jsonBytes / 1024).toFixed(0)} KiB JSON) in ${pulls} requests`
	);
	console.log(
		// Each part is written while the next one downloads, so the two phases overlap: only the whole is timed.
		`  the first request ${(firstPullAt - started).toFixed(0)} ms after opening the page; ready ${firstLoadMs.toFixed(0)} ms after opening it`
	);
	if (!(await device(page))) throw new Error('the page has no window.store.catalog handle');

	// 1b. A second device at the same catalog version: the server answers the parts from its cache.
	{
		const second = await browser.newContext();
		const secondPage = await second.newPage();
		let asked = 0;
		secondPage.on('request', (request) => {
			if (download.test(request.url()) && !asked) asked = performance.now();
		});
		await secondPage.goto(origin);
		await secondPage.waitForFunction((n) => window.store?.catalog?.local?.size === n, PRODUCTS, { timeout: 120_000, polling: 20 });
		console.log(`  a second device's first load (the parts cached by the server)   ${(performance.now() - asked).toFixed(0)} ms`);
		await second.close();
	}

	// 2. Offline queries against the device.
	await context.setOffline(true);
	const words = ['mug', 'walnut', 'linen', 'wlanut', 'ceramic bowl', 'sage', 'brass', 'tea', 'leather', 'serivng'];
	stats('offline search (catalog.list with q)', await timeQueries(page, Array.from({ length: 200 }, (_, i) => ({ q: words[i % words.length] }))));
	const collections = ['kitchen-dining', 'coffee-tea', 'home-decor', 'bags-travel', 'stationery', 'audio', 'outdoor', 'plants-garden'];
	const sorts = ['newest', 'price_asc', 'price_desc', 'title', 'rating'];
	stats(
		'offline collection page (24, filtered, sorted)',
		await timeQueries(page, Array.from({ length: 200 }, (_, i) => ({ collection: collections[i % 8], sort: sorts[i % 5], inStock: i % 2 === 0 })))
	);
	const ui: number[] = [];
	for (const word of words) {
		const t = performance.now();
		await page.getByRole('searchbox', { name: 'Search products' }).fill(word);
		await page.getByRole('searchbox', { name: 'Search products' }).press('Enter');
		await page.waitForURL(`**/?q=${encodeURIComponent(word).replace(/%20/g, '+')}`);
		await page.locator('#results-heading', { hasText: word }).waitFor();
		ui.push(performance.now() - t);
	}
	stats('offline search in the page (submit → results shown)', ui);
	await context.setOffline(false);

	// 3. Ten products change on the server; a shopper looks at one of them.
	const sql = postgres(dbUrl, { max: 1, onnotice: () => {} });
	const changed = await sql<{ id: string; slug: string; price_minor: number }[]>`select id, slug, price_minor from products order by random() limit 10`;
	const watched = changed[0]!;
	await page.goto(`${origin}/products/${watched.slug}`);
	await page.waitForFunction(() => Boolean(window.store?.device.status === 'idle' && window.store.device.syncedAt));
	const newPrice = watched.price_minor + 1234;
	const priceText = `$${(newPrice / 100).toFixed(2)}`;
	pullBytes = 0;
	jsonBytes = 0;
	pulls = 0;
	const changedAt = performance.now();
	await sql.begin(async (tx) => {
		for (const p of changed) await tx`update products set price_minor = ${p.id === watched.id ? newPrice : p.price_minor + 100} where id = ${p.id}`;
	});
	// The device pulls on focus, on reconnect, on its own pokes and every 30 s; a shopper coming back to the tab is the common case.
	await page.evaluate(() => window.dispatchEvent(new Event('focus')));
	await page.getByText(priceText, { exact: true }).waitFor({ timeout: 60_000 });
	const shownMs = performance.now() - changedAt;
	await page.waitForTimeout(300);
	console.log(
		`pull after 10 product changes                          ${pullBytes.toLocaleString('en')} bytes sent (${jsonBytes.toLocaleString('en')} JSON) in ${pulls} pull(s)`
	);
	console.log(`price change on the server → shown on the open page     ${shownMs.toFixed(0)} ms (on focus; at most the 30 s poll otherwise)`);
	await sql.end();
	await context.close();
} finally {
	await browser.close();
	if (server) await stopServer(server);
	await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
	await admin.end();
}
