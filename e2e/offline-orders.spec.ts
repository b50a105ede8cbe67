import type { Browser } from '@playwright/test';
import { expect, type Page, signUp, test } from './fixtures';

// A shopper asks for an order with no network; the shop places it (or says why not) when
// the device is back online. Products are made by the test, so stock is the test's own.
const ADMIN = { email: 'admin@store.test', password: 'admin-demo-password' } as const;
const NOT_PLACED = 'Not placed yet — will be sent when you are back online; stock and prices are confirmed then.';

type Admin = { call(procedure: string, input: unknown): Promise<any>; close(): Promise<void> };

async function adminOf(browser: Browser, baseURL: string): Promise<Admin> {
	const context = await browser.newContext();
	const login = await context.request.post('/login', { form: ADMIN, headers: { origin: baseURL, accept: 'text/html' }, maxRedirects: 0 });
	expect(login.status()).toBe(303);
	return {
		async call(procedure, input) {
			const response = await context.request.post(`/api/trpc/${procedure}`, { headers: { origin: baseURL }, data: input });
			expect(response.status(), `${procedure}: ${await response.text()}`).toBe(200);
			return (await response.json()).result.data;
		},
		close: () => context.close()
	};
}

async function makeProduct(admin: Admin, baseURL: string, title: string, inventory: number) {
	const collections = await (await fetch(`${baseURL}/api/trpc/catalog.collections`)).json();
	return admin.call('admin.products.create', { title: `${title} ${Date.now().toString(36)}`, priceMinor: 1800, inventory, collectionId: collections.result.data[0].id }) as Promise<{
		id: string;
		slug: string;
		title: string;
	}>;
}

const pending = (page: Page) => page.evaluate(() => window.store.device.pending);

/** The product's line is in the device's cart, and checkout can list it: the product is new, so once the device's catalog has it too. */
const linedUp = (page: Page, product: { slug: string }) =>
	page.evaluate((slug) => window.store.cart.lines.length === 1 && window.store.catalog.local?.product(slug) != null, product.slug);

/** The app controlled by its service worker, so its code is there with no network. */
async function installed(page: Page) {
	await page.goto('/');
	await page.evaluate(() => navigator.serviceWorker.ready);
	await page.reload();
	await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
}

/** The product in the cart, synced, and the checkout page open while the network is still there. */
async function cartThenCheckout(page: Page, product: { slug: string }) {
	await installed(page);
	await page.goto(`/products/${product.slug}`);
	await page.getByRole('button', { name: 'Add to cart' }).click();
	await expect.poll(() => linedUp(page, product)).toBe(true);
	await expect.poll(() => pending(page)).toBe(0);
	await page.goto('/checkout');
	await expect(page.getByRole('heading', { name: 'Delivery' })).toBeVisible();
	await expect(page.getByRole('radio', { name: /Standard/ })).toBeChecked();
}

async function requestOffline(page: Page) {
	await expect(page.getByRole('button', { name: 'Request order' })).toBeVisible();
	await page.getByLabel('Full name').fill('Oona Train');
	await page.getByLabel('Street address').fill('1 Platform Road');
	await page.getByLabel('City').fill('Portland');
	await page.getByLabel('Postal code').fill('97201');
	await page.getByRole('button', { name: 'Request order' }).click();
	await expect(page).toHaveURL(/\/account\/orders$/);
	await expect(page.getByText(NOT_PLACED)).toBeVisible();
	// Nothing claims the order is placed while it is not.
	await expect(page.getByRole('main').getByText(/(?<!not )placed/i)).toHaveCount(0);
}

// One run of each is enough: the admin sets the scene, a shopper's journey is tagged for the phone.
test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== (testInfo.tags.includes('@phone') ? 'phone' : 'desktop'), 'One run is enough.'));

const call = async (page: Page, procedure: string, input: unknown = {}) =>
	(await page.evaluate(
		([procedure, input]) => fetch(`/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`).then((r) => r.json()),
		[procedure, input] as const
	)).result.data;

/** A brand-new device that signs up, browses the home page and one product online, and adds it to the cart: never the cart or checkout. */
async function firstTrip(page: Page, baseURL: string, product: { slug: string }) {
	// A whole journey: sign-up, install, browse, offline checkout and back.
	test.slow();
	await signUp(page, baseURL, 'offline');
	await installed(page);
	await page.goto(`/products/${product.slug}`);
	await page.getByRole('button', { name: 'Add to cart' }).click();
	await expect.poll(() => linedUp(page, product)).toBe(true);
	await expect.poll(() => pending(page)).toBe(0);
}

/** Offline: the cart, then checkout for the first time, a new address typed and kept. */
async function checkoutOnTheTrain(page: Page, address: { country: string; method: RegExp; total: string }) {
	await page.goto('/cart');
	await page.getByRole('link', { name: 'Check out' }).click();
	await expect(page).toHaveURL(/\/checkout$/);
	await page.getByLabel('Full name').fill('Oona Train');
	await page.getByLabel('Street address').fill('1 Platform Road');
	await page.getByLabel('City').fill('Portland');
	await page.getByLabel('Postal code').fill('97201');
	await page.getByLabel('Country').selectOption(address.country);
	await expect(page.getByRole('checkbox', { name: 'Save this address for next time' })).toBeChecked();
	await expect(page.getByRole('radio', { name: address.method })).toBeChecked();
	await expect(page.getByRole('definition').filter({ hasText: address.total }).first()).toBeVisible();
	await page.getByRole('button', { name: 'Request order' }).click();
	await expect(page).toHaveURL(/\/account\/orders$/);
	await expect(page.getByText(NOT_PLACED)).toBeVisible();
}

test('a device that synced once orders offline on its first visit to checkout, and keeps the typed address once', { tag: '@phone' }, async ({ page, context, browser, baseURL }) => {
	const admin = await adminOf(browser, baseURL!);
	const product = await makeProduct(admin, baseURL!, 'Commuter Flask', 5);
	await firstTrip(page, baseURL!, product);

	await context.setOffline(true);
	await checkoutOnTheTrain(page, { country: 'US', method: /Standard/, total: '$22.95' });

	await context.setOffline(false);
	await expect(page.getByRole('heading', { name: /^Placed as order \d+$/ })).toBeVisible({ timeout: 15_000 });
	const orders = (await call(page, 'orders.list')).items;
	expect(orders).toHaveLength(1);
	expect(orders[0].shippingAddress).toMatchObject({ name: 'Oona Train', line1: '1 Platform Road', city: 'Portland', country: 'US' });
	expect((await call(page, 'catalog.product', { slug: product.slug })).inventory).toBe(4);
	const book = await call(page, 'addresses.list');
	expect(book).toEqual([expect.objectContaining({ line1: '1 Platform Road', postalCode: '97201', country: 'US' })]);
	await admin.close();
});

test('a shipping method the admin made dearer while the shopper was offline asks before it orders', { tag: '@phone' }, async ({ page, context, browser, baseURL }) => {
	const admin = await adminOf(browser, baseURL!);
	const product = await makeProduct(admin, baseURL!, 'Island Lamp', 5);
	const method = await admin.call('admin.shipping.create', { name: `Ferry ${Date.now().toString(36)}`, priceMinor: 700, countries: ['IS'] });
	await firstTrip(page, baseURL!, product);

	await context.setOffline(true);
	await checkoutOnTheTrain(page, { country: 'IS', method: new RegExp(method.name), total: '$25.00' });
	await admin.call('admin.shipping.update', { ...method, priceMinor: 900 });

	await context.setOffline(false);
	const request = page.getByRole('region', { name: 'Order requests from this device' }).getByRole('listitem').first();
	await expect(request.getByRole('heading', { name: 'Needs your confirmation' })).toBeVisible({ timeout: 15_000 });
	expect((await call(page, 'orders.list')).items).toEqual([]);
	expect(await call(page, 'addresses.list')).toEqual([]);
	await request.getByRole('button', { name: 'Order at $27.00' }).click();
	await expect(page.getByRole('heading', { name: /^Placed as order \d+$/ })).toBeVisible({ timeout: 15_000 });
	const [order] = (await call(page, 'orders.list')).items;
	expect(order).toMatchObject({ shippingMinor: 900, totalMinor: 2700 });
	expect(await call(page, 'addresses.list')).toHaveLength(1);
	await admin.call('admin.shipping.update', { ...method, active: false });
	await admin.close();
});

test('an order requested offline is placed when the network returns, and then paid', async ({ page, context, browser, baseURL }) => {
	const admin = await adminOf(browser, baseURL!);
	const product = await makeProduct(admin, baseURL!, 'Train Thermos', 5);
	await signUp(page, baseURL!, 'offline');
	await cartThenCheckout(page, product);

	await context.setOffline(true);
	await requestOffline(page);
	// The pending-changes panel lists it as waiting.
	await page.getByRole('banner').getByRole('button', { name: /waiting/ }).click();
	const panel = page.getByRole('dialog', { name: 'Pending changes' });
	await expect(panel.getByRole('listitem').filter({ hasText: 'Order request ($22.95)' })).toContainText('Waiting');
	await panel.getByRole('button', { name: 'Close' }).click();

	await context.setOffline(false);
	const placed = page.getByRole('heading', { name: /^Placed as order \d+$/ });
	await expect(placed).toBeVisible({ timeout: 15_000 });
	await page.getByRole('link', { name: /^Pay now/ }).first().click();
	await page.getByLabel('Card number').fill('4242 4242 4242 4242');
	await page.getByRole('button', { name: /^Pay \$22\.95/ }).click();
	await expect(page).toHaveURL(/\/checkout\/success/);
	await admin.close();
});

test('a line sold out while the shopper was offline places nothing and is reported, fixable in one step', async ({ page, context, browser, baseURL }) => {
	const admin = await adminOf(browser, baseURL!);
	const product = await makeProduct(admin, baseURL!, 'Last Lantern', 1);
	await signUp(page, baseURL!, 'offline');
	await cartThenCheckout(page, product);

	await context.setOffline(true);
	await requestOffline(page);
	await admin.call('admin.products.adjustStock', { id: product.id, change: -1, reason: 'damaged' });
	await context.setOffline(false);

	const request = page.getByRole('region', { name: 'Order requests from this device' }).getByRole('listitem').first();
	await expect(request.getByRole('heading', { name: 'Some items are unavailable' })).toBeVisible({ timeout: 15_000 });
	await expect(request).toContainText(`${product.title}: you asked for 1, sold out.`);
	const orders = await page.evaluate(() => fetch('/api/trpc/orders.list?input=%7B%7D').then((r) => r.json()));
	expect(orders.result.data.items).toEqual([]);
	await request.getByRole('button', { name: 'Update my cart to what is available' }).click();
	await expect.poll(() => page.evaluate(() => window.store.cart.lines.length)).toBe(0);
	await admin.close();
});

test('the pending-changes panel shows a refused cart edit with its reason, and discards it', async ({ page, context, browser, baseURL }) => {
	const admin = await adminOf(browser, baseURL!);
	const product = await makeProduct(admin, baseURL!, 'Brief Bookend', 3);
	await signUp(page, baseURL!, 'offline');
	await installed(page);
	await page.goto(`/products/${product.slug}`);
	await expect.poll(() => pending(page)).toBe(0);

	await context.setOffline(true);
	await page.getByRole('button', { name: 'Add to cart' }).click();
	await admin.call('admin.products.archive', { id: product.id, archived: true });
	await context.setOffline(false);

	const status = page.getByRole('banner').getByRole('button', { name: /needs attention/ });
	await expect(status).toBeVisible({ timeout: 15_000 });
	await status.click();
	const panel = page.getByRole('dialog', { name: 'Pending changes' });
	const refused = panel.getByRole('listitem').filter({ hasText: `Add 1 × ${product.title} to the cart` });
	await expect(refused).toContainText('Needs attention');
	await expect(refused).toContainText('This product is no longer sold.');
	await refused.getByRole('button', { name: 'Discard' }).click();
	await expect(panel.getByText('Needs attention')).toHaveCount(0);
	await page.keyboard.press('Escape');
	await expect(panel).toBeHidden();
	await admin.close();
});
