import { expect, type Page, signUp, test } from './fixtures';

// A product sold in sizes, chosen on a phone with no network and bought once back online.
const APRON = { slug: 'waxed-canvas-garden-apron', title: 'Waxed Canvas Garden Apron' } as const;

test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'phone', 'A shopper’s journey on a phone: one run is enough.'));

const chosenVariant = (page: Page) => new URL(page.url()).searchParams.get('variant');

test('a device that synced once chooses a size offline, keeps it in the address and the cart, and buys that size back online', async ({ page, context, baseURL }) => {
	// A whole journey: sign-up, install, offline choosing, checkout and payment.
	test.slow();
	await signUp(page, baseURL!, 'variants');
	// The first visit, online: the service worker takes the app, the device takes the catalog.
	await page.goto('/');
	await page.evaluate(() => navigator.serviceWorker.ready);
	await page.reload();
	await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
	await expect(page.getByRole('status').filter({ hasText: 'Synced' })).toBeVisible();

	await context.setOffline(true);
	await page.goto(`/products/${APRON.slug}`);
	await expect(page.getByRole('heading', { level: 1, name: APRON.title })).toBeVisible();
	// The first size in stock is shown, and named in the address.
	const size = page.getByRole('group', { name: /^Size/ });
	await expect(size.getByRole('radio', { name: /^Small/ })).toBeChecked();
	await expect.poll(() => chosenVariant(page)).not.toBeNull();
	const small = chosenVariant(page);

	// A sold-out size can be looked at, not bought.
	await size.getByRole('radio', { name: /^Medium/ }).check();
	await expect(page.getByRole('status').filter({ hasText: 'Medium is sold out. Another choice is in stock.' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Sold out' })).toBeDisabled();
	await expect.poll(() => chosenVariant(page)).not.toBe(small);
	const medium = chosenVariant(page);

	// Large has a price of its own; the choice is in the address, so it opens again as it was.
	await size.getByRole('radio', { name: /^Large/ }).check();
	await expect(page.getByRole('main').getByText('$58.00', { exact: true }).first()).toBeVisible();
	await expect.poll(() => chosenVariant(page)).not.toBe(medium);
	const large = chosenVariant(page)!;
	await page.reload();
	await page.locator('body[data-hydrated]').waitFor({ state: 'attached' });
	await expect(size.getByRole('radio', { name: /^Large/ })).toBeChecked();
	expect(chosenVariant(page)).toBe(large);

	await page.getByRole('button', { name: 'Add to cart' }).click();
	await expect(page.getByRole('group', { name: `Quantity of ${APRON.title} in your cart` }).locator('output')).toHaveText('1 in cart');
	await page.goto('/cart');
	await expect(page.getByRole('combobox', { name: `Size of ${APRON.title}` })).toHaveValue(large);

	// Back online: the line reaches the shop, and checkout buys that size.
	await context.setOffline(false);
	await expect.poll(() => page.evaluate(() => window.store.device.pending)).toBe(0);
	await page.getByRole('main').getByRole('link', { name: 'Check out' }).click();
	await page.getByLabel('Full name').fill('Ada Lovelace');
	await page.getByLabel('Street address').fill('500 Market Street');
	await page.getByLabel('City').fill('San Francisco');
	await page.getByLabel('Postal code').fill('94105');
	await expect(page.getByRole('region', { name: 'Review your cart' }).getByRole('listitem')).toHaveText([new RegExp(`${APRON.title} \\(Large\\) × 1`)]);
	await page.getByRole('button', { name: 'Place order' }).click();
	await expect(page.getByRole('heading', { name: 'Test mode — no real payment' })).toBeVisible();
	await page.getByLabel('Card number').fill('4242 4242 4242 4242');
	await page.getByRole('button', { name: /^Pay \$/ }).click();
	await expect(page).toHaveURL(/\/checkout\/success\?order=/);
	await expect(page.getByText('Thank you! Your payment is received and your order is confirmed.')).toBeVisible();
	await expect(page.getByRole('table').getByRole('row').filter({ hasText: APRON.title })).toContainText(/Size: Large · SKU \S+/);
});
