import { expect, open, type Page, signUp, test, type TestInfo } from './fixtures';

// Each test signs up shoppers of its own (the e2e server's sign-up budget allows it), so
// their carts and orders are theirs alone. Stock is shared: each project buys products of
// its own where a test counts units.
type Product = { slug: string; title: string };
const DUTCH_OVEN: Product = { slug: 'cast-iron-dutch-oven', title: 'Cast Iron Dutch Oven' };
const scarceProduct = (testInfo: TestInfo): Product =>
	testInfo.project.name === 'desktop'
		? { slug: 'gooseneck-kettle', title: 'Gooseneck Kettle' }
		: { slug: 'bamboo-matcha-whisk', title: 'Bamboo Matcha Whisk' };

const CARDS = { succeeds: '4242 4242 4242 4242', declines: '4000 0000 0000 0002' } as const;

const stepper = (page: Page, title: string) => page.getByRole('group', { name: `Quantity of ${title} in your cart` });

/** Waits until the server has every change this device made. */
async function waitForSync(page: Page) {
	await expect.poll(() => page.evaluate(() => window.store.device.pending)).toBe(0);
}

/** Puts `quantity` of a product in the cart from its page (`'all'`: as many as the shop has). */
async function addToCart(page: Page, product: Product, quantity: number | 'all'): Promise<number> {
	await open(page, `/products/${product.slug}`);
	await page.getByRole('button', { name: 'Add to cart' }).click();
	await expect(stepper(page, product.title).locator('output')).toHaveText('1 in cart');
	const more = stepper(page, product.title).getByRole('button', { name: 'One more' });
	let count = 1;
	while (quantity === 'all' ? await more.isEnabled() : count < quantity) {
		await more.click();
		count++;
		await expect(stepper(page, product.title).locator('output')).toHaveText(`${count} in cart`);
	}
	await waitForSync(page);
	return count;
}

const ADDRESS = { name: 'Ada Lovelace', line1: '500 Market Street', city: 'San Francisco', region: 'CA', postalCode: '94105' } as const;

/** Types a new shipping address into the checkout form (the country stays United States). */
async function fillAddress(page: Page) {
	await page.getByLabel('Full name').fill(ADDRESS.name);
	await page.getByLabel('Street address').fill(ADDRESS.line1);
	await page.getByLabel('City').fill(ADDRESS.city);
	await page.getByLabel('State, province or region (optional)').fill(ADDRESS.region);
	await page.getByLabel('Postal code').fill(ADDRESS.postalCode);
}

/** From the cart to the pay step with Standard (and a new address, the first time): the order holds its stock. */
async function placeOrder(page: Page, { savedAddress = false } = {}): Promise<string> {
	await open(page, '/checkout');
	if (!savedAddress) await fillAddress(page);
	await page.getByRole('button', { name: 'Place order' }).click();
	await expect(page).toHaveURL(/\/checkout\?order=/);
	const heading = page.getByRole('heading', { level: 2, name: /^Order \d+$/ });
	await expect(heading).toBeVisible();
	return (await heading.textContent())!.trim();
}

test('check out to a new address by Express, see a declined card, pay: receipt, print, saved address, orders offline', async ({ page, context, baseURL }) => {
	test.slow();
	await signUp(page, baseURL!, 'pay');
	await addToCart(page, DUTCH_OVEN, 2);

	await page.goto('/cart');
	// The cart lists its lines once the device holds the catalog, which it fetches after sending the cart.
	await expect(page.getByRole('main').getByRole('link', { name: DUTCH_OVEN.title })).toBeVisible();
	await context.setOffline(true);
	await expect(page.getByText('You are offline: you can request the order now, and the shop places it when you are back online.')).toBeVisible();
	await context.setOffline(false);
	await page.getByRole('main').getByRole('link', { name: 'Check out' }).click();

	// Where to: a malformed postal code is refused next to its field.
	await expect(page.getByRole('heading', { level: 2, name: 'Ship to' })).toBeVisible();
	await fillAddress(page);
	await page.getByLabel('Postal code').fill('9410');
	await page.getByRole('button', { name: 'Place order' }).click();
	await expect(page.getByText('Enter a postal code like 94107 or 94107-1234.')).toBeVisible();
	await expect(page.getByLabel('Postal code')).toBeFocused();
	await page.getByLabel('Postal code').fill(ADDRESS.postalCode);

	// How: the methods that serve the country, with what they cost for this cart.
	const delivery = page.getByRole('group', { name: 'Delivery method' });
	await expect(delivery.getByRole('radio')).toHaveCount(2);
	await delivery.getByLabel(/Express/).check();
	const review = page.getByRole('region', { name: 'Review your cart' });
	await expect(review.getByRole('listitem')).toHaveText([new RegExp(`${DUTCH_OVEN.title} × 2`)]);
	await expect(review).toContainText(/Shipping\s*\$14\.95/);
	await page.getByRole('button', { name: 'Place order' }).click();

	const heading = page.getByRole('heading', { level: 2, name: /^Order \d+$/ });
	await expect(heading).toBeVisible();
	const orderName = (await heading.textContent())!.trim();
	const number = orderName.replace('Order ', '');
	await expect(page.getByRole('heading', { name: 'Test mode — no real payment' })).toBeVisible();
	await expect(page.getByRole('table')).toContainText(/Shipping\s*\$14\.95/);
	// The cart became the order: the device starts an empty one.
	await expect(page.getByRole('navigation', { name: 'Your shop' }).getByRole('link', { name: 'Cart', exact: true })).toBeVisible();

	await page.getByLabel('Card number').fill(CARDS.declines);
	await page.getByRole('button', { name: /^Pay \$/ }).click();
	await expect(page.getByRole('main').getByRole('alert')).toHaveText('Your card was declined. Try another card.');
	await expect(page).toHaveURL(/\/checkout\?order=/);

	await page.getByLabel('Card number').fill(CARDS.succeeds);
	await page.getByRole('button', { name: /^Pay \$/ }).click();
	await expect(page).toHaveURL(/\/checkout\/success\?order=/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${orderName} Paid`);
	await expect(page.getByText('Thank you! Your payment is received and your order is confirmed.')).toBeVisible();

	await page.goto('/account/orders');
	const row = page.getByRole('main').getByRole('listitem').filter({ hasText: orderName });
	await expect(row).toContainText('Paid');
	await row.getByRole('link', { name: orderName }).click();
	await expect(page).toHaveURL(`/account/orders/${number}`);

	// The receipt: address, delivery, lines and totals; printed without the site around it.
	const receipt = page.getByRole('article', { name: `${orderName} Paid` });
	await expect(receipt.getByRole('region', { name: 'Ship to' })).toHaveText(/Ada Lovelace\s*500 Market Street\s*San Francisco, CA 94105\s*United States/);
	await expect(receipt).toContainText(/Delivery\s*Express/);
	await expect(receipt.getByRole('table')).toContainText(DUTCH_OVEN.title);
	await expect(receipt.getByRole('table')).toContainText(/Shipping\s*\$14\.95/);
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('banner')).toBeHidden();
	await expect(page.getByRole('contentinfo')).toBeHidden();
	await expect(page.getByRole('button', { name: 'Print receipt' })).toBeHidden();
	await expect(receipt).toBeVisible();
	await page.emulateMedia({ media: 'screen' });

	// The next checkout offers the saved address.
	await addToCart(page, DUTCH_OVEN, 1);
	await page.goto('/checkout');
	await expect(page.getByRole('radio', { name: /Ada Lovelace, 500 Market Street, San Francisco, CA 94105, United States/ })).toBeChecked();
	await expect(page.getByLabel('Full name')).toBeHidden();

	// With no network the device still shows the orders it holds.
	await page.evaluate(() => navigator.serviceWorker.ready);
	await page.reload();
	await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
	await context.setOffline(true);
	await page.goto('/account/orders');
	await expect(page.getByText('You are offline: these are your orders as this device last saw them.')).toBeVisible();
	await expect(page.getByRole('main').getByRole('listitem').filter({ hasText: orderName })).toContainText('Paid');
	await context.setOffline(false);
});

test('a line that sold out in the meantime is reported at checkout and fixed in one step', async ({ page, browser, baseURL }, testInfo) => {
	test.slow();
	const product = scarceProduct(testInfo);
	await signUp(page, baseURL!, 'short');
	const wanted = await addToCart(page, product, 'all');
	expect(wanted, 'the test needs at least two units in stock').toBeGreaterThan(1);

	// Someone else takes one unit first.
	const rival = await browser.newContext();
	const rivalPage = await rival.newPage();
	await signUp(rivalPage, baseURL!, 'rival');
	await addToCart(rivalPage, product, 1);
	await placeOrder(rivalPage);

	await page.goto('/checkout');
	await fillAddress(page);
	await page.getByRole('button', { name: 'Place order' }).click();
	const report = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Some items are no longer available in that quantity' }) });
	await expect(report).toContainText(`${product.title}: you asked for ${wanted}, only ${wanted - 1} left.`);
	await expect(page.getByRole('button', { name: 'Place order' })).toBeDisabled();

	await report.getByRole('button', { name: 'Update my cart to what is available' }).click();
	await expect(report).toBeHidden();
	await expect(page.getByRole('region', { name: 'Review your cart' }).getByRole('listitem')).toHaveText([new RegExp(`${product.title} × ${wanted - 1}`)]);
	await waitForSync(page);
	await page.getByRole('button', { name: 'Place order' }).click();
	await expect(page.getByRole('heading', { name: 'Test mode — no real payment' })).toBeVisible();
	await expect(page.getByRole('table')).toContainText(`${wanted - 1}`);
	// Only now: the rival's closing tab lets its hold go.
	await rival.close();
});

test('the payment step shows how long the stock is held, and cancelling releases it at once', async ({ page, baseURL }, testInfo) => {
	test.slow();
	// A product no other test buys, one per project, so the stock counted is this test's alone.
	const product: Product =
		testInfo.project.name === 'desktop' ? { slug: 'oak-pepper-mill', title: 'Oak Pepper Mill' } : { slug: 'copper-butter-warmer', title: 'Copper Butter Warmer' };
	const inventory = () =>
		page.evaluate((slug) => fetch(`/api/trpc/catalog.product?input=${encodeURIComponent(JSON.stringify({ slug }))}`).then((r) => r.json()), product.slug).then((r) => r.result.data.inventory as number);
	await signUp(page, baseURL!, 'hold');
	await addToCart(page, product, 1);
	await placeOrder(page);
	await expect(page.getByText(/^Held for you until \d{1,2}:\d{2}/)).toBeVisible();
	await expect(page.getByText(/^\((29|30):\d{2} left\)$/)).toBeVisible();
	const held = await inventory();

	await page.getByRole('button', { name: 'Cancel order and release the items' }).click();
	await expect(page.getByRole('status').filter({ hasText: /is cancelled: its items are back in the shop and nothing was charged\./ })).toBeVisible();
	expect(await inventory()).toBe(held + 1);
	await page.getByRole('button', { name: 'Put these items back in my cart' }).click();
	await expect(page).toHaveURL('/cart');
	await expect(stepper(page, product.title).locator('output')).toHaveText('1 in cart');
});

test('leaving the payment step, closing it or changing the cart in another tab lets the hold go at once', async ({ page, context, baseURL }, testInfo) => {
	test.slow();
	// Products no other test buys, per project, so the stock counted is this test's alone.
	const [product, other]: Product[] =
		testInfo.project.name === 'desktop'
			? [
					{ slug: 'marble-mortar-and-pestle', title: 'Marble Mortar and Pestle' },
					{ slug: 'brass-measuring-spoons', title: 'Brass Measuring Spoons' }
				]
			: [
					{ slug: 'enamel-mixing-bowl', title: 'Enamel Mixing Bowl' },
					{ slug: 'beeswax-food-wraps', title: 'Beeswax Food Wraps' }
				];
	// Read through the API, as another shopper would see it; a connection of its own each time,
	// so a read never lands on a kept-alive socket the server is just closing.
	const inventory = async () => {
		const url = `/api/trpc/catalog.product?input=${encodeURIComponent(JSON.stringify({ slug: product!.slug }))}`;
		const response = await context.request.get(url, { headers: { connection: 'close' } });
		return (await response.json()).result.data.inventory as number;
	};
	await signUp(page, baseURL!, 'leave');
	await addToCart(page, product!, 1);
	const before = await inventory();
	await placeOrder(page);
	await expect(page.getByText(/^Held for you until \d{1,2}:\d{2}/)).toBeVisible();
	expect(await inventory()).toBe(before - 1);

	// Away from the pay step to the cart: the unit is back on sale and the line back in the cart.
	await page.getByRole('link', { name: /^Cart/ }).click();
	await expect(page).toHaveURL('/cart');
	await expect.poll(inventory).toBe(before);
	await expect(stepper(page, product!.title).locator('output')).toHaveText('1 in cart');

	// Closing the tab on the pay step: the same.
	await placeOrder(page, { savedAddress: true });
	await expect.poll(inventory).toBe(before - 1);
	await page.close({ runBeforeUnload: true });
	await expect.poll(inventory).toBe(before);

	// Changing the cart in another tab while the order waits for payment: the same, and both lines are in the cart.
	const payTab = await context.newPage();
	await placeOrder(payTab, { savedAddress: true });
	await expect.poll(inventory).toBe(before - 1);
	const shopTab = await context.newPage();
	await addToCart(shopTab, other!, 1);
	await expect.poll(inventory).toBe(before);
	await open(shopTab, '/cart');
	await expect(stepper(shopTab, product!.title).locator('output')).toHaveText('1 in cart');
	await expect(stepper(shopTab, other!.title).locator('output')).toHaveText('1 in cart');

	// Back on the pay tab, it says the order is no longer held.
	await payTab.bringToFront();
	await payTab.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
	await expect(payTab.getByRole('status').filter({ hasText: /^Order \d+ is no longer held, so nothing will be charged\./ })).toBeVisible();
});

test('when the hold runs out on the payment step, Start again goes back to the order step with the cart', async ({ page, baseURL }, testInfo) => {
	test.slow();
	const product: Product =
		testInfo.project.name === 'desktop'
			? { slug: 'olive-wood-salad-servers', title: 'Olive Wood Salad Servers' }
			: { slug: 'speckled-stoneware-dinner-plate', title: 'Speckled Stoneware Dinner Plate' };
	// The page's clock runs on, and is moved past the hold; the shop's is not.
	await page.clock.install();
	await signUp(page, baseURL!, 'ran-out');
	await addToCart(page, product, 2);
	await placeOrder(page);
	await expect(page.getByText(/^\((29|30):\d{2} left\)$/)).toBeVisible();

	await page.clock.fastForward('31:00');
	await expect(page.getByRole('status').filter({ hasText: /^Your hold ended at \d{1,2}:\d{2}.*, so order \d+ was given up and nothing was charged\./ })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Pay' })).toHaveCount(0);
	await page.getByRole('button', { name: 'Start again' }).click();

	await expect(page).toHaveURL('/checkout');
	const review = page.getByRole('region', { name: 'Review your cart' });
	await expect(review.getByRole('listitem').filter({ hasText: product.title })).toContainText('× 2');
	await expect(page.getByRole('button', { name: 'Place order' })).toBeEnabled();
});

test('a visitor is asked to sign in before checking out', async ({ page }) => {
	await page.goto('/checkout');
	await expect(page).toHaveURL('/login?next=%2Fcheckout');
});
