import { deflateSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import { expect, open, type Page, signUp, test, type TestInfo } from './fixtures';

// The demo admin runs the shop here; a shopper of its own (signed up by the test) buys.
// Products are made by the test, so stock and titles never collide with other tests.
const ADMIN = { email: 'admin@store.test', password: 'admin-demo-password' } as const;

async function signIn(page: Page, baseURL: string, account: { email: string; password: string }) {
	const response = await page.request.post('/login', { form: account, headers: { origin: baseURL, accept: 'text/html' }, maxRedirects: 0 });
	expect(response.status(), `signing in as ${account.email}`).toBe(303);
}

/** A real 2×2 PNG, made here so the test carries no binary file. */
function tinyPng(): Buffer {
	const crc = (bytes: Buffer) => {
		let c = ~0;
		for (const b of bytes) {
			c ^= b;
			for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
		}
		return ~c >>> 0;
	};
	const chunk = (type: string, data: Buffer) => {
		const body = Buffer.concat([Buffer.from(type), data]);
		const out = Buffer.alloc(12 + data.length);
		out.writeUInt32BE(data.length, 0);
		body.copy(out, 4);
		out.writeUInt32BE(crc(body), 8 + data.length);
		return out;
	};
	const header = Buffer.alloc(13);
	header.writeUInt32BE(2, 0);
	header.writeUInt32BE(2, 4);
	header.set([8, 2, 0, 0, 0], 8);
	const pixels = Buffer.from([0, 200, 80, 40, 200, 80, 40, 0, 200, 80, 40, 200, 80, 40]);
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}

/** A shopper of its own signs up, buys a Dutch oven and pays with the test card; their page stays open. */
async function paidOrder(browser: Browser, baseURL: string) {
	const buyer = await browser.newContext();
	const buyerPage = await buyer.newPage();
	await signUp(buyerPage, baseURL, 'admin-buyer');
	await open(buyerPage, '/products/cast-iron-dutch-oven');
	await buyerPage.getByRole('button', { name: 'Add to cart' }).click();
	await expect(buyerPage.getByRole('group', { name: /^Quantity of .* in your cart$/ }).locator('output')).toHaveText('1 in cart');
	await expect.poll(() => buyerPage.evaluate(() => window.store.device.pending)).toBe(0);
	await open(buyerPage, '/checkout');
	await buyerPage.getByLabel('Full name').fill('Robin Buyer');
	await buyerPage.getByLabel('Street address').fill('1 Harbour Road');
	await buyerPage.getByLabel('City').fill('Portland');
	await buyerPage.getByLabel('Postal code').fill('97201');
	await buyerPage.getByRole('button', { name: 'Place order' }).click();
	const orderHeading = buyerPage.getByRole('heading', { level: 2, name: /^Order \d+$/ });
	await expect(orderHeading).toBeVisible();
	const number = (await orderHeading.textContent())!.replace('Order ', '').trim();
	await buyerPage.getByLabel('Card number').fill('4242 4242 4242 4242');
	await buyerPage.getByRole('button', { name: /^Pay \$/ }).click();
	await expect(buyerPage).toHaveURL(/\/checkout\/success/);
	return { buyer, buyerPage, number };
}

test('an admin creates a product with an image, sells out its stock, ships an order, and the audit log shows it all', async ({ page, browser, baseURL }, testInfo: TestInfo) => {
	test.slow();
	const title = `Harbour Lantern ${testInfo.project.name} ${Date.now().toString(36)}`;
	await signIn(page, baseURL!, ADMIN);

	// 1. Create the product, with an image.
	await open(page, '/admin/products/new');
	// The shared schema checks the form in the page first: nothing is sent until it is right.
	const posts: string[] = [];
	page.on('request', (request) => request.method() === 'POST' && posts.push(request.url()));
	await page.getByLabel('Price (USD)').fill('12.345');
	await page.getByRole('button', { name: 'Create product' }).click();
	await expect(page.getByText('Give the product a title.')).toBeVisible();
	await expect(page.getByText('Enter a price such as 12.50.')).toBeVisible();
	await expect(page.getByText('Choose a collection.')).toBeVisible();
	expect(posts).toEqual([]);
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Price (USD)').fill('39.50');
	await page.getByLabel('Collection').selectOption({ index: 1 });
	await page.getByLabel('Units in stock').fill('2');
	await page.getByRole('button', { name: 'Create product' }).click();
	await expect(page.getByText('Created. It is on sale now.')).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	const productUrl = page.url().replace(/\?.*$/, '');
	await page.getByLabel('Image file').setInputFiles({ name: 'lantern.png', mimeType: 'image/png', buffer: tinyPng() });
	await page.getByLabel('Describe the image (for people who cannot see it)').fill('A brass lantern');
	await page.getByRole('button', { name: 'Upload image' }).click();
	await expect(page.getByText('Image added.')).toBeVisible();
	const image = page.getByRole('img', { name: 'A brass lantern' });
	await expect(image).toHaveAttribute('src', /^\/uploads\/products\/[0-9a-f-]+\.png$/);
	const imageResponse = await page.request.get((await image.getAttribute('src'))!);
	expect(imageResponse.headers()['content-type']).toBe('image/png');
	expect(imageResponse.headers()['x-content-type-options']).toBe('nosniff');
	expect(imageResponse.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");

	// A file that is not an image is refused next to the field.
	await page.getByLabel('Image file').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not really a picture') });
	await page.getByRole('button', { name: 'Upload image' }).click();
	await expect(page.getByText('Upload a PNG, JPEG or WebP image.')).toBeVisible();

	// 2. A shopper sees it in the shop, in an open tab.
	const shopper = await browser.newContext();
	const shopperPage = await shopper.newPage();
	const slug = (await page.getByRole('link', { name: 'View in the shop' }).getAttribute('href'))!;
	await open(shopperPage, slug);
	await expect(shopperPage.getByRole('heading', { level: 1 })).toHaveText(title);
	await expect(shopperPage.getByText('Only 2 left')).toBeVisible();

	// 3. Stock goes to 0; the open tab says "Sold out" after its next sync.
	await page.getByLabel('Change', { exact: true }).fill('-2');
	// Only reasons that take units away are offered for a negative change.
	await expect(page.getByLabel('Reason').locator('option:not([disabled])')).toHaveText(['Correction (count)', 'Damaged', 'Lost or stolen']);
	await page.getByLabel('Reason').selectOption('correction');
	await page.getByRole('button', { name: 'Adjust stock' }).click();
	await expect(page.getByText('Stock is now 0.')).toBeVisible();
	await shopperPage.evaluate(() => dispatchEvent(new Event('focus')));
	await expect(shopperPage.getByRole('main').getByText('Sold out').first()).toBeVisible({ timeout: 15_000 });
	await shopper.close();

	// 4. An order to ship: a shopper buys something and pays with the test card.
	const { buyer, buyerPage, number } = await paidOrder(browser, baseURL!);

	await open(page, `/admin/orders?query=${number}`);
	await page.getByRole('link', { name: number, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(`Order ${number}`);
	// A tracking number that is not one is refused beside its field, and the order stays as it was.
	await page.getByLabel('Carrier (optional)').fill('Harbour Post');
	await page.getByLabel('Tracking number (optional)').fill('HP 2026 #7');
	await page.getByRole('button', { name: 'Mark as shipped' }).click();
	await expect(page.getByText('A tracking number has 3 to 40 letters, digits or dashes.')).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Paid');
	await page.getByLabel('Tracking number (optional)').fill('HP-2026-7');
	await page.getByRole('button', { name: 'Mark as shipped' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Shipped');
	await expect(page.getByRole('definition').filter({ hasText: 'HP-2026-7' })).toBeVisible();
	// Every email of the order, with its state: the page looks again until the shipped one is sent.
	const emails = page.getByRole('region', { name: 'Emails to the customer' });
	await expect(emails.getByRole('listitem')).toHaveCount(3);
	await expect(emails).toContainText('Order confirmation');
	await expect(emails.getByRole('listitem').filter({ hasText: 'Order shipped' })).toContainText(/Order shipped —\s+sent\s/, { timeout: 15_000 });
	await expect(emails).not.toContainText('attempts so far');

	// The shopper's order page names the carrier and the tracking number; its payment stays paid.
	await open(buyerPage, `/account/orders/${number}`);
	await expect(buyerPage.getByRole('term').filter({ hasText: /^Payment$/ }).locator('+ dd')).toHaveText('Paid');
	await expect(buyerPage.getByRole('definition').filter({ hasText: 'Harbour Post' })).toBeVisible();
	await expect(buyerPage.getByRole('definition').filter({ hasText: 'HP-2026-7' })).toBeVisible();
	await buyer.close();
	const slip = page.getByRole('region', { name: 'Packing slip' });
	await expect(slip).toBeHidden();
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('button', { name: 'Print packing slip' })).toBeHidden();
	await expect(page.getByRole('banner')).toBeHidden();
	await expect(slip).toBeVisible();
	await expect(slip).toContainText('Robin Buyer');
	await expect(slip).toContainText('Cast Iron Dutch Oven');
	await expect(slip).not.toContainText('$');
	await page.emulateMedia({ media: 'screen' });

	// 5. The audit log has all three, by this admin: each entity's own entries, from its page (other tests write entries meanwhile).
	const rows = page.getByRole('region', { name: 'Audit entries' }).getByRole('row');
	await page.getByRole('link', { name: 'All changes of this order, with who made them' }).click();
	await expect(rows.filter({ hasText: 'order.fulfilled' })).toContainText(ADMIN.email);
	expect(productUrl).toMatch(/\/admin\/products\/[0-9a-f-]{36}$/);
	await open(page, productUrl);
	await page.getByRole('link', { name: 'All changes of this product' }).click();
	await expect(rows.filter({ hasText: 'product.stock' }).filter({ hasText: 'correction' })).toContainText('inventory: 2 → 0');
	await expect(rows.filter({ hasText: 'product.create' }).filter({ hasText: title })).toContainText(ADMIN.email);
});

test('a customer gets 403 on the admin pages and a visitor is sent to sign in', async ({ page, baseURL }) => {
	await signUp(page, baseURL!, 'admin-buyer');
	for (const path of ['/admin/products', '/admin/orders', '/admin/audit', '/admin/collections', '/admin/customers', '/admin/reviews', '/admin/emails']) {
		expect((await page.goto(path))?.status(), path).toBe(403);
	}
	await page.context().clearCookies();
	await page.goto('/admin/products');
	await expect(page).toHaveURL('/login?next=%2Fadmin%2Fproducts');
});

test('an admin adds a shipping method; a mistake is shown next to its field before anything is sent', async ({ page, baseURL }, testInfo) => {
	await signIn(page, baseURL!, ADMIN);
	await open(page, '/admin/shipping');
	const add = page.getByRole('region', { name: 'Add a method' });
	const name = `Courier ${testInfo.project.name} ${Date.now().toString(36)}`;
	const posts: string[] = [];
	page.on('request', (request) => request.method() === 'POST' && posts.push(request.url()));
	await add.getByLabel('Name').fill(name);
	await add.getByLabel('Price', { exact: true }).fill('7.5');
	await add.getByLabel('Countries').fill('US, ZZ');
	await add.getByRole('button', { name: 'Add method' }).click();
	await expect(add.getByText(/ZZ/).last()).toBeVisible();
	await expect(add.getByLabel('Countries')).toBeFocused();
	expect(posts).toEqual([]);
	await add.getByLabel('Countries').fill('US, CA');
	// Inactive, so checkouts running beside this test keep seeing the demo methods only.
	await add.getByLabel('Active').uncheck();
	await add.getByRole('button', { name: 'Add method' }).click();
	const row = page.getByRole('region', { name: 'Shipping methods table' }).getByRole('row', { name: new RegExp(name) });
	await expect(row).toContainText('$7.50');
	await expect(row).toContainText('No');
	expect(posts).toHaveLength(1);
});

test('an admin adds, renames and deletes a collection, and changes a customer’s tier', async ({ page, baseURL }, testInfo) => {
	await signIn(page, baseURL!, ADMIN);
	await open(page, '/admin/collections');
	const add = page.getByRole('region', { name: 'Add a collection' });
	const posts: string[] = [];
	page.on('request', (request) => request.method() === 'POST' && posts.push(request.url()));
	await add.getByRole('button', { name: /^Add/ }).click();
	await expect(add.getByText('Give the collection a title.')).toBeVisible();
	expect(posts).toEqual([]);

	const title = `Gifts ${testInfo.project.name} ${Date.now().toString(36)}`;
	await add.getByLabel('Title').fill(title);
	await add.getByRole('button', { name: /^Add/ }).click();
	const table = page.getByRole('region', { name: 'Collections table' });
	await expect(table.getByRole('row', { name: new RegExp(title) })).toBeVisible();

	const panelOf = (name: string) => page.locator('details').filter({ has: page.locator('summary', { hasText: `${name} (` }) });
	const panel = panelOf(title);
	await panel.locator('summary').click();
	await panel.getByLabel('Title').fill(`${title} and more`);
	await panel.getByRole('button', { name: `Save ${title}` }).click();
	await expect(table.getByRole('row', { name: new RegExp(`${title} and more`) })).toBeVisible();

	const renamed = panelOf(`${title} and more`);
	if (!(await renamed.evaluate((el) => (el as HTMLDetailsElement).open))) await renamed.locator('summary').click();
	page.once('dialog', (dialog) => dialog.accept());
	await renamed.getByRole('button', { name: `Delete ${title} and more` }).click();
	await expect(table.getByRole('row', { name: new RegExp(title) })).toHaveCount(0);

	// The buyer this test signs up gets a better tier.
	const buyerEmail = `e2e-tier-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
	const signup = await page.context().request.post('/signup', {
		form: { email: buyerEmail, password: 'tier-tester-2026', firstName: 'Tia', lastName: 'Tier' },
		headers: { origin: baseURL!, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(signup.status()).toBe(303);
	// Signing up signed this context in as the buyer: back to the admin.
	await signIn(page, baseURL!, ADMIN);
	await open(page, `/admin/customers?query=${encodeURIComponent(buyerEmail)}`);
	await page.getByRole('link', { name: buyerEmail }).click();
	await page.getByLabel('Tier').selectOption('gold');
	await page.getByRole('button', { name: /Save|Change|Update/ }).first().click();
	await expect(page.getByLabel('Tier')).toHaveValue('gold');
	await page.reload();
	await expect(page.getByLabel('Tier')).toHaveValue('gold');
	await open(page, '/admin/audit?query=customer.membership');
	await expect(page.getByRole('region', { name: 'Audit entries' })).toContainText('customer.membership');
});

test('on a 390 px phone the orders list scrolls inside its table with the order number held in place, never the page, and the header keeps the shop’s name', async ({ page, browser, baseURL }, testInfo) => {
	test.skip(testInfo.project.name !== 'phone', 'This measures a phone’s screen.');
	test.slow();
	await page.setViewportSize({ width: 390, height: 844 });
	const { buyer, number } = await paidOrder(browser, baseURL!);
	await buyer.close();
	await signIn(page, baseURL!, ADMIN);
	await open(page, '/admin/orders');

	const table = page.getByRole('region', { name: 'Orders table' });
	await expect(table.getByRole('link', { name: number, exact: true })).toBeVisible();
	expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= innerWidth)).toBe(true);
	// The table is wider than the phone: it scrolls in its own region, and the number stays in sight.
	expect(await table.evaluate((region) => region.scrollWidth > region.clientWidth)).toBe(true);
	await table.evaluate((region) => region.scrollTo({ left: region.scrollWidth }));
	const numberCell = table.getByRole('rowheader').filter({ hasText: number });
	await expect(numberCell).toBeInViewport();
	expect((await numberCell.boundingBox())!.x).toBeLessThan(40);

	const home = page.getByRole('banner').getByRole('link', { name: 'Store home' });
	await expect(home.getByText('Store', { exact: true })).toBeVisible();
	await expect(home.getByText('Store', { exact: true })).toBeInViewport({ ratio: 1 });
});

test('an admin sells a product in two options and six variants, sells one out, and the shop says that one is sold out', async ({ page, context, baseURL }, testInfo) => {
	test.skip(testInfo.project.name !== 'desktop', 'The grid is the same on a phone; once is enough.');
	test.slow();
	const title = `Glazed Bowl ${Date.now().toString(36)}`;
	await signIn(page, baseURL!, ADMIN);
	await open(page, '/admin/products/new');
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Price (USD)').fill('20.00');
	await page.getByLabel('Collection').selectOption({ index: 1 });
	await page.getByLabel('Units in stock').fill('4');
	await page.getByRole('button', { name: 'Create product' }).click();
	await expect(page.getByText('Created. It is on sale now.')).toBeVisible();
	const slug = (await page.getByRole('link', { name: 'View in the shop' }).getAttribute('href'))!.replace('/products/', '');
	// A second tab of the same product, opened before the save, to be refused later.
	const stale = await context.newPage();
	await open(stale, page.url());

	// The options are edited in the page: nothing is sent until Save.
	const posts: string[] = [];
	page.on('request', (request) => request.method() === 'POST' && posts.push(request.url()));
	const editor = page.getByRole('region', { name: 'Options and variants' });
	for (const [name, values] of [['Size', ['S', 'M', 'L']], ['Glaze', ['Sage', 'Clay']]] as const) {
		await editor.getByRole('button', { name: 'Add an option' }).click();
		await expect(editor.getByLabel('Name').last()).toBeFocused();
		await editor.getByLabel('Name').last().fill(name);
		for (const [i, value] of values.entries()) {
			if (i > 0) await editor.getByRole('button', { name: `Add a value to ${name}` }).click();
			await editor.getByLabel(`Value ${i + 1} of ${name}`).fill(value);
		}
	}
	const grid = editor.getByRole('region', { name: 'Variants table' });
	await expect(grid.getByRole('rowheader')).toHaveText(['S / Sage', 'S / Clay new', 'M / Sage new', 'M / Clay new', 'L / Sage new', 'L / Clay new']);
	for (const label of ['S / Clay', 'M / Sage', 'M / Clay', 'L / Sage', 'L / Clay']) await grid.getByLabel(`Starting stock of ${label}`).fill('3');
	await grid.getByLabel('Price of L / Clay').fill('24');
	expect(posts).toEqual([]);
	await editor.getByRole('button', { name: 'Save options and variants' }).click();
	await expect(editor.getByRole('status').filter({ hasText: 'Saved. The product sells 6 variants.' })).toBeVisible();
	expect(posts).toHaveLength(1);
	await expect(page.getByRole('heading', { name: 'Stock: 19 units' })).toBeVisible();

	// The other tab still shows the product as it was: its save is refused, in words, with a way to reload.
	const staleEditor = stale.getByRole('region', { name: 'Options and variants' });
	await staleEditor.getByRole('button', { name: 'Add an option' }).click();
	await staleEditor.getByLabel('Name').fill('Colour');
	await staleEditor.getByLabel('Value 1 of Colour').fill('Blue');
	await staleEditor.getByRole('button', { name: 'Save options and variants' }).click();
	await expect(staleEditor.getByRole('alert')).toContainText('Someone else saved these options after you opened them.');
	await staleEditor.getByRole('link', { name: 'Reload the page' }).click();
	await expect(stale.getByRole('region', { name: 'Variants table' }).getByRole('rowheader')).toHaveCount(6);
	await stale.close();

	// M / Clay sells out.
	const variant = page.getByLabel('Variant', { exact: true });
	await variant.selectOption((await variant.locator('option', { hasText: /^M \/ Clay/ }).getAttribute('value'))!);
	await page.getByLabel('Change', { exact: true }).fill('-3');
	await page.getByLabel('Reason', { exact: true }).first().selectOption('correction');
	await page.getByRole('button', { name: 'Adjust stock' }).click();
	await expect(page.getByText('Saved. The product’s stock over all its variants is now 16.')).toBeVisible();

	// The shop's product: every combination, M / Clay sold out, L / Clay at its own price.
	await expect
		.poll(async () => {
			const response = await page.request.get(`/api/trpc/catalog.product?input=${encodeURIComponent(JSON.stringify({ slug }))}`);
			const product = (await response.json()).result.data as { inventory: number; options: unknown; variants: { options: Record<string, string>; inventory: number; priceMinor: number }[] };
			return {
				inventory: product.inventory,
				options: product.options,
				variants: product.variants.map((v) => `${v.options.Size}/${v.options.Glaze}: ${v.inventory} at ${v.priceMinor}`)
			};
		})
		.toEqual({
			inventory: 16,
			options: [
				{ name: 'Size', values: ['S', 'M', 'L'] },
				{ name: 'Glaze', values: ['Sage', 'Clay'] }
			],
			variants: ['S/Sage: 4 at 2000', 'S/Clay: 3 at 2000', 'M/Sage: 3 at 2000', 'M/Clay: 0 at 2000', 'L/Sage: 3 at 2000', 'L/Clay: 3 at 2400']
		});
});
