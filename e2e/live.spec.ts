import { expect, test } from './fixtures';

const ADMIN = { email: 'admin@store.test', password: 'admin-demo-password' } as const;

test('a price the admin changes shows in an open shopper tab within a second, because the server said so', async ({ page, browser, baseURL }, testInfo) => {
	test.skip(testInfo.project.name !== 'desktop', 'The admin works at a desktop; one run of this flow is enough.');
	const admin = await browser.newContext();
	const adminPage = await admin.newPage();
	const login = await adminPage.request.post('/login', { form: ADMIN, headers: { origin: baseURL!, accept: 'text/html' }, maxRedirects: 0 });
	expect(login.status()).toBe(303);

	// A product of this test's own, at 20.00.
	const collections = await (await adminPage.request.get('/api/trpc/catalog.collections')).json();
	const created = await adminPage.request.post('/api/trpc/admin.products.create', {
		headers: { origin: baseURL! },
		data: { title: `Live Lantern ${Date.now().toString(36)}`, priceMinor: 2000, inventory: 5, collectionId: collections.result.data[0].id }
	});
	expect(created.status()).toBe(200);
	const product = (await created.json()).result.data as { id: string; slug: string };

	// The shopper's tab is open on it; the DevTools protocol shows what reaches it over /api/events.
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Network.enable');
	const events: { name: string; data: string; at: number }[] = [];
	cdp.on('Network.eventSourceMessageReceived', (message) => events.push({ name: message.eventName, data: message.data, at: Date.now() }));
	const pulls: number[] = [];
	page.on('request', (request) => request.url().includes('/api/trpc/sync.pull') && pulls.push(Date.now()));
	await page.goto(`/products/${product.slug}`);
	const main = page.getByRole('main');
	await expect(main.getByText('$20.00').first()).toBeVisible();
	await expect.poll(() => events.length, { message: 'the tab listens to /api/events' }).toBeGreaterThan(0);

	// The admin changes the price in the admin's own form.
	await adminPage.goto(`/admin/products/${product.id}`);
	await adminPage.locator('body[data-hydrated]').waitFor({ state: 'attached' });
	await adminPage.getByLabel('Price (USD)').fill('24.50');
	const heardBefore = events.length;
	const clickedAt = Date.now();
	await adminPage.getByRole('button', { name: 'Save changes' }).click();
	await expect(adminPage.getByText('Saved.')).toBeVisible();
	const savedAt = Date.now();

	await expect(main.getByText('$24.50').first()).toBeVisible({ timeout: 1000 });
	const shownAt = Date.now();
	const heard = events.slice(heardBefore).find((e) => e.name === 'catalog');
	expect(heard, 'a catalog event reached the tab').toBeDefined();
	// The pull that brought the price followed the event; no timer or focus fired one in between.
	const pullsAfterSave = pulls.filter((at) => at >= clickedAt);
	expect(pullsAfterSave.length).toBeGreaterThan(0);
	expect(pullsAfterSave[0]!).toBeGreaterThanOrEqual(heard!.at - 50);
	console.log(`admin save → shopper tab shows the new price: ${shownAt - clickedAt} ms from the click, ${shownAt - savedAt} ms after the admin saw "Saved."`);
	await admin.close();
});
