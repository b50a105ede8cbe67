import { offlineNote, offlineRoutes } from '../src/lib/offline-routes';
import { expect, type Page, shopMenu, signUp, test } from './fixtures';

// Every page answers with no network, from a brand-new browser that synced once: the page
// from the device, or that page's own offline note; never the site's error page.
const ADMIN = { email: 'admin@store.test', password: 'admin-demo-password' } as const;
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

/** A path for every route of the table, with the heading of a page that opens from the device; the others show their note. */
const visits: Record<string, { path: string; heading?: string }> = {
	'/': { path: '/', heading: 'Shop all' },
	'/collections/[slug]': { path: '/collections/audio', heading: 'Audio' },
	'/products/[slug]': { path: '/products/walnut-serving-board', heading: 'Walnut Serving Board' },
	'/cart': { path: '/cart', heading: 'Your cart' },
	'/favorites': { path: '/favorites', heading: 'Favorites' },
	'/alerts': { path: '/alerts', heading: 'Alerts' },
	'/checkout': { path: '/checkout', heading: 'Checkout' },
	'/checkout/success': { path: `/checkout/success?order=${NO_SUCH_ID}`, heading: 'Your order' },
	'/login': { path: '/login?next=%2Fcheckout' },
	'/signup': { path: '/signup' },
	'/forgot-password': { path: '/forgot-password', heading: 'Forgot your password?' },
	'/reset-password': { path: '/reset-password?token=from-an-email' },
	'/logout': { path: '/logout' },
	'/account': { path: '/account' },
	'/account/addresses': { path: '/account/addresses', heading: 'Your addresses' },
	'/account/orders': { path: '/account/orders', heading: 'Your orders' },
	// This shopper has no orders, so the device holds none to show.
	'/account/orders/[number]': { path: '/account/orders/1' },
	'/admin': { path: '/admin' },
	'/admin/audit': { path: '/admin/audit' },
	'/admin/collections': { path: '/admin/collections' },
	'/admin/customers': { path: '/admin/customers' },
	'/admin/customers/[id]': { path: `/admin/customers/${NO_SUCH_ID}` },
	'/admin/emails': { path: '/admin/emails' },
	'/admin/emails/[id]': { path: `/admin/emails/${NO_SUCH_ID}` },
	'/admin/orders': { path: '/admin/orders' },
	'/admin/orders/[number]': { path: '/admin/orders/1' },
	'/admin/products': { path: '/admin/products' },
	'/admin/products/new': { path: '/admin/products/new' },
	'/admin/products/[id]': { path: `/admin/products/${NO_SUCH_ID}` },
	'/admin/reviews': { path: '/admin/reviews' },
	'/admin/shipping': { path: '/admin/shipping' }
};

const ACCOUNT_PAGES = /^\/(login|signup|forgot-password|reset-password|logout|account)/;
const families = {
	shop: (id: string) => !id.startsWith('/admin') && !ACCOUNT_PAGES.test(id),
	account: (id: string) => ACCOUNT_PAGES.test(id),
	admin: (id: string) => id.startsWith('/admin')
};

async function signInAsAdmin(page: Page, baseURL: string) {
	const response = await page.request.post('/login', { form: ADMIN, headers: { origin: baseURL, accept: 'text/html' }, maxRedirects: 0 });
	expect(response.status()).toBe(303);
}

/** The app under its service worker's control, and the device synced once. */
async function syncedOnce(page: Page) {
	await page.goto('/');
	await page.evaluate(() => navigator.serviceWorker.ready);
	// The first visit is not controlled yet; the next load is.
	await page.reload();
	await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
	await expect(page.getByRole('status').filter({ hasText: 'Synced' })).toBeVisible();
}

/** What the page must show offline: its heading, or its own note under "You are offline". */
async function expectOfflineAnswer(page: Page, id: string) {
	const { path, heading } = visits[id]!;
	if (heading) await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
	else {
		await expect(page.getByRole('heading', { level: 1, name: 'You are offline' })).toBeVisible();
		await expect(page.getByText(offlineNote(path.split('?')[0]!).note)).toBeVisible();
	}
	await expect(page.getByText('Internal Error')).toHaveCount(0);
	await expect(page.getByRole('heading', { name: 'Something went wrong' })).toHaveCount(0);
}

/** Opens each page of a family offline: by a link inside the app, then by a reload. */
async function visitEveryPageOffline(page: Page, family: (id: string) => boolean) {
	const ids = Object.keys(offlineRoutes).filter(family);
	expect(ids.length).toBeGreaterThan(0);
	await page.context().setOffline(true);
	for (const id of ids) {
		const { path } = visits[id]!;
		await page.evaluate((href) => {
			const link = Object.assign(document.createElement('a'), { href, textContent: `Open ${href}` });
			document.querySelector('main')!.append(link);
		}, path);
		await page.getByRole('link', { name: `Open ${path}`, exact: true }).click();
		await expect(page, id).toHaveURL(path);
		await expectOfflineAnswer(page, id);
		await page.reload();
		await expectOfflineAnswer(page, id);
	}
}

test.describe('the offline route table', () => {
	// Each family opens its pages twice over (link and reload).
	test.slow();

	test('names a path for every page of the shop', () => {
		expect(Object.keys(visits).sort()).toEqual(Object.keys(offlineRoutes).sort());
	});

	test('shop pages open from the device', async ({ page, baseURL }) => {
		await signUp(page, baseURL!, 'routes');
		await syncedOnce(page);
		await visitEveryPageOffline(page, families.shop);
	});

	test('account pages open from the device or say they need the network', async ({ page, baseURL }) => {
		await signUp(page, baseURL!, 'routes');
		await syncedOnce(page);
		await visitEveryPageOffline(page, families.account);
		// The profile's note leads to the account pages that do open.
		await page.goto('/account');
		await page.getByRole('link', { name: 'Your orders' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Your orders' })).toBeVisible();
	});

	test('admin pages say they need the network', async ({ page, baseURL }) => {
		await signInAsAdmin(page, baseURL!);
		await syncedOnce(page);
		await visitEveryPageOffline(page, families.admin);
	});
});

/** Images in the page that are broken or still loading (an image that could not load gives way to the placeholder). */
const unsettledImages = (page: Page) =>
	page.locator('main img').evaluateAll((images) => (images as HTMLImageElement[]).filter((img) => !img.complete || img.naturalWidth === 0).length);

test('the pictures of products never opened online show offline, and a missing one leaves the tinted placeholder', async ({ page, context, request }) => {
	test.slow();
	// Two products in stock beyond the first page of the shop, so nothing showed their pictures
	// online (other tests add, sell out and archive products meanwhile).
	type Item = { id: string; slug: string; title: string; inventory: number; image: { src: string; alt: string } | null };
	const input = encodeURIComponent(JSON.stringify({ sort: 'newest', limit: 60 }));
	const { items } = (await (await request.get(`/api/trpc/catalog.list?input=${input}`)).json()).result.data as { items: Item[] };
	const later = items.slice(24).filter((item) => item.inventory > 0 && item.image);
	const [unseen, missing] = [later.at(-1), later.at(-2)] as (Item & { image: { src: string; alt: string } })[];
	// The other's picture is gone from the shop: it never reaches the device.
	await context.route(`**${missing!.image.src}`, (route) => route.fulfill({ status: 404 }));
	await syncedOnce(page);
	await expect.poll(() => page.evaluate((src) => caches.match(src).then(Boolean), unseen!.image.src), { timeout: 30_000 }).toBe(true);
	await page.evaluate(
		(productId) => window.store.device.act('cart.add', { productId, quantity: 1 }),
		missing!.id
	);
	await context.setOffline(true);

	await page.goto(`/products/${unseen!.slug}`);
	const picture = page.getByRole('main').getByRole('img', { name: unseen!.image.alt });
	await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);

	await page.goto(`/products/${missing!.slug}`);
	const placeholder = page.getByRole('main').getByRole('img', { name: missing!.image.alt });
	await expect(placeholder).toBeVisible();
	expect(await placeholder.evaluate((element) => element.tagName)).toBe('SPAN');
	await expect.poll(() => unsettledImages(page)).toBe(0);

	await page.goto('/cart');
	await expect(page.getByRole('link', { name: missing!.title })).toBeVisible();
	await expect(page.getByRole('main').locator('img')).toHaveCount(0);
});

test('offline notes go the moment the network returns, without a reload', async ({ page, context, baseURL }) => {
	test.slow();
	await signUp(page, baseURL!, 'routes');
	await syncedOnce(page);
	await page.goto('/products/walnut-serving-board');
	await page.getByRole('button', { name: 'Add to cart' }).click();
	// The line is on the device before the page is left.
	await expect.poll(() => page.evaluate(() => window.store.cart.lines.length)).toBe(1);
	await page.goto('/checkout');
	await expect(page.getByRole('button', { name: 'Place order' })).toBeVisible();

	await context.setOffline(true);
	await expect(page.getByText('You are offline.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Request order' })).toBeVisible();
	await context.setOffline(false);
	await expect(page.getByText('You are offline.')).toBeHidden();
	await expect(page.getByRole('button', { name: 'Place order' })).toBeVisible();

	// The orders page opened offline says so; back online it shows the shop's word.
	await context.setOffline(true);
	await (await shopMenu(page)).getByRole('link', { name: 'Account' }).click();
	await page.getByRole('link', { name: 'Your orders' }).click();
	await expect(page.getByText('You are offline: these are your orders as this device last saw them.')).toBeVisible();
	await expect(page.getByText('This device holds none of your orders yet.')).toBeVisible();
	await context.setOffline(false);
	await expect(page.getByText('You have not ordered anything yet.')).toBeVisible();
	await expect(page.getByText('You are offline: these are your orders as this device last saw them.')).toBeHidden();
});
