import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, shopMenu, signUp, test } from './fixtures';

// One shopper of its own; the products it buys are used by no other spec's counts.
const CARD = '4242 4242 4242 4242';

/** A shopper of the test's own, with a default address for the assistant's proposals. */
async function signUpWithAddress(page: Page, baseURL: string) {
	await signUp(page, baseURL, 'assistant');
	const address = await page.request.post('/api/trpc/addresses.create', {
		data: { address: { name: 'Ada Lovelace', line1: '500 Market Street', line2: null, city: 'San Francisco', region: 'CA', postalCode: '94105', country: 'US', phone: null }, isDefault: true },
		headers: { origin: baseURL }
	});
	expect(address.status()).toBe(200);
}

const panel = (page: Page) => page.getByRole('dialog', { name: 'Shop assistant' });
const log = (page: Page) => panel(page).getByRole('log', { name: 'Conversation' });

async function ask(page: Page, message: string) {
	await panel(page).getByLabel('Your question').fill(message);
	await panel(page).getByRole('button', { name: 'Send' }).click();
	await expect(panel(page).getByText('Thinking…')).toBeHidden();
}

async function openAssistant(page: Page) {
	await (await shopMenu(page)).getByRole('button', { name: 'Assistant' }).click();
	await expect(panel(page)).toBeVisible();
	await expect(panel(page).getByLabel('Your question')).toBeFocused();
}

test('ask about stock, add from the answer, order after Confirm, pay, track it; offline the device answers', async ({ page, context, baseURL }) => {
	test.slow();
	await signUpWithAddress(page, baseURL!);
	await page.goto('/');
	await openAssistant(page);

	// Escape closes the panel and gives focus back to its button.
	await page.keyboard.press('Escape');
	await expect(panel(page)).toBeHidden();
	await expect(page.getByRole('button', { name: 'Assistant' })).toBeFocused();
	await openAssistant(page);

	// Stock, with a typo, answered by the shop with a product card.
	await ask(page, 'is the walnut servng board in stock?');
	await expect(log(page)).toContainText(/Yes, Walnut Serving Board is in stock/);
	const card = log(page).getByRole('list', { name: 'Products' }).last().getByRole('listitem').filter({ hasText: 'Walnut Serving Board' });
	await card.getByRole('button', { name: 'Add to cart' }).click();
	const stepper = card.getByRole('group', { name: 'Quantity of Walnut Serving Board in your cart' });
	await expect(stepper.locator('output')).toHaveText('1 in cart');
	await stepper.getByRole('button', { name: 'One more' }).click();
	await expect(stepper.locator('output')).toHaveText('2 in cart');
	await expect.poll(() => page.evaluate(() => window.store.device.pending)).toBe(0);

	// Placing asks for Confirm; only Confirm orders.
	await ask(page, 'place my order');
	const proposal = log(page).getByRole('region', { name: 'Order to confirm' }).last();
	await expect(proposal).toContainText('2 × Walnut Serving Board');
	await expect(proposal).toContainText(/Total\s*\$/);
	await proposal.getByRole('button', { name: 'Confirm order' }).click();
	await expect(log(page)).toContainText(/Order #\d+ is placed/);
	const pay = log(page).getByRole('link', { name: /Pay for order #\d+/ });
	const number = (await pay.textContent())!.match(/#(\d+)/)![1]!;
	await pay.click();

	await expect(page).toHaveURL(`/account/orders/${number}`);
	await page.getByRole('link', { name: 'Pay now' }).click();
	await expect(page).toHaveURL(/\/checkout\?order=/);
	await page.getByLabel('Card number').fill(CARD);
	await page.getByRole('button', { name: /^Pay \$/ }).click();
	await expect(page).toHaveURL(/\/checkout\/success\?order=/);

	// The conversation is still there, and the order now reads as paid.
	await openAssistant(page);
	await expect(log(page)).toContainText(`Order #${number} is placed`);
	await ask(page, 'where is my last order');
	await expect(log(page)).toContainText(`Your last order, #${number}, is paid`);

	// No network: the device answers about products and the cart, and keeps ordering for later.
	await expect.poll(() => page.evaluate(() => window.store.device.pending)).toBe(0);
	await context.setOffline(true);
	await ask(page, 'do you have espresso cups?');
	await expect(log(page)).toContainText(/Double-walled Espresso Cups: .* as of .*No network: answered from this device/);
	await ask(page, 'add 2 espresso cups');
	await expect(log(page)).toContainText('Added 2 × Double-walled Espresso Cups to your cart');
	await ask(page, "what's in my cart");
	await expect(log(page)).toContainText(/Your cart holds 2 items, \$[\d.]+ before shipping .*No network/);
	await ask(page, 'place my order');
	await expect(log(page)).toContainText('Placing an order needs the network. Your cart is kept');
	await context.setOffline(false);
});

test('cancelling an order is offered first, and only Cancel order cancels it', async ({ page, baseURL }) => {
	await signUpWithAddress(page, baseURL!);
	await page.goto('/');
	await openAssistant(page);
	await ask(page, 'add 1 walnut serving board');
	await expect(log(page)).toContainText('Added Walnut Serving Board to your cart.');
	await ask(page, 'place my order');
	await log(page).getByRole('region', { name: 'Order to confirm' }).last().getByRole('button', { name: 'Confirm order' }).click();
	const placed = log(page).getByText(/Order #\d+ is placed/);
	await expect(placed).toBeVisible();
	const number = (await placed.textContent())!.match(/#(\d+)/)![1]!;

	await ask(page, `cancel order ${number}`);
	const offer = log(page).getByRole('region', { name: 'Cancellation to confirm' }).last();
	await expect(offer).toContainText('1 × Walnut Serving Board');
	const status = () => page.evaluate((n) => fetch(`/api/trpc/orders.byNumber?input=${encodeURIComponent(JSON.stringify({ number: Number(n) }))}`).then((r) => r.json()), number);
	expect((await status()).result.data.status).toBe('pending_payment');
	await offer.getByRole('button', { name: `Cancel order #${number}` }).click();
	await expect(log(page)).toContainText(`Order #${number} is cancelled; nothing will be charged.`);
	expect((await status()).result.data.status).toBe('cancelled');
});

test('a visitor is offered the sign-in for orders and can still ask about products', async ({ page }) => {
	await page.goto('/');
	await openAssistant(page);
	await panel(page).getByRole('button', { name: 'My orders' }).click();
	await expect(log(page)).toContainText('Please sign in to see your orders');
	await expect(log(page).getByRole('link', { name: 'Sign in' })).toBeVisible();
	await panel(page).getByRole('button', { name: 'Is … in stock?' }).click();
	await expect(panel(page).getByLabel('Your question')).toHaveValue('Is  in stock?');
	await ask(page, 'how much is the gooseneck kettle');
	await expect(log(page)).toContainText(/Gooseneck Kettle costs \$/);

	// The open panel, with an answer holding a product card, has no WCAG 2.1 AA violations.
	const axe = await new AxeBuilder({ page }).include('dialog[open]').withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
	expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

	// Tab and Shift+Tab stay inside the panel.
	for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
		await page.keyboard.press(key);
		expect(await page.evaluate(() => Boolean(document.activeElement?.closest('dialog[open]'))), key).toBe(true);
	}

	// Over the rate limit, the panel says how long to wait and holds the Send button until then.
	await page.route('**/api/trpc/assistant.chat*', (route) =>
		route.fulfill({
			status: 429,
			headers: { 'content-type': 'application/json', 'retry-after': '42' },
			body: JSON.stringify({ error: { message: 'Too many requests', code: -32029, data: { code: 'TOO_MANY_REQUESTS', httpStatus: 429, retryAfter: 42 } } })
		})
	);
	await ask(page, 'is the gooseneck kettle in stock');
	await expect(log(page)).toContainText('Please wait 42 s and try again.');
	await expect(panel(page).getByRole('status')).toContainText(/you can ask again in (42|41|40) s/);
	await panel(page).getByLabel('Your question').fill('hello');
	await expect(panel(page).getByRole('button', { name: 'Send' })).toBeDisabled();
});
