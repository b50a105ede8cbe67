import { expect, open, type Page, signUp, test } from './fixtures';

// The e2e server has no SMTP_URL: its in-process sender writes every email to the local
// mailbox, which /admin/emails reads. It looks for due emails every second.
const WALNUT_BOARD = { slug: 'walnut-serving-board', title: 'Walnut Serving Board' } as const;
const ADMIN = { email: 'admin@store.test', password: 'admin-demo-password' } as const;
const PASSWORD = 'email-tester-2026';
const ADDRESS = { name: 'Ada Lovelace', line1: '500 Market Street', city: 'San Francisco', region: 'CA', postalCode: '94105' } as const;

async function signInByRequest(page: Page, baseURL: string, account: { email: string; password: string }) {
	const response = await page.request.post('/login', {
		form: account,
		headers: { origin: baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(response.status(), `signing in as ${account.email}`).toBe(303);
}

async function addOneToCart(page: Page) {
	await open(page, `/products/${WALNUT_BOARD.slug}`);
	await page.getByRole('button', { name: 'Add to cart' }).click();
	const stepper = page.getByRole('group', { name: `Quantity of ${WALNUT_BOARD.title} in your cart` });
	await expect(stepper.locator('output')).toHaveText('1 in cart');
	await expect.poll(() => page.evaluate(() => window.store.device.pending)).toBe(0);
}

/** An admin's page in a context of its own, so the shopper stays signed in. */
async function adminPage(page: Page, baseURL: string): Promise<Page> {
	const context = await page.context().browser()!.newContext({ baseURL });
	const admin = await context.newPage();
	await signInByRequest(admin, baseURL, ADMIN);
	return admin;
}

/** Reloads /admin/emails until a row for `text` shows `state`; returns that row. */
async function emailRow(admin: Page, text: string | RegExp, label: string, state: string) {
	const row = admin.getByRole('row').filter({ hasText: text }).filter({ hasText: label });
	await expect
		.poll(
			async () => {
				await admin.goto('/admin/emails');
				return (await row.count()) ? await row.first().getByRole('cell').nth(2).textContent() : null;
			},
			{ timeout: 20_000, intervals: [500, 1000] }
		)
		.toBe(state);
	return row.first();
}

test('an order placed and paid with the test provider: its confirmation shows on /admin/emails and on the receipt', async ({ page, baseURL }) => {
	test.slow();
	const shopper = await signUp(page, baseURL!, 'email', PASSWORD);
	await addOneToCart(page);

	await open(page, '/checkout');
	await page.getByLabel('Full name').fill(ADDRESS.name);
	await page.getByLabel('Street address').fill(ADDRESS.line1);
	await page.getByLabel('City').fill(ADDRESS.city);
	await page.getByLabel('State, province or region (optional)').fill(ADDRESS.region);
	await page.getByLabel('Postal code').fill(ADDRESS.postalCode);
	await page.getByRole('button', { name: 'Place order' }).click();
	const heading = page.getByRole('heading', { level: 2, name: /^Order \d+$/ });
	await expect(heading).toBeVisible();
	const number = (await heading.textContent())!.trim().replace('Order ', '');
	await page.getByLabel('Card number').fill('4242 4242 4242 4242');
	await page.getByRole('button', { name: /^Pay \$/ }).click();
	await expect(page).toHaveURL(/\/checkout\/success\?order=/);

	const admin = await adminPage(page, baseURL!);
	const confirmation = await emailRow(admin, shopper, 'Order confirmation (awaiting payment)', 'Sent');
	await expect(confirmation.getByRole('link', { name: number, exact: true })).toBeVisible();
	await emailRow(admin, shopper, 'Payment received', 'Sent');

	await confirmation.getByRole('link', { name: 'Order confirmation (awaiting payment)' }).click();
	await expect(admin.getByRole('heading', { level: 1 })).toHaveText(`Order ${number} received — awaiting payment`);
	const text = admin.getByRole('region', { name: 'As plain text' });
	await expect(text).toContainText(`1 × ${WALNUT_BOARD.title}`);
	await expect(text).toContainText(`${baseURL}/account/orders/${number}`);
	await expect(text).toContainText('Status: Awaiting payment');
	await expect(admin.frameLocator('iframe[title="The email as HTML"]').getByRole('link', { name: 'See your order' })).toHaveAttribute(
		'href',
		`${baseURL}/account/orders/${number}`
	);
	await admin.context().close();

	// The shopper's receipt says when the confirmation went out.
	await open(page, `/account/orders/${number}`);
	await expect(page.getByRole('definition').filter({ hasText: /^Emailed / })).toBeVisible();
});

test('forgot password: the same answer for any email; the emailed link sets a new password once', async ({ page, baseURL }) => {
	test.slow();
	const shopper = await signUp(page, baseURL!, 'reset', PASSWORD);
	await page.context().clearCookies();

	const answers: string[] = [];
	for (const email of [shopper, `nobody-${Date.now()}@example.com`]) {
		await open(page, '/forgot-password');
		await page.getByLabel('Email').fill(email);
		await page.getByRole('button', { name: 'Send me a link' }).click();
		const status = page.getByRole('status').filter({ hasText: 'we have sent it a link' });
		await expect(status).toBeVisible();
		answers.push((await status.textContent())!.replace(email, '<email>'));
	}
	expect(answers[1]).toBe(answers[0]);

	const admin = await adminPage(page, baseURL!);
	const row = await emailRow(admin, shopper, 'Password reset link', 'Sent');
	await row.getByRole('link', { name: 'Password reset link' }).click();
	const text = (await admin.getByRole('region', { name: 'As plain text' }).textContent())!;
	const link = /https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]+/.exec(text)?.[0];
	expect(link).toBeDefined();
	await admin.context().close();

	await open(page, link!);
	await page.getByLabel('New password', { exact: true }).fill('a-fresh-password-2026');
	await page.getByRole('button', { name: 'Set new password' }).click();
	await expect(page.getByText('Your password is changed')).toBeVisible();
	// The link worked once.
	await open(page, link!);
	await expect(page.getByText('This reset link has expired or was already used.')).toBeVisible();

	const old = await page.request.post('/login', { form: { email: shopper, password: PASSWORD }, headers: { origin: baseURL!, accept: 'text/html' }, maxRedirects: 0 });
	expect(old.status()).toBe(400);
	await signInByRequest(page, baseURL!, { email: shopper, password: 'a-fresh-password-2026' });
});
