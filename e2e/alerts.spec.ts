import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findChromium } from './browser.js';
import { startPushServiceStandIn } from '../server/testing/push-service-stand-in';
import { expect, open, shopMenu, signUp, test } from './fixtures';

const ADMIN = { email: 'admin@store.test', password: 'admin-demo-password' } as const;

test('a watched product back in stock or cheaper is told in the open tab within a second, after a reconnect, and as a notification', async ({
	browser,
	playwright,
	baseURL
}, testInfo) => {
	test.skip(testInfo.project.name !== 'desktop', 'The admin works at a desktop; one run of this flow is enough.');
	const admin = await browser.newContext();
	const adminApi = admin.request;
	const login = await adminApi.post('/login', { form: ADMIN, headers: { origin: baseURL!, accept: 'text/html' }, maxRedirects: 0 });
	expect(login.status()).toBe(303);
	const call = async (path: string, data: object) => {
		const response = await adminApi.post(`/api/trpc/${path}`, { headers: { origin: baseURL! }, data });
		expect(response.status(), path).toBe(200);
		return (await response.json()).result.data as { id: string; slug: string; title: string };
	};
	const collections = await (await adminApi.get('/api/trpc/catalog.collections')).json();
	const soldOut = (title: string) =>
		call('admin.products.create', { title: `${title} ${Date.now().toString(36)}`, priceMinor: 3000, inventory: 0, collectionId: collections.result.data[0].id });
	const setPrice = async (id: string, priceMinor: number) => {
		const current = (await (await adminApi.get(`/api/trpc/admin.products.get?input=${encodeURIComponent(JSON.stringify({ id }))}`)).json()).result.data;
		const { title, slug, description, currency, collectionId, editToken } = current;
		await call('admin.products.update', { id, editToken, title, slug, description, currency, collectionId, priceMinor });
	};
	const favorite = await soldOut('Watched Kettle');
	const asked = await soldOut('Awaited Lamp');

	// A brand-new shopper who allowed notifications, in a real profile (a private window has none); the tab stays open on the shop.
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'store-alerts-'));
	const context = await playwright.chromium.launchPersistentContext(profile, { ...findChromium(), headless: true, baseURL, permissions: ['notifications'] });
	// What the shop asks the system to show: headless Chromium does not reliably keep a page's notifications to be read back.
	await context.addInitScript(() => {
		const shown: string[] = [];
		Object.assign(window, { shownNotifications: shown });
		const show = ServiceWorkerRegistration.prototype.showNotification;
		ServiceWorkerRegistration.prototype.showNotification = function (title, options) {
			shown.push(`${title}: ${options?.body} → ${(options?.data as { url?: string } | undefined)?.url}`);
			return show.call(this, title, options);
		};
	});
	const page = context.pages()[0] ?? (await context.newPage());
	await signUp(page, baseURL!, 'alerts');
	await open(page, `/products/${favorite.slug}`);
	const main = page.getByRole('main');
	await expect(main.getByRole('button', { name: 'Sold out' })).toBeVisible();
	await main.getByRole('button', { name: `Save ${favorite.title} to favorites` }).click();
	await expect(main.getByText('It is one of your favorites: you will hear when it is back.')).toBeVisible();
	await open(page, `/products/${asked.slug}`);
	const notifyMe = main.getByRole('button', { name: 'Notify me when it’s back' });
	await notifyMe.click();
	await expect(main.getByRole('button', { name: 'We will tell you when it’s back' })).toHaveAttribute('aria-pressed', 'true');
	await page.goto('/');
	// The tab leads the sync and has caught up: from now on it hears the shop's changes as they happen.
	await expect
		.poll(() => page.evaluate(() => Boolean(window.store?.device.leading && window.store.device.status === 'idle' && window.store.device.syncedAt)))
		.toBe(true);

	// The admin restocks the favorite: the open tab says so within a second.
	const restockedAt = Date.now();
	await call('admin.products.adjustStock', { id: favorite.id, change: 3, reason: 'received' });
	await expect(page.getByRole('status').filter({ hasText: `${favorite.title} is back in stock.` })).toBeVisible({ timeout: 1000 });
	console.log(`restock → alert shown in the open tab: ${Date.now() - restockedAt} ms`);
	const nav = await shopMenu(page);
	await expect(nav.getByRole('link', { name: 'Alerts, 1 unread' })).toBeVisible();
	await expect
		.poll(() => page.evaluate(() => (window as unknown as { shownNotifications: string[] }).shownNotifications))
		.toEqual([`Store: ${favorite.title} is back in stock. → /products/${favorite.slug}`]);

	// With the tab offline, the awaited lamp comes back and the kettle gets cheaper: told right after reconnecting.
	await context.setOffline(true);
	await call('admin.products.adjustStock', { id: asked.id, change: 2, reason: 'received' });
	await setPrice(favorite.id, 2500);
	await context.setOffline(false);
	await expect(page.getByRole('status').filter({ hasText: `${asked.title} is back in stock.` })).toBeVisible({ timeout: 5000 });
	await expect(page.getByRole('status').filter({ hasText: `${favorite.title} is now $25.00, down from $30.00.` })).toBeVisible();

	// A price the shopper names: a fall above it says nothing, one to it or below does.
	await open(page, `/products/${favorite.slug}`);
	await main.getByText('Tell me when the price drops').click();
	const atMost = main.getByLabel('At most (USD)');
	await atMost.fill('twenty');
	await main.getByRole('button', { name: 'Watch the price' }).click();
	await expect(main.getByText('Enter a price such as 24.50.')).toBeVisible();
	await atMost.fill('20');
	await main.getByRole('button', { name: 'Watch the price' }).click();
	await expect(main.getByText('We will tell you when it costs $20.00 or less.')).toBeVisible();
	await setPrice(favorite.id, 2200);
	await expect(main.getByText('$22.00').first()).toBeVisible();
	await setPrice(favorite.id, 1900);
	await expect(page.getByRole('status').filter({ hasText: `${favorite.title} is now $19.00, down from $22.00.` })).toBeVisible({ timeout: 5000 });

	// The list keeps them, newest first, each opening its product; reading it clears the count.
	await open(page, '/alerts');
	const list = page.getByRole('main').getByRole('list').first();
	await expect(list.getByRole('listitem')).toHaveCount(4);
	await expect(list.getByRole('link', { name: `${favorite.title} is back in stock.` })).toBeVisible();
	await expect((await shopMenu(page)).getByRole('link', { name: 'Alerts', exact: true })).toBeVisible();
	await list.getByRole('link', { name: `${asked.title} is back in stock.` }).click();
	await expect(page.getByRole('heading', { level: 1, name: asked.title })).toBeVisible();
	await context.close();
	fs.rmSync(profile, { recursive: true, force: true });
	await admin.close();
});


test('a shopper turns on pushes while the app is closed: the server counts the watch, sends the restock to the push service, and forgets it when turned off or signed out', async ({
	browser,
	playwright,
	baseURL
}, testInfo) => {
	test.skip(testInfo.project.name !== 'desktop', 'The admin works at a desktop; one run of this flow is enough.');
	const standIn = await startPushServiceStandIn();
	const device = standIn.device();
	const admin = await browser.newContext();
	const login = await admin.request.post('/login', { form: ADMIN, headers: { origin: baseURL!, accept: 'text/html' }, maxRedirects: 0 });
	expect(login.status()).toBe(303);
	const call = async (path: string, data: object) => {
		const response = await admin.request.post(`/api/trpc/${path}`, { headers: { origin: baseURL! }, data });
		expect(response.status(), path).toBe(200);
		return (await response.json()).result.data as { id: string; slug: string; title: string };
	};
	const watchers = async (id: string) =>
		(await (await admin.request.get(`/api/trpc/admin.products.watchers?input=${encodeURIComponent(JSON.stringify({ id }))}`)).json()).result.data.count as number;
	const collections = await (await admin.request.get('/api/trpc/catalog.collections')).json();
	const soldOut = (title: string) => call('admin.products.create', { title: `${title} ${Date.now().toString(36)}`, priceMinor: 4000, inventory: 0, collectionId: collections.result.data[0].id });
	const [product, another] = [await soldOut('Pushed Teapot'), await soldOut('Pushed Kettle')];

	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'store-push-'));
	const context = await playwright.chromium.launchPersistentContext(profile, { ...findChromium(), headless: true, baseURL, permissions: ['notifications'] });
	// Headless Chromium has no push service: the browser's subscription is the stand-in's device.
	await context.addInitScript((subscription) => {
		const made = () => {
			const key = sessionStorage.getItem('stand-in-key');
			if (!key) return null;
			const bytes = Uint8Array.from(atob(key.replaceAll('-', '+').replaceAll('_', '/')), (c) => c.charCodeAt(0));
			return {
				endpoint: subscription.endpoint,
				expirationTime: null,
				options: { userVisibleOnly: true, applicationServerKey: bytes.buffer },
				toJSON: () => ({ endpoint: subscription.endpoint, expirationTime: null, keys: subscription.keys }),
				unsubscribe: async () => (sessionStorage.removeItem('stand-in-key'), true)
			};
		};
		PushManager.prototype.getSubscription = async () => made() as unknown as PushSubscription;
		PushManager.prototype.subscribe = async (options) => {
			sessionStorage.setItem('stand-in-key', String(options?.applicationServerKey));
			return made() as unknown as PushSubscription;
		};
	}, device.subscription);
	const page = context.pages()[0] ?? (await context.newPage());
	await signUp(page, baseURL!, 'push');
	await open(page, `/products/${product.slug}`);
	const main = page.getByRole('main');
	await main.getByRole('button', { name: 'Notify me when it’s back' }).click();
	await expect(main.getByRole('button', { name: 'We will tell you when it’s back' })).toHaveAttribute('aria-pressed', 'true');
	await main.getByRole('button', { name: 'Tell me even when the app is closed' }).click();
	// The opt-in waits for the service worker, which on a first visit first stores the whole app for offline.
	await expect(main.getByRole('button', { name: 'Tell me even when the app is closed' })).toBeHidden({ timeout: 15_000 });
	await expect.poll(() => watchers(product.id)).toBe(1);

	// The tab closes; the admin restocks; the push service gets one push naming the product.
	await page.goto('about:blank');
	await call('admin.products.adjustStock', { id: product.id, change: 5, reason: 'received' });
	await expect.poll(() => standIn.payloadsOf(device), { timeout: 10_000 }).toEqual([
		{ title: product.title, body: `${product.title} is back in stock.`, url: `/products/${product.slug}`, tag: expect.stringMatching(new RegExp(`^${product.id}:restock:`)) }
	]);
	expect(standIn.refusals).toEqual([]);

	// Turned off on /alerts: the server forgets the subscription and what it watched.
	await open(page, '/alerts');
	await page.getByRole('button', { name: 'Stop telling me while the app is closed' }).click();
	await expect(page.getByRole('button', { name: 'Tell me even when the app is closed' })).toHaveAttribute('aria-pressed', 'false');
	expect(await watchers(product.id)).toBe(0);

	// On again for another sold-out product (the teapot, back, is no longer awaited); signing out with the account page's form deletes it too.
	await open(page, `/products/${another.slug}`);
	await main.getByRole('button', { name: 'Notify me when it’s back' }).click();
	await expect(main.getByRole('button', { name: 'We will tell you when it’s back' })).toHaveAttribute('aria-pressed', 'true');
	await main.getByRole('button', { name: 'Tell me even when the app is closed' }).click();
	await expect.poll(() => watchers(another.id)).toBe(1);
	await open(page, '/account');
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL('/');
	expect(await watchers(another.id)).toBe(0);
	await context.close();
	fs.rmSync(profile, { recursive: true, force: true });
	await admin.close();
	await standIn.close();
});
