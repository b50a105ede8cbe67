import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findChromium } from './browser.js';
import { expect, signUp, test, type Page } from './fixtures';

/** Waits until the service worker controls the page and the device holds the catalog. */
async function readyOffline(page: Page) {
	await page.goto('/');
	await page.evaluate(() => navigator.serviceWorker.ready);
	await page.reload();
	await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
	await expect(page.getByRole('status').filter({ hasText: 'Synced' })).toBeVisible();
}

test('a first visit is taken over by the service worker once it is ready, with no reload: offline, a page whose code it never fetched opens', async ({ page, context, baseURL }) => {
	await signUp(page, baseURL!, 'first-run');
	await page.goto('/');
	await page.evaluate(() => navigator.serviceWorker.ready);
	await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
	await expect(page.getByRole('status').filter({ hasText: 'Synced' })).toBeVisible();
	await context.setOffline(true);
	// The address book's code is not among the pages fetched ahead: it comes from the precache.
	await page.evaluate(() => {
		const link = Object.assign(document.createElement('a'), { href: '/account/addresses' });
		document.body.append(link);
		link.click();
	});
	await expect(page.getByRole('heading', { level: 1, name: 'Your addresses' })).toBeVisible();
});

const deviceGroup = (page: Page) =>
	page.evaluate(
		() =>
			new Promise<string>((resolve, reject) => {
				const open = indexedDB.open('store');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const get = open.result.transaction('meta').objectStore('meta').get('clientGroupId');
					get.onsuccess = () => resolve(get.result.value);
				};
			})
	);

test('the installed shell opens, reloads and navigates with no network, and offline edits reach the server', async ({ page, context, request }) => {
	await readyOffline(page);
	await context.setOffline(true);

	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'Shop all' })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
	const card = page.getByRole('main').getByRole('article').filter({ hasText: 'In stock' }).first();
	const title = (await card.getByRole('heading').textContent())!.trim();
	await card.getByRole('link').click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	await page.getByRole('button', { name: 'Add to cart' }).click();
	await expect(page.getByRole('group', { name: `Quantity of ${title} in your cart` }).locator('output')).toHaveText('1 in cart');

	// Full page loads, not only client-side navigation, come from the shell.
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	const cart = await page.goto('/cart');
	await expect(page.getByRole('link', { name: title })).toBeVisible();
	// The shell's own policy is a <meta> tag; the worker adds what keeps it out of frames.
	expect(cart?.fromServiceWorker()).toBe(true);
	expect(cart?.headers()).toMatchObject({ 'x-frame-options': 'DENY', 'content-security-policy': "frame-ancestors 'none'" });
	await page.goto('/favorites');
	await expect(page.getByRole('heading', { level: 1, name: 'Favorites' })).toBeVisible();
	await page.goto('/collections/audio');
	await expect(page.getByRole('heading', { level: 1, name: 'Audio' })).toBeVisible();

	await context.setOffline(false);
	await expect(page.getByRole('status').filter({ hasText: 'Synced' })).toBeVisible();
	const group = await deviceGroup(page);
	const pulled = await request.get(`/api/trpc/sync.pull?input=${encodeURIComponent(JSON.stringify({ cursor: '999999999', clientGroupId: group }))}`);
	const lines = (await pulled.json()).result.data.cart.lines as { quantity: number }[];
	expect(lines.map((l) => l.quantity)).toEqual([1]);
});

test('sign-in and reviews say they need the network while offline', async ({ page, context }) => {
	await readyOffline(page);
	await page.goto('/login');
	await context.setOffline(true);
	await expect(page.getByText('You are offline: signing in needs the network.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Sign in' })).toBeDisabled();
	await context.setOffline(false);
	await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
});

test('no API answer, account or admin page is ever kept in Cache Storage', async ({ page, baseURL }) => {
	await readyOffline(page);
	const signIn = await page.request.post('/login', {
		form: { email: 'admin@store.test', password: 'admin-demo-password' },
		headers: { origin: baseURL!, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(signIn.status()).toBe(303);
	for (const path of ['/', '/admin', '/account', '/products/walnut-serving-board', '/cart', '/favorites', '/collections/stationery']) {
		await page.goto(path);
	}
	await expect(page.getByRole('status').filter({ hasText: 'Synced' })).toBeVisible();
	const cached = await page.evaluate(async () => {
		const urls: string[] = [];
		for (const name of await caches.keys()) {
			for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
		}
		return urls;
	});
	expect(cached.length).toBeGreaterThan(0);
	expect(cached.filter((path) => /^\/(api|admin|account|login|signup)/.test(path))).toEqual([]);
});

test('the manifest makes the shop installable', async ({ request }) => {
	const manifest = await (await request.get('/manifest.webmanifest')).json();
	expect(manifest).toMatchObject({ name: 'Store', short_name: 'Store', start_url: '/', scope: '/', display: 'standalone' });
	const sizes = manifest.icons.map((i: { sizes: string; purpose?: string }) => `${i.sizes}${i.purpose ? ` ${i.purpose}` : ''}`);
	expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512', '512x512 maskable']));
	for (const icon of manifest.icons) expect((await request.get(icon.src)).headers()['content-type']).toBe('image/png');
	expect(manifest.screenshots.length).toBeGreaterThan(0);
});

test('Chromium reports the shop as installable once the service worker controls it', async ({ playwright, baseURL }) => {
	// Test contexts are incognito, where Chrome never offers to install: use a real profile.
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'store-install-'));
	const context = await playwright.chromium.launchPersistentContext(profile, { ...findChromium(), headless: true, baseURL });
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		await page.goto('/');
		await page.evaluate(() => navigator.serviceWorker.ready);
		await page.reload();
		await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
		const cdp = await context.newCDPSession(page);
		const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
		expect(installabilityErrors).toEqual([]);
		const { url, errors } = await cdp.send('Page.getAppManifest');
		expect(url).toMatch(/\/manifest\.webmanifest$/);
		expect(errors).toEqual([]);
	} finally {
		await context.close();
		fs.rmSync(profile, { recursive: true, force: true });
	}
});

/**
 * Applies the page's own `(display-mode: standalone)` rules as if the app were installed:
 * Chromium cannot be told it runs as an installed app (display-mode is not among the media
 * features it emulates), so each such rule is copied with that condition taken as true.
 * Answers the text of the rules applied.
 */
async function asInstalledApp(page: Page): Promise<string> {
	return page.evaluate(() => {
		const copies: string[] = [];
		const walk = (rules: CSSRuleList) => {
			for (const rule of rules) {
				if (rule instanceof CSSMediaRule && rule.conditionText.includes('display-mode: standalone')) {
					const inner = [...rule.cssRules].map((r) => r.cssText).join('\n');
					copies.push(`@media ${rule.conditionText.replace('(display-mode: standalone)', 'all')} {\n${inner}\n}`);
				} else if ('cssRules' in rule) walk((rule as CSSGroupingRule).cssRules);
			}
		};
		for (const sheet of document.styleSheets) walk(sheet.cssRules);
		// A constructed sheet, as the shop's content security policy allows no <style> element.
		const installed = new CSSStyleSheet();
		installed.replaceSync(copies.join('\n'));
		document.adoptedStyleSheets = [...document.adoptedStyleSheets, installed];
		return copies.join('\n');
	});
}

test('the installed app keeps clear of the notch and offers a way back below the top level', async ({ page }, testInfo) => {
	await page.goto('/products/oak-pepper-mill');
	await page.locator('body[data-hydrated]').waitFor({ state: 'attached' });
	expect(await page.locator('meta[name="viewport"]').getAttribute('content')).toContain('viewport-fit=cover');
	// In a browser tab the browser has its own back button: the app's stays out of sight and out of the tab order.
	const back = page.getByRole('link', { name: 'Back to the shop' });
	await expect(back).toBeHidden();

	const rules = await asInstalledApp(page);
	expect(rules).toContain('env(safe-area-inset-top)');
	expect(rules).toContain('env(safe-area-inset-bottom)');
	await expect(back).toBeVisible();
	// The header stays one row with it.
	expect((await page.getByRole('banner').boundingBox())!.height).toBeLessThanOrEqual(testInfo.project.name === 'phone' ? 64 : 80);
	// First after the skip link, by keyboard; opened at this page, it goes up to the shop.
	await page.keyboard.press('Tab');
	await page.keyboard.press('Tab');
	await expect(back).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL('/');
	await expect(page.getByRole('heading', { level: 1, name: 'Shop all' })).toBeVisible();

	// The top level has none; a page reached in the app steps back to where the shopper was.
	await asInstalledApp(page);
	await expect(page.getByRole('link', { name: /^Back/ })).toHaveCount(0);
	await page.goto('/collections/coffee-tea');
	await page.locator('body[data-hydrated]').waitFor({ state: 'attached' });
	await asInstalledApp(page);
	await page.getByRole('main').getByRole('article').first().getByRole('link').first().click();
	await expect(page).toHaveURL(/\/products\//);
	await page.getByRole('link', { name: 'Back', exact: true }).click();
	await expect(page).toHaveURL('/collections/coffee-tea');
});
