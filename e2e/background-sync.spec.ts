import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { findChromium } from './browser.js';
import { expect, open, type Page, test } from './fixtures';

// An order requested offline, then every tab closed: the service worker sends it when the
// network is back. Chromium fires Background Sync when the machine's own connection returns,
// which a test cannot switch; it dispatches the same 'store-outbox' sync event through the
// DevTools protocol instead. The shopper is the test's own and the product has stock to spare.
const PRODUCT = { slug: 'linen-tea-towel-set', title: 'Linen Tea Towel Set' } as const;
const NOT_PLACED = 'Not placed yet — will be sent when you are back online; stock and prices are confirmed then.';

type ServerOrder = { id: string; number: number; status: string; totalMinor: number };

async function serverOrders(context: BrowserContext): Promise<ServerOrder[]> {
	const response = await context.request.get('/api/trpc/orders.list?input=%7B%7D');
	expect(response.status(), await response.text()).toBe(200);
	return (await response.json()).result.data.items;
}

/** Reads one table of the device's database from a page of the shop's origin that runs none of its code. */
const deviceRows = <T>(page: Page, table: 'orderRequests' | 'outbox') =>
	page.evaluate(
		(name) =>
			new Promise<unknown[]>((resolve, reject) => {
				const request = indexedDB.open('store');
				request.onerror = () => reject(request.error);
				request.onsuccess = () => {
					const all = request.result.transaction(name, 'readonly').objectStore(name).getAll();
					all.onsuccess = () => (request.result.close(), resolve(all.result));
					all.onerror = () => reject(all.error);
				};
			}),
		table
	) as Promise<T[]>;

/** Fires the 'store-outbox' sync event at the shop's service worker, as Chromium does when the network returns. */
async function dispatchBackgroundSync(context: BrowserContext, baseURL: string) {
	// A tab of no origin: it holds no lock of the shop and is no client of its worker.
	const blank = await context.newPage();
	const cdp = await context.newCDPSession(blank);
	const registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] = [];
	cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations: updated }) => registrations.push(...updated));
	await cdp.send('ServiceWorker.enable');
	const scope = new URL('/', baseURL).href;
	await expect.poll(() => registrations.some((r) => r.scopeURL === scope && !r.isDeleted), { message: 'the worker is registered' }).toBe(true);
	const { registrationId } = registrations.find((r) => r.scopeURL === scope && !r.isDeleted)!;
	await cdp.send('ServiceWorker.dispatchSyncEvent', { origin: new URL(baseURL).origin, registrationId, tag: 'store-outbox', lastChance: false });
	await cdp.detach();
	await blank.close();
}

test('an order requested offline is placed by the service worker after every tab has closed', async ({ playwright, baseURL }, testInfo) => {
	test.skip(testInfo.project.name !== 'desktop', 'Background Sync is the same on every screen; one run is enough.');
	test.slow();
	// A real profile, as a shopper has: its worker, database and notification permission persist.
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'store-background-sync-'));
	const context = await playwright.chromium.launchPersistentContext(profile, {
		...findChromium(),
		headless: true,
		baseURL,
		permissions: ['notifications']
	});
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		const email = `e2e-background-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
		const signup = await page.request.post('/signup', {
			form: { email, password: 'background-tester-2026', firstName: 'Bea', lastName: 'Ground' },
			headers: { origin: baseURL!, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(signup.status(), `signing up ${email}`).toBe(303);

		// Online once: the worker takes control, the cart reaches the server, checkout learns the delivery methods.
		await open(page, '/');
		await page.evaluate(() => navigator.serviceWorker.ready);
		await page.reload();
		await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
		await open(page, `/products/${PRODUCT.slug}`);
		await page.getByRole('button', { name: 'Add to cart' }).click();
		// In the cart on the device first: until then nothing is pending yet either.
		await expect(page.getByRole('group', { name: `Quantity of ${PRODUCT.title} in your cart` }).locator('output')).toHaveText('1 in cart');
		await expect.poll(() => page.evaluate(() => window.store.device.pending)).toBe(0);
		await open(page, '/checkout');
		await expect(page.getByRole('radio', { name: /Standard/ })).toBeChecked();

		// Offline, checkout opens from the shell and the device queues the request.
		await context.setOffline(true);
		await open(page, '/checkout');
		await page.getByLabel('Full name').fill('Bea Ground');
		await page.getByLabel('Street address').fill('9 Tunnel Lane');
		await page.getByLabel('City').fill('Denver');
		await page.getByLabel('Postal code').fill('80202');
		await page.getByRole('button', { name: 'Request order' }).click();
		await expect(page).toHaveURL(/\/account\/orders$/);
		await expect(page.getByText(NOT_PLACED)).toBeVisible();

		// Every tab closes before the network returns: no tab is left to send it.
		await page.close();
		await context.setOffline(false);
		expect(await serverOrders(context), 'nothing was placed while offline').toEqual([]);

		await dispatchBackgroundSync(context, baseURL!);
		await expect.poll(async () => (await serverOrders(context)).length, { message: 'the worker placed the order', timeout: 15_000 }).toBe(1);
		const [order] = await serverOrders(context);
		expect(order!.status).toBe('pending_payment');

		// The worker kept the outcome on the device and told the shopper (notifications are allowed here).
		const look = await context.newPage();
		await look.goto('/healthz');
		await expect
			.poll(async () => (await deviceRows<{ state: string; orderNumber?: number }>(look, 'orderRequests')).map((r) => [r.state, r.orderNumber]))
			.toEqual([['placed', order!.number]]);
		expect(await deviceRows(look, 'outbox')).toEqual([]);
		const notified = await look.evaluate(async () =>
			((await (await navigator.serviceWorker.getRegistration())?.getNotifications()) ?? []).map((n) => n.body)
		);
		expect(notified).toContain(`Order ${order!.number} placed. Pay for it to complete it.`);
	} finally {
		await context.close();
		fs.rmSync(profile, { recursive: true, force: true });
	}
});
