import AxeBuilder from '@axe-core/playwright';
import { expect, shopMenu, test, type Page } from './fixtures';

const productCards = (page: Page) => page.getByRole('main').getByRole('listitem').getByRole('article');
const resultsHeading = (page: Page) => page.getByRole('heading', { level: 2, name: /products?/ });

/** The prices shown on the grid, in cents. */
async function gridPrices(page: Page) {
	const texts = await page.locator('article .price').allTextContents();
	return texts.map((t) => Math.round(Number(t.replace(/[^0-9.]/g, '')) * 100));
}

/** The filter form: beside the grid on a laptop, in the sheet that "Filter and sort" opens on a phone. */
async function openFilters(page: Page) {
	const button = page.getByRole('link', { name: /^Filter and sort/ });
	const sheet = page.getByRole('dialog', { name: 'Filter and sort' });
	if (!(await button.isVisible()) || (await sheet.isVisible())) return;
	await button.click();
	await expect(sheet).toBeVisible();
}

/** Closes the phone's filter sheet, when it is open, to reach the page behind it. */
async function closeFilters(page: Page) {
	const sheet = page.getByRole('dialog', { name: 'Filter and sort' });
	if (!(await sheet.isVisible())) return;
	await page.keyboard.press('Escape');
	await expect(sheet).toBeHidden();
}

test('the catalog opens with the demo products, collections and a usable header', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1, name: 'Shop all' })).toBeVisible();
	// The 120 demo products, and any the admin tests have added since.
	await expect(resultsHeading(page)).toHaveText(/^\d{3} products/);
	expect(Number((await resultsHeading(page).textContent())!.match(/^\d+/)![0])).toBeGreaterThanOrEqual(120);
	await expect(productCards(page)).toHaveCount(24);
	const shop = await shopMenu(page);
	for (const name of ['Favorites', 'Cart', 'Sign in']) {
		await expect(shop.getByRole('link', { name })).toBeVisible();
	}
	// "All" and the 8 demo collections (an admin test may be adding one of its own meanwhile).
	const collectionLinks = page.getByRole('navigation', { name: 'Collections' }).getByRole('link');
	await expect(collectionLinks.first()).toHaveText('All');
	expect(await collectionLinks.count()).toBeGreaterThanOrEqual(9);
});

test('search from the header finds products and is kept in the URL', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('searchbox', { name: 'Search products' }).fill('mug');
	await page.getByRole('searchbox', { name: 'Search products' }).press('Enter');
	await expect(page).toHaveURL(/[?&]q=mug/);
	await expect(resultsHeading(page)).toHaveText(/for “mug”/);
	const count = await productCards(page).count();
	expect(count).toBeGreaterThan(0);
	expect(count).toBeLessThan(24);
	await expect(page.getByRole('searchbox', { name: 'Search products' })).toHaveValue('mug');

	await page.getByRole('searchbox', { name: 'Search products' }).fill('qqzzxx');
	await page.getByRole('searchbox', { name: 'Search products' }).press('Enter');
	await expect(page.getByText('No products match these filters.')).toBeVisible();
});

test('a misspelt search lists its best match first', async ({ page }) => {
	await page.goto('/?q=expresso%20cups');
	await expect(resultsHeading(page)).toHaveText(/for “expresso cups”/);
	await expect(productCards(page).first()).toContainText('Double-walled Espresso Cups');
	await expect(productCards(page).nth(1)).toContainText('Burr Hand Grinder');
	await openFilters(page);
	await expect(page.getByLabel('Sort by')).toHaveValue('relevance');
});

test('filters and sort live in the URL and the back button undoes them', async ({ page }) => {
	await page.goto('/');
	await openFilters(page);
	await page.getByLabel('Collection', { exact: true }).selectOption('coffee-tea');
	await expect(page).toHaveURL(/collection=coffee-tea/);
	await expect(resultsHeading(page)).toHaveText(/^15 products/);

	await page.getByLabel('In stock only').check();
	await expect(page).toHaveURL(/instock=1/);
	await expect(page.getByText('Sold out')).toHaveCount(0);
	const inStock = Number((await resultsHeading(page).textContent())?.match(/\d+/)?.[0]);
	expect(inStock).toBeLessThan(15);

	await page.getByLabel('Sort by').selectOption('price_asc');
	await expect(page).toHaveURL(/sort=price_asc/);
	const prices = await gridPrices(page);
	expect(prices).toEqual([...prices].sort((a, b) => a - b));

	await page.getByLabel('Maximum price').fill('20');
	await page.getByLabel('Maximum price').press('Enter');
	await expect(page).toHaveURL(/max=20/);
	for (const price of await gridPrices(page)) expect(price).toBeLessThanOrEqual(2000);

	await page.goBack();
	await expect(page).not.toHaveURL(/max=20/);
	await expect(page).toHaveURL(/sort=price_asc/);
	await page.goBack();
	await expect(page).not.toHaveURL(/sort=/);
	await expect(page.getByLabel('Sort by')).toHaveValue('newest');

	await page.reload();
	await expect(page.getByLabel('Collection', { exact: true })).toHaveValue('coffee-tea');
	await expect(page.getByLabel('In stock only')).toBeChecked();
});

test('a price range with the lowest above the highest runs no search and says what to fix', async ({ page }) => {
	const problem = 'The lowest price is above the highest. Swap them, or clear one.';
	// From the server, as a shared link opens.
	await page.goto('/?min=20&max=10');
	await expect(page.getByRole('heading', { level: 2, name: 'Check the price range' })).toBeVisible();
	await expect(page.getByRole('main').getByRole('article')).toHaveCount(0);
	await openFilters(page);
	await expect(page.getByRole('alert').filter({ hasText: problem })).toBeVisible();
	await expect(page.getByLabel('Minimum price')).toHaveAttribute('aria-invalid', 'true');
	await closeFilters(page);
	await page.getByRole('link', { name: 'Clear the price range' }).click();
	await expect(page).toHaveURL('/');
	await expect(resultsHeading(page)).toHaveText(/^\d+ products/);

	// In the page, as a shopper types it (the device answers once it holds the catalog).
	await openFilters(page);
	await page.getByLabel('Maximum price').fill('10');
	await page.getByLabel('Maximum price').press('Enter');
	await expect(page).toHaveURL(/max=10/);
	await openFilters(page);
	await page.getByLabel('Minimum price').fill('20');
	await page.getByLabel('Minimum price').press('Enter');
	await expect(page).toHaveURL(/min=20/);
	await expect(page.getByRole('alert').filter({ hasText: problem })).toBeVisible();
	await expect(page.getByRole('main').getByRole('article')).toHaveCount(0);
});

test('sorting high to low and paging keep every product in order', async ({ page }) => {
	await page.goto('/?sort=price_desc');
	const first = await gridPrices(page);
	expect(first).toEqual([...first].sort((a, b) => b - a));
	await page.getByRole('link', { name: 'Next page' }).click();
	await expect(page).toHaveURL(/cursor=/);
	const second = await gridPrices(page);
	expect(second[0]).toBeLessThanOrEqual(first.at(-1)!);
	await page.goBack();
	await expect(page).not.toHaveURL(/cursor=/);
});

test('a product page shows price, stock, rating and reviews, and back returns to the grid', async ({ page }) => {
	await page.goto('/collections/audio');
	await expect(page.getByRole('heading', { level: 1, name: 'Audio' })).toBeVisible();
	const card = productCards(page).first();
	const title = (await card.getByRole('heading').textContent())!.trim();
	const price = (await card.locator('.price').textContent())!.trim();
	await card.getByRole('link').click();

	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	await expect(page.getByText(price, { exact: true })).toBeVisible();
	await expect(page.getByText(/In stock|Only \d+ left|Sold out/)).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Reviews' })).toBeVisible();
	await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Audio' })).toBeVisible();

	await page.goBack();
	await expect(page).toHaveURL(/\/collections\/audio$/);
});

test('an unknown product or collection shows a friendly 404', async ({ page }) => {
	const response = await page.goto('/products/no-such-product');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { name: 'We could not find that page' })).toBeVisible();
	expect((await page.goto('/collections/nope'))?.status()).toBe(404);
});

test('catalog and product pages have no detectable accessibility violations', async ({ page }) => {
	// axe reads every node of three whole pages: on a busy two-core machine that can take most of the usual 30 s.
	test.slow();
	for (const path of ['/', '/collections/stationery?instock=1', '/products/walnut-serving-board']) {
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(200);
		const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
		expect(results.violations.map((v) => `${path}: ${v.id} ${v.help}`)).toEqual([]);
	}
});

test('the filters work without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/');
	// A phone folds the form away; its link unfolds it in the page.
	const unfold = page.getByRole('link', { name: /^Filter and sort/ });
	if (await unfold.isVisible()) await unfold.click();
	await page.getByLabel('In stock only').check();
	await page.getByLabel('Sort by').selectOption('title');
	await page.getByRole('button', { name: 'Apply' }).click();
	await expect(page).toHaveURL(/instock=1.*sort=title|sort=title.*instock=1/);
	await expect(page.getByText('Sold out')).toHaveCount(0);
	await context.close();
});

test("the catalog's API answer is kept for everyone: nothing of a signed-in shopper's reaches a visitor, and its ETag revalidates", async ({ page, baseURL, playwright }) => {
	const url = `/api/trpc/catalog.list?input=${encodeURIComponent(JSON.stringify({ sort: 'title', limit: 13 }))}`;
	const login = await page.request.post('/login', { form: { email: 'shopper@store.test', password: 'shopper-demo-password' }, headers: { origin: baseURL!, accept: 'text/html' }, maxRedirects: 0 });
	expect(login.status()).toBe(303);
	const signedIn = await page.request.get(url);
	expect(signedIn.headers()['cache-control']).toBe('private, no-store');
	expect(signedIn.headers()['etag']).toBeUndefined();

	const visitor = await playwright.request.newContext({ baseURL });
	try {
		const shared = await visitor.get(url, { headers: { 'accept-encoding': 'br' } });
		expect(shared.headers()['content-encoding']).toBe('br');
		expect(shared.headers()['cache-control']).toMatch(/^public, /);
		expect(shared.headers()['set-cookie']).toBeUndefined();
		const text = await shared.text();
		expect(text).toBe(await signedIn.text());
		expect(text).not.toContain('shopper@store.test');
		const again = await visitor.get(url, { headers: { 'if-none-match': shared.headers()['etag']! } });
		expect(again.status()).toBe(304);
	} finally {
		await visitor.dispose();
	}
});
