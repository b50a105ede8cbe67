// `npm run bench:web`: builds and serves the app (embedded database, demo shop), then runs
// Lighthouse (mobile settings) on the catalog and a product page and axe-core on every
// public page, and prints the scores, LCP, TBT, CLS and the JavaScript the first page ships.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium as playwright } from '@playwright/test';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { findChromium } from '../e2e/browser.js';
import { ensureBuild } from '../scripts/ensure-build.js';
import { freePort, startServer, stopServer } from './harness';

const LIGHTHOUSE_PAGES = ['/', '/products/walnut-serving-board'];
const PUBLIC_PAGES = ['/', '/collections/coffee-tea', '/products/walnut-serving-board', '/cart', '/favorites', '/login', '/signup'];

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
		const result = await lighthouse(`${origin}${page}`, {
			port: chrome.port,
			output: 'json',
			logLevel: 'error',
			onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo']
		});
		if (!result) throw new Error(`Lighthouse returned nothing for ${page}`);
		const { categories, audits } = result.lhr;
		const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
		const scripts = (audits['resource-summary']?.details as { items?: { resourceType: string; transferSize: number }[] })?.items?.find(
			(i) => i.resourceType === 'script'
		);
		console.log(`${page}`);
		console.log(
			`  performance ${score('performance')} · accessibility ${score('accessibility')} · best practices ${score('best-practices')} · SEO ${score('seo')}`
		);
		console.log(
			`  LCP ${audits['largest-contentful-paint']?.displayValue} · TBT ${audits['total-blocking-time']?.displayValue} · CLS ${audits['cumulative-layout-shift']?.displayValue} · JS ${((scripts?.transferSize ?? 0) / 1024).toFixed(1)} KiB compressed`
		);
		for (const [id, category] of Object.entries(categories)) {
			if ((category.score ?? 1) >= 1 || id === 'performance') continue;
			const failing = category.auditRefs.filter((ref) => (audits[ref.id]?.score ?? 1) < 1 && ref.weight > 0).map((ref) => ref.id);
			console.log(`  ${id} loses points on: ${failing.join(', ')}`);
		}
	}

	const browser = await playwright.launch({ executablePath: found?.executablePath, args: found?.args ?? [] });
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
