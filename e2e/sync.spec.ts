import { expect, shopMenu, test, type Page } from './fixtures';
import type { Browser } from '@playwright/test';

// The demo shopper's cart and favorites live on the one shared server, for every test of
// both projects. The tests that read or write them run one after another, on desktop only,
// and each first sets them to a known state. The others shop as visitors: a visitor's
// cart belongs to the device (its client group), so those run anywhere, side by side.
// Only correct passwords are used here (see the login budgets in accounts.spec.ts).
const SHOPPER = { email: 'shopper@store.test', password: 'shopper-demo-password' } as const;

type Product = { slug: string; title: string };
// Demo products with plenty of stock.
const DRIPPER: Product = { slug: 'pour-over-coffee-dripper', title: 'Pour-over Coffee Dripper' };
const ENAMEL_MUG: Product = { slug: 'camp-enamel-mug', title: 'Camp Enamel Mug' };
const BOTTLE: Product = { slug: 'insulated-steel-water-bottle', title: 'Insulated Steel Water Bottle' };

const shopNav = (page: Page) => page.getByRole('navigation', { name: 'Your shop' });
const syncStatus = (page: Page) => page.getByRole('banner').getByRole('status');
const productCards = (page: Page) => page.getByRole('main').getByRole('listitem').getByRole('article');
const resultsHeading = (page: Page) => page.getByRole('heading', { level: 2, name: /products?/ });
const stepper = (page: Page, title: string) => page.getByRole('group', { name: `Quantity of ${title} in your cart` }).locator('output');
const cartLines = (page: Page) => page.getByRole('main').getByRole('list').getByRole('listitem');

/** Opens a page and waits until the app has hydrated (for pages the fixture did not make). */
async function open(page: Page, url: string) {
	const response = await page.goto(url);
	expect(response?.ok(), `opening ${url}`).toBe(true);
	await page.locator('body[data-hydrated]').waitFor({ state: 'attached' });
}

/** Signs in through the form's endpoint; the session cookie lands in the page's context. */
async function signInByRequest(page: Page, baseURL: string) {
	const response = await page.request.post('/login', {
		form: SHOPPER,
		headers: { origin: baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(response.status(), `signing in as ${SHOPPER.email}`).toBe(303);
}

/** Every row of one table of the device's IndexedDB database ('store'), read directly. */
async function deviceRows<T>(page: Page, table: 'meta' | 'outbox' | 'cart' | 'favorites'): Promise<T[]> {
	const rows = await page.evaluate(
		(name) =>
			new Promise<unknown[]>((resolve, reject) => {
				const request = indexedDB.open('store');
				request.onerror = () => reject(request.error);
				request.onsuccess = () => {
					const db = request.result;
					if (!db.objectStoreNames.contains(name)) {
						db.close();
						resolve([]);
						return;
					}
					const all = db.transaction(name, 'readonly').objectStore(name).getAll();
					all.onsuccess = () => (db.close(), resolve(all.result));
					all.onerror = () => (db.close(), reject(all.error));
				};
			}),
		table
	);
	return rows as T[];
}

async function deviceMeta(page: Page): Promise<Record<string, unknown>> {
	const rows = await deviceRows<{ key: string; value: unknown }>(page, 'meta');
	return Object.fromEntries(rows.map((row) => [row.key, row.value]));
}

/**
 * Waits until this device has finished a whole sync: the catalog is on the device and the
 * server's cart has been pulled (the cart id is only written then), and the header says so.
 */
async function waitForDevice(page: Page) {
	await expect
		.poll(async () => (await deviceMeta(page)).cartId ?? null, { message: 'the device has pulled its cart', timeout: 15_000 })
		.not.toBeNull();
	expect((await deviceMeta(page)).catalogLoadedAt, 'the catalog is on the device').toBeTruthy();
	await expect(syncStatus(page)).toHaveAttribute('title', /^Last synced /);
	await expect(syncStatus(page)).toHaveText('Synced');
}

/** Waits until the server has every change this device made, and the header says 'Synced'. */
async function waitForSync(page: Page) {
	await expect
		.poll(async () => (await deviceRows(page, 'outbox')).length, { message: 'changes waiting on the device', timeout: 15_000 })
		.toBe(0);
	await expect(syncStatus(page)).toHaveText('Synced');
}

type PullResult = {
	products: { id: string; slug?: string; deleted?: true }[];
	cart?: { id: string; lines: { productId: string; quantity: number }[] };
	favorites?: string[];
};

/**
 * What the server holds for this device's client group, through `sync.pull` with the
 * page's cookies: the cart as { slug: quantity } and the favorites as slugs.
 */
async function serverState(page: Page): Promise<{ cart: Record<string, number>; favorites: string[] }> {
	const clientGroupId = (await deviceMeta(page)).clientGroupId;
	expect(clientGroupId, 'the device has a client group').toEqual(expect.any(String));
	const input = encodeURIComponent(JSON.stringify({ cursor: null, clientGroupId }));
	const response = await page.request.get(`/api/trpc/sync.pull?input=${input}`);
	expect(response.status(), 'sync.pull').toBe(200);
	const data = (await response.json()).result.data as PullResult;
	const slugs = new Map(data.products.map((p) => [p.id, p.slug ?? `(deleted ${p.id})`]));
	expect(data.cart, 'sync.pull with a client group returns the cart').toBeDefined();
	return {
		cart: Object.fromEntries(data.cart!.lines.map((l) => [slugs.get(l.productId) ?? l.productId, l.quantity])),
		favorites: (data.favorites ?? []).map((id) => slugs.get(id) ?? id)
	};
}

/**
 * Sets the shopper's server-side cart to one of each of `cart` and clears their favorites,
 * through the app in a context of its own, and checks the server agrees.
 */
async function resetShopper(browser: Browser, baseURL: string, cart: Product[] = []) {
	const context = await browser.newContext();
	try {
		const page = await context.newPage();
		await signInByRequest(page, baseURL);
		await open(page, '/cart');
		await waitForDevice(page);
		// The cart shows its lines or says it is empty once the device has both; then act.
		const empty = page.getByRole('button', { name: 'Empty cart' });
		const emptied = page.getByText('Your cart is empty.');
		await expect(empty.or(emptied)).toBeVisible();
		if (await empty.isVisible()) await empty.click();
		await expect(emptied).toBeVisible();

		await (await shopMenu(page)).getByRole('link', { name: 'Favorites' }).click();
		await expect(page).toHaveURL('/favorites');
		const saved = page.getByRole('main').getByRole('button', { name: /^Remove .+ from favorites$/ });
		for (let count = await saved.count(); count > 0; count--) {
			await saved.first().click();
			await expect(saved).toHaveCount(count - 1);
		}
		for (const product of cart) {
			await open(page, `/products/${product.slug}`);
			await page.getByRole('button', { name: 'Add to cart' }).click();
			await expect(stepper(page, product.title)).toHaveText('1 in cart');
		}
		await waitForSync(page);
		expect(await serverState(page), 'the shopper’s state before the test').toEqual({
			cart: Object.fromEntries(cart.map((p) => [p.slug, 1])),
			favorites: []
		});
	} finally {
		await context.close();
	}
}

test.describe('the signed-in shopper’s device and the server', () => {
	// These share the shopper's server-side cart and favorites: one at a time, one project.
	test.describe.configure({ mode: 'serial' });
	test.beforeEach(({}, testInfo) => {
		test.skip(testInfo.project.name !== 'desktop', 'The demo shopper’s server cart is shared: only desktop uses it.');
	});

	test('shopping offline: search, filter, cart and favorites work, and reach the server once back online', async ({
		page,
		browser,
		baseURL
	}) => {
		test.setTimeout(90_000);
		await resetShopper(browser, baseURL!);
		await signInByRequest(page, baseURL!);

		// Online: the device loads the whole catalog.
		await page.goto('/');
		await waitForDevice(page);
		await expect(productCards(page)).toHaveCount(24);

		// The network drops.
		await page.context().setOffline(true);
		await expect(syncStatus(page)).toHaveText('Offline');

		// Search from the header.
		const search = page.getByRole('searchbox', { name: 'Search products' });
		await search.fill('mug');
		await search.press('Enter');
		await expect(page).toHaveURL(/[?&]q=mug/);
		await expect(resultsHeading(page)).toHaveText(/for “mug”/);
		expect(await productCards(page).count()).toBeGreaterThan(0);

		// Filter by a collection, then in stock only.
		await page.getByLabel('Collection', { exact: true }).selectOption('coffee-tea');
		await expect(page).toHaveURL(/collection=coffee-tea/);
		await expect(page).toHaveURL(/[?&]q=mug/);
		await expect(resultsHeading(page)).toHaveText(/for “mug”/);
		const inCollection = Number((await resultsHeading(page).textContent())?.match(/\d+/)?.[0]);
		expect(inCollection).toBeGreaterThan(0);
		for (const collection of await productCards(page).locator('.collection').allTextContents()) expect(collection).toBe('Coffee & Tea');

		await page.getByLabel('In stock only').check();
		await expect(page).toHaveURL(/instock=1/);
		await expect(page.getByLabel('In stock only')).toBeChecked();
		await expect(productCards(page).first()).toBeVisible();
		await expect(page.getByRole('main').getByText('Sold out')).toHaveCount(0);
		const inStock = Number((await resultsHeading(page).textContent())?.match(/\d+/)?.[0]);
		expect(inStock).toBeGreaterThan(0);
		expect(inStock).toBeLessThanOrEqual(inCollection);
		for (const collection of await productCards(page).locator('.collection').allTextContents()) expect(collection).toBe('Coffee & Tea');

		// Open a product from its card; it comes from the device (reviews need the network).
		const card = productCards(page).first();
		const title = (await card.getByRole('heading').textContent())!.trim();
		await card.getByRole('link', { name: title }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
		await expect(page.getByText('Reviews show when you are back online.')).toBeVisible();
		const productSlug = new URL(page.url()).pathname.replace('/products/', '');

		// Add it to the cart, then one more.
		await page.getByRole('button', { name: 'Add to cart' }).click();
		await expect(stepper(page, title)).toHaveText('1 in cart');
		await page.getByRole('group', { name: `Quantity of ${title} in your cart` }).getByRole('button', { name: 'One more' }).click();
		await expect(stepper(page, title)).toHaveText('2 in cart');
		await expect(shopNav(page).getByRole('link', { name: 'Cart, 2 items' })).toBeVisible();

		// Save another product to favorites from the grid.
		await page.getByRole('link', { name: 'Store home' }).click();
		await expect(page).toHaveURL('/');
		const other = productCards(page).filter({ hasNot: page.getByRole('heading', { name: title, exact: true }) }).first();
		const favorite = (await other.getByRole('heading').textContent())!.trim();
		const favoriteSlug = (await other.getByRole('link', { name: favorite }).getAttribute('href'))!.replace('/products/', '');
		await other.getByRole('button', { name: `Save ${favorite} to favorites` }).click();
		await expect(other.getByRole('button', { name: `Remove ${favorite} from favorites` })).toHaveAttribute('aria-pressed', 'true');

		// Three changes wait for the network.
		await expect(syncStatus(page)).toHaveText(/^Offline\s*·\s*3 waiting$/);
		expect((await deviceRows<{ name: string }>(page, 'outbox')).map((m) => m.name)).toEqual([
			'cart.add',
			'cart.setQuantity',
			'favorites.add'
		]);

		// The cart and favorites pages open offline from the header and show them.
		await shopNav(page).getByRole('link', { name: 'Cart, 2 items' }).click();
		await expect(page).toHaveURL('/cart');
		await expect(cartLines(page)).toHaveCount(1);
		await expect(cartLines(page).getByRole('link', { name: title })).toBeVisible();
		// (The cart names a line with its choice, "Mug (Sage)", when the product comes in options.)
		await expect(cartLines(page).locator('output')).toHaveText('2 in cart');

		await (await shopMenu(page)).getByRole('link', { name: 'Favorites' }).click();
		await expect(page).toHaveURL('/favorites');
		await expect(productCards(page)).toHaveCount(1);
		await expect(productCards(page).getByRole('heading', { name: favorite })).toBeVisible();
		await expect(page.getByRole('button', { name: `Remove ${favorite} from favorites` })).toHaveAttribute('aria-pressed', 'true');
		await expect(syncStatus(page)).toHaveText(/^Offline\s*·\s*3 waiting$/);

		// Back online: the changes go up and the header says so.
		await page.context().setOffline(false);
		await waitForSync(page);
		await expect(shopNav(page).getByRole('link', { name: 'Cart, 2 items' })).toBeVisible();
		await expect(productCards(page)).toHaveCount(1);

		// Another browser, signed in as the same shopper, sees exactly these.
		const context = await browser.newContext();
		try {
			const elsewhere = await context.newPage();
			await signInByRequest(elsewhere, baseURL!);
			await open(elsewhere, '/cart');
			await waitForDevice(elsewhere);
			await expect(cartLines(elsewhere)).toHaveCount(1);
			await expect(cartLines(elsewhere).getByRole('link', { name: title })).toBeVisible();
			await expect(cartLines(elsewhere).locator('output')).toHaveText('2 in cart');
			await expect(shopNav(elsewhere).getByRole('link', { name: 'Cart, 2 items' })).toBeVisible();

			await (await shopMenu(elsewhere)).getByRole('link', { name: 'Favorites' }).click();
			await expect(elsewhere).toHaveURL('/favorites');
			await expect(productCards(elsewhere)).toHaveCount(1);
			await expect(productCards(elsewhere).getByRole('heading', { name: favorite })).toBeVisible();

			expect(await serverState(elsewhere)).toEqual({ cart: { [productSlug]: 2 }, favorites: [favoriteSlug] });
		} finally {
			await context.close();
		}
	});

	test('a guest cart survives signing in and merges with the shopper’s cart', async ({ page, browser, baseURL }) => {
		test.setTimeout(90_000);
		// The shopper already has one dripper in their cart.
		await resetShopper(browser, baseURL!, [DRIPPER]);

		// A visitor puts two drippers and a mug in the cart.
		await page.goto(`/products/${DRIPPER.slug}`);
		await waitForDevice(page);
		await page.getByRole('button', { name: 'Add to cart' }).click();
		await expect(stepper(page, DRIPPER.title)).toHaveText('1 in cart');
		await page.getByRole('group', { name: `Quantity of ${DRIPPER.title} in your cart` }).getByRole('button', { name: 'One more' }).click();
		await expect(stepper(page, DRIPPER.title)).toHaveText('2 in cart');
		await page.goto(`/products/${ENAMEL_MUG.slug}`);
		await page.getByRole('button', { name: 'Add to cart' }).click();
		await expect(stepper(page, ENAMEL_MUG.title)).toHaveText('1 in cart');
		await waitForSync(page);
		await expect(shopNav(page).getByRole('link', { name: 'Cart, 3 items' })).toBeVisible();
		expect(await serverState(page), 'the guest cart on the server').toEqual({
			cart: { [DRIPPER.slug]: 2, [ENAMEL_MUG.slug]: 1 },
			favorites: []
		});

		// Signing in through the form lands on the cart, merged by the server.
		await page.goto('/login?next=/cart');
		await page.getByLabel('Email', { exact: true }).fill(SHOPPER.email);
		await page.getByLabel('Password', { exact: true }).fill(SHOPPER.password);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page).toHaveURL('/cart');
		await expect((await shopMenu(page)).getByRole('link', { name: 'Account' })).toBeVisible();

		await expect(stepper(page, DRIPPER.title)).toHaveText('3 in cart');
		await expect(stepper(page, ENAMEL_MUG.title)).toHaveText('1 in cart');
		await expect(cartLines(page)).toHaveCount(2);
		await expect(shopNav(page).getByRole('link', { name: 'Cart, 4 items' })).toBeVisible();
		await waitForSync(page);
		expect(await serverState(page), 'the shopper’s cart after signing in').toEqual({
			cart: { [DRIPPER.slug]: 3, [ENAMEL_MUG.slug]: 1 },
			favorites: []
		});
	});

	test('signing out clears the shopper’s cart and favorites from the device', async ({ page, browser, baseURL }) => {
		test.setTimeout(60_000);
		await resetShopper(browser, baseURL!);
		await signInByRequest(page, baseURL!);
		await page.goto(`/products/${BOTTLE.slug}`);
		await waitForDevice(page);
		await page.getByRole('button', { name: 'Add to cart' }).click();
		await expect(stepper(page, BOTTLE.title)).toHaveText('1 in cart');
		await page.getByRole('button', { name: `Save ${BOTTLE.title} to favorites` }).click();
		await expect(page.getByRole('button', { name: `Remove ${BOTTLE.title} from favorites` })).toHaveAttribute('aria-pressed', 'true');
		await waitForSync(page);
		await expect(shopNav(page).getByRole('link', { name: 'Cart, 1 item' })).toBeVisible();
		const before = await deviceMeta(page);
		expect(await deviceRows(page, 'cart')).toHaveLength(1);
		expect(await deviceRows(page, 'favorites')).toHaveLength(1);

		await (await shopMenu(page)).getByRole('link', { name: 'Account' }).click();
		await expect(page).toHaveURL('/account');
		await page.getByRole('button', { name: 'Sign out' }).click();
		await expect(page).toHaveURL('/');
		await expect((await shopMenu(page)).getByRole('link', { name: 'Sign in' })).toBeVisible();

		// The device starts over as a visitor's: a new client group, nothing of the shopper's.
		await expect
			.poll(async () => {
				const meta = await deviceMeta(page);
				return { visitor: meta.userId === '', newGroup: meta.clientGroupId !== before.clientGroupId };
			}, { message: 'the device belongs to a visitor now' })
			.toEqual({ visitor: true, newGroup: true });
		await waitForDevice(page);
		expect(await deviceRows(page, 'cart')).toEqual([]);
		expect(await deviceRows(page, 'favorites')).toEqual([]);
		expect(await deviceRows(page, 'outbox')).toEqual([]);
		await expect(shopNav(page).getByRole('link', { name: 'Cart', exact: true })).toBeVisible();
		await expect(shopNav(page).getByRole('link', { name: /^Cart, / })).toHaveCount(0);

		await shopNav(page).getByRole('link', { name: 'Cart', exact: true }).click();
		await expect(page).toHaveURL('/cart');
		await expect(page.getByText('Your cart is empty.')).toBeVisible();
		await expect(cartLines(page)).toHaveCount(0);
		await (await shopMenu(page)).getByRole('link', { name: 'Favorites' }).click();
		await expect(page.getByText('Sign in to keep favorites on all your devices.')).toBeVisible();
		expect(await serverState(page), 'the visitor’s new cart on the server').toEqual({ cart: {}, favorites: [] });
	});
});

test('two tabs of one browser stay in step without reloading', async ({ page }) => {
	const a = page;
	await a.goto(`/products/${BOTTLE.slug}`);
	await waitForDevice(a);
	const b = await a.context().newPage();
	await open(b, '/');
	await expect(shopNav(b).getByRole('link', { name: 'Cart', exact: true })).toBeVisible();

	// Added in tab A: tab B's header counts it.
	await a.getByRole('button', { name: 'Add to cart' }).click();
	await expect(stepper(a, BOTTLE.title)).toHaveText('1 in cart');
	await expect(shopNav(b).getByRole('link', { name: 'Cart, 1 item' })).toBeVisible();

	// One more in tab B's cart: tab A's stepper and header follow.
	await shopNav(b).getByRole('link', { name: 'Cart, 1 item' }).click();
	await expect(b).toHaveURL('/cart');
	await expect(stepper(b, BOTTLE.title)).toHaveText('1 in cart');
	await b.getByRole('group', { name: `Quantity of ${BOTTLE.title} in your cart` }).getByRole('button', { name: 'One more' }).click();
	await expect(stepper(a, BOTTLE.title)).toHaveText('2 in cart');
	await expect(shopNav(a).getByRole('link', { name: 'Cart, 2 items' })).toBeVisible();

	// Removed in tab B: tab A offers to add it again, and neither header counts it.
	await b.getByRole('button', { name: `Remove ${BOTTLE.title}` }).click();
	await expect(b.getByText('Your cart is empty.')).toBeVisible();
	await expect(a.getByRole('button', { name: 'Add to cart' })).toBeVisible();
	await expect(shopNav(a).getByRole('link', { name: 'Cart', exact: true })).toBeVisible();
	await expect(shopNav(b).getByRole('link', { name: 'Cart', exact: true })).toBeVisible();

	// And the server ends with the same empty cart.
	await waitForSync(a);
	expect(await serverState(a)).toEqual({ cart: {}, favorites: [] });
});

test('a visitor who taps a heart is asked to sign in, and nothing is queued', async ({ page }) => {
	await page.goto('/');
	await waitForDevice(page);
	const card = productCards(page).first();
	const title = (await card.getByRole('heading').textContent())!.trim();
	await card.getByRole('button', { name: `Save ${title} to favorites` }).click();

	await expect(page.getByText('Sign in to keep favorites.', { exact: true })).toBeVisible();
	await expect(card.getByRole('button', { name: `Save ${title} to favorites` })).toHaveAttribute('aria-pressed', 'false');
	expect(await deviceRows(page, 'favorites')).toEqual([]);
	expect(await deviceRows(page, 'outbox')).toEqual([]);
	await expect(syncStatus(page)).toHaveText('Synced');

	await (await shopMenu(page)).getByRole('link', { name: 'Favorites' }).click();
	await expect(page).toHaveURL('/favorites');
	await expect(page.getByText('Sign in to keep favorites on all your devices.')).toBeVisible();
	await expect(page.getByRole('main').getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/login?next=/favorites');
});
