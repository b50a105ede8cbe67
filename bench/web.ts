// `npm run bench:web`: builds and serves the app (embedded database, demo shop), then runs
// Lighthouse (mobile settings) on the catalog and a product page, several times each as its
// scores move from run to run on a busy machine, and axe-core on every public page. It
// prints the scores, LCP, TBT, CLS, and the JavaScript a first visit loads: what the page
// needs to show and hydrate, and what follows once the first screen is shown (the device,
// the toasts, the other pages' code for offline).
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium as playwright, type Browser } from '@playwright/test';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { findChromium } from '../e2e/browser.js';
import { recordHydration, scriptsFetched } from '../e2e/hydration';
import { ensureBuild } from '../scripts/ensure-build.js';
import { freePort, startServer, stopServer } from './harness';

const LIGHTHOUSE_PAGES = ['/', '/products/walnut-serving-board'];
const PUBLIC_PAGES = ['/', '/collections/coffee-tea', '/products/walnut-serving-board', '/cart', '/favorites', '/login', '/signup'];
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 5);

type Run = { scores: Record<string, number>; lcp: number; tbt: number; cls: number; failing: string[] };
const median = (values: number[]) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

ensureBuild();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-bench-web-'));
const found = findChromium();
const chromePath = found?.executablePath ?? playwright.executablePath();
let server: ChildProcess | undefined;
let chrome: chromeLauncher.LaunchedChrome | undefined;
try {
	const port = await freePort(4500);
	server = await startServer({ ...process.env, DATABASE_URL: '', DATA_DIR: dataDir }, port);
	const origin = `http://localhost:${port}`;
	console.log(`cpus ${os.cpus().length} · node ${process.version} · Lighthouse mobile settings (simulated throttling)\n`);

	chrome = await chromeLauncher.launch({
		chromePath,
		chromeFlags: ['--headless=new', ...(found?.args ?? ['--no-sandbox']), '--disable-dev-shm-usage']
	});
	for (const page of LIGHTHOUSE_PAGES) {
		const runs: Run[] = [];
		for (let i = 0; i < RUNS; i++) {
			const result = await lighthouse(`${origin}${page}`, {
				port: chrome.port,
				output: 'json',
				logLevel: 'error',
				onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo']
			});
			if (!result) throw new Error(`Lighthouse returned nothing for ${page}`);
			const { categories, audits } = result.lhr;
			const failing = Object.entries(categories).flatMap(([id, category]) =>
				(category.score ?? 1) >= 1 || id === 'performance'
					? []
					: category.auditRefs.filter((ref) => (audits[ref.id]?.score ?? 1) < 1 && ref.weight > 0).map((ref) => `${id}: ${ref.id}`)
			);
			runs.push({
				scores: Object.fromEntries(Object.entries(categories).map(([id, c]) => [id, Math.round((c.score ?? 0) * 100)])),
				lcp: audits['largest-contentful-paint']?.numericValue ?? NaN,
				tbt: audits['total-blocking-time']?.numericValue ?? NaN,
				cls: audits['cumulative-layout-shift']?.numericValue ?? NaN,
				failing
			});
		}
		const mid = (pick: (run: Run) => number) => median(runs.map(pick));
		const score = (id: string) => mid((r) => r.scores[id] ?? 0);
		const performance = runs.map((r) => r.scores.performance ?? 0);
		console.log(`${page} (median of ${RUNS} Lighthouse runs)`);
		console.log(
			`  performance ${score('performance')} (runs: ${performance.join(', ')}) · accessibility ${score('accessibility')} · best practices ${score('best-practices')} · SEO ${score('seo')}`
		);
		console.log(`  LCP ${(mid((r) => r.lcp) / 1000).toFixed(1)} s · TBT ${Math.round(mid((r) => r.tbt))} ms · CLS ${mid((r) => r.cls).toFixed(3)}`);
		const failing = [...new Set(runs.flatMap((r) => r.failing))];
		if (failing.length) console.log(`  loses points on: ${failing.join(', ')}`);
	}

	const browser = await playwright.launch({ executablePath: found?.executablePath, args: found?.args ?? [] });
	for (const page of LIGHTHOUSE_PAGES) {
		const { first, later } = await firstVisitScripts(browser, `${origin}${page}`);
		console.log(`${page}: JavaScript to show and hydrate ${kB(first)} compressed; after the first screen, ${kB(later)} more`);
	}
	const context = await browser.newContext();
	const tab = await context.newPage();
	let violations = 0;
	for (const page of PUBLIC_PAGES) {
		await tab.goto(`${origin}${page}`);
		// Once the service worker serves the shell, a page is whole only after it hydrates.
		await tab.locator('body[data-hydrated]').waitFor({ state: 'attached' });
		const result = await new AxeBuilder({ page: tab }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
		violations += result.violations.length;
		for (const v of result.violations) console.log(`  axe ${page}: ${v.id} — ${v.help}`);
	}
	console.log(`\naxe-core (WCAG 2.1 AA) on ${PUBLIC_PAGES.length} public pages: ${violations} violations`);
	await browser.close();
} finally {
	await chrome?.kill();
	if (server) await stopServer(server);
	fs.rmSync(dataDir, { recursive: true, force: true });
}

/**
 * The compressed JavaScript a first visit loads (a fresh browser profile): what the page
 * fetched until it was hydrated, and what came after, until the network went quiet.
 */
async function firstVisitScripts(browser: Browser, url: string): Promise<{ first: number; later: number }> {
	const context = await browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true });
	const tab = await context.newPage();
	await recordHydration(tab);
	await tab.goto(url);
	await tab.locator('body[data-hydrated]').waitFor({ state: 'attached' });
	await tab.waitForLoadState('networkidle');
	await tab.waitForTimeout(2000);
	const scripts = await scriptsFetched(tab);
	await context.close();
	const sum = (list: { bytes: number }[]) => list.reduce((total, s) => total + s.bytes, 0);
	return { first: sum(scripts.filter((s) => s.beforeHydration)), later: sum(scripts.filter((s) => !s.beforeHydration)) };
}
