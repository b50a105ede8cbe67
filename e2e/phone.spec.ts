import { expect, signUp, test, type Page } from './fixtures';

// The shop as a 390×844 phone shows it: the first screen has room for what a shopper came for.
const PHONE = { width: 390, height: 844 } as const;
const COLLECTION = '/collections/kitchen-dining';
const PRODUCT = '/products/walnut-serving-board';

const header = (page: Page) => page.getByRole('banner');
const menuButton = (page: Page) => page.getByRole('navigation', { name: 'Your shop' }).getByRole('button', { name: 'Menu' });

test.describe('on a phone', () => {
	test.use({ viewport: PHONE });
	test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'phone', 'These measure the phone’s first screen.'));

	test('the header is one compact row on the shop’s pages', async ({ page }) => {
		test.slow();
		for (const path of ['/', COLLECTION, PRODUCT]) {
			await page.goto(path);
			const box = (await header(page).boundingBox())!;
			expect(box.height, `the header’s height on ${path}`).toBeLessThanOrEqual(64);
			for (const control of [
				page.getByRole('link', { name: 'Store home' }),
				page.getByRole('searchbox', { name: 'Search products' }),
				menuButton(page),
				page.getByRole('link', { name: /^Cart/ }),
				header(page).getByRole('button', { name: /show pending changes$/ })
			]) {
				await expect(control).toBeInViewport();
				expect((await control.boundingBox())!.y + 1, `${control} sits in the header on ${path}`).toBeLessThan(box.height);
			}
		}
	});

	test('the menu opens with the shop’s links, closes with Escape and gives the focus back', async ({ page }) => {
		await page.goto('/');
		const nav = page.getByRole('navigation', { name: 'Your shop' });
		await expect(nav.getByRole('link', { name: 'Favorites' })).toBeHidden();
		await expect(menuButton(page)).toHaveAttribute('aria-expanded', 'false');

		await menuButton(page).focus();
		await page.keyboard.press('Enter');
		await expect(menuButton(page)).toHaveAttribute('aria-expanded', 'true');
		for (const name of ['Favorites', 'Sign in']) await expect(nav.getByRole('link', { name })).toBeVisible();
		await expect(nav.getByRole('button', { name: 'Assistant' })).toBeVisible();
		await page.keyboard.press('Tab');
		await expect(nav.getByRole('link', { name: 'Favorites' })).toBeFocused();

		await page.keyboard.press('Escape');
		await expect(menuButton(page)).toHaveAttribute('aria-expanded', 'false');
		await expect(nav.getByRole('link', { name: 'Favorites' })).toBeHidden();
		await expect(menuButton(page)).toBeFocused();

		// A link from the menu closes it behind the shopper.
		await menuButton(page).click();
		await nav.getByRole('link', { name: 'Favorites' }).click();
		await expect(page).toHaveURL('/favorites');
		await expect(menuButton(page)).toHaveAttribute('aria-expanded', 'false');
	});

	test('the first products start on the first screen of the home and a collection page', async ({ page }) => {
		test.slow();
		for (const path of ['/', COLLECTION]) {
			await page.goto(path);
			const card = page.getByRole('main').getByRole('article').first();
			expect((await card.boundingBox())!.y, `the first product card’s top on ${path}`).toBeLessThan(PHONE.height);
		}
	});

	test('the filter sheet opens, keeps the focus, applies a filter as a chip and closes with Escape', async ({ page }) => {
		await page.goto('/');
		const opener = page.getByRole('link', { name: /^Filter and sort/ });
		const sheet = page.getByRole('dialog', { name: 'Filter and sort' });
		await expect(page.getByLabel('In stock only')).toBeHidden();
		await opener.click();
		await expect(sheet).toBeVisible();

		// Tab goes round the sheet's controls and never leaves it.
		for (let i = 0; i < 12; i++) {
			await page.keyboard.press('Tab');
			expect(await sheet.evaluate((dialog) => dialog.contains(document.activeElement)), `focus after ${i + 1} Tab presses`).toBe(true);
		}

		await sheet.getByLabel('In stock only').check();
		await expect(page).toHaveURL(/instock=1/);
		await expect(sheet).toBeVisible();
		await page.keyboard.press('Escape');
		await expect(sheet).toBeHidden();
		await expect(opener).toBeFocused();
		await expect(opener).toHaveText(/\(1\)/);

		const chip = page.getByRole('list', { name: 'Applied filters' }).getByRole('link', { name: 'Remove filter: In stock only' });
		await expect(chip).toBeVisible();
		await expect(page.getByRole('main').getByText('Sold out')).toHaveCount(0);
		await chip.click();
		await expect(page).not.toHaveURL(/instock/);
		await expect(page.getByRole('list', { name: 'Applied filters' })).toHaveCount(0);
	});

	test('a product page shows its price, stock, quantity and Add to cart on the first screen', async ({ page }) => {
		await page.goto(PRODUCT);
		const info = page.getByRole('main').getByRole('article');
		for (const part of [
			info.getByText('$68.00', { exact: true }),
			info.getByText(/In stock|Only \d+ left/),
			info.getByLabel('Quantity'),
			info.getByRole('button', { name: 'Add to cart' })
		]) {
			const box = (await part.boundingBox())!;
			expect(box.y + box.height, `${part} ends within the first screen`).toBeLessThanOrEqual(PHONE.height);
		}
	});

	test('once the page’s own Add to cart scrolls away, a bar at the bottom offers it, and adding from it says so', async ({ page, baseURL }) => {
		// Signed in, so the review form sits below the buying part.
		await signUp(page, baseURL!, 'buy-bar');
		await page.goto('/products/japanese-santoku-knife');
		await page.locator('body[data-hydrated]').waitFor({ state: 'attached' });
		const bar = page.getByRole('complementary', { name: 'Buy Japanese Santoku Knife', includeHidden: true });
		await expect(bar).toHaveCount(0);

		await page.getByRole('heading', { name: 'Reviews', level: 2 }).scrollIntoViewIfNeeded();
		await page.mouse.wheel(0, 400);
		await expect(bar).toHaveAttribute('aria-hidden', 'false');
		await expect(bar).toBeInViewport({ ratio: 1 });
		await expect(bar).toContainText('Japanese Santoku Knife');
		await expect(bar).toContainText('$125.00');
		const box = (await bar.boundingBox())!;
		expect(box.y + box.height).toBeCloseTo(PHONE.height, 0);
		expect(box.height, 'a slim bar').toBeLessThanOrEqual(72);

		// Typing a review: the bar steps aside for the keyboard, and comes back after.
		await page.getByLabel('Your review (optional)').focus();
		await expect(bar).toHaveAttribute('aria-hidden', 'true');
		await expect(page.getByRole('article').getByRole('button', { name: 'Add to cart' })).not.toBeInViewport();
		await page.getByLabel('Your review (optional)').blur();
		await expect(bar).toHaveAttribute('aria-hidden', 'false');

		await bar.getByRole('button', { name: 'Add to cart' }).click();
		await expect(page.getByRole('link', { name: 'Cart, 1 item' })).toBeVisible();
		const toast = page.getByRole('status').filter({ hasText: 'Added to cart — View cart' });
		await expect(toast).toBeVisible();
		// Once it has slid in (it rises from the bottom edge), it rests above the bar.
		await expect
			.poll(async () => {
				const toastBox = (await toast.boundingBox())!;
				return toastBox.y + toastBox.height;
			}, { message: 'the toast sits above the bar' })
			.toBeLessThanOrEqual(box.y);

		// Back up to the page's own button: the bar goes, and is out of reach of keyboards and screen readers.
		await page.evaluate(() => scrollTo(0, 0));
		await expect(bar).toHaveAttribute('aria-hidden', 'true');
		await expect(bar).not.toBeInViewport();
		await expect(page.getByRole('group', { name: 'Quantity of Japanese Santoku Knife in your cart' })).toHaveCount(1);
	});

	test('the search opens in place and searches', async ({ page }) => {
		await page.goto(COLLECTION);
		const search = page.getByRole('searchbox', { name: 'Search products' });
		const folded = (await search.boundingBox())!;
		expect(folded.width).toBeLessThanOrEqual(48);
		await search.focus();
		await expect.poll(async () => (await search.boundingBox())!.width).toBeGreaterThan(PHONE.width / 2);
		await search.fill('mug');
		await search.press('Enter');
		await expect(page).toHaveURL(/\/\?q=mug$/);
		await expect(page.getByRole('heading', { level: 2, name: /for “mug”/ })).toBeVisible();
	});
});

test('the install button takes its place without moving the header', async ({ page }, testInfo) => {
	await page.goto('/');
	const fixed = [page.getByRole('link', { name: 'Store home' }), page.getByRole('link', { name: /^Cart/ }), header(page).getByRole('button', { name: /show pending changes$/ })];
	if (testInfo.project.name === 'desktop') fixed.push(page.getByRole('link', { name: 'Favorites' }), page.getByRole('button', { name: 'Assistant' }));
	const before = await Promise.all(fixed.map((control) => control.boundingBox()));
	const height = (await header(page).boundingBox())!.height;

	// What Chromium fires when the shop may be installed.
	await page.evaluate(() => {
		const offer = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), { prompt: async () => {}, userChoice: new Promise(() => {}) });
		dispatchEvent(offer);
	});
	// On a phone it waits in the menu.
	if (testInfo.project.name === 'phone') await menuButton(page).click();
	const install = page.getByRole('button', { name: 'Install app' });
	await expect(install).toBeVisible();
	expect((await install.boundingBox())!.height, 'Install app on one line').toBeLessThan(48);

	expect(await Promise.all(fixed.map((control) => control.boundingBox()))).toEqual(before);
	expect((await header(page).boundingBox())!.height).toBe(height);
});

test('Add to cart takes the chosen quantity and says so in a toast that screen readers hear', async ({ page }) => {
	await page.goto(PRODUCT);
	await page.getByLabel('Quantity').selectOption('2');
	await page.getByRole('button', { name: 'Add to cart' }).click();
	await expect(page.getByRole('group', { name: 'Quantity of Walnut Serving Board in your cart' }).locator('output')).toHaveText('2 in cart');

	const toast = page.getByRole('status').filter({ hasText: 'Added to cart — View cart' });
	await expect(toast).toBeVisible();
	await toast.getByRole('link', { name: 'View cart' }).click();
	await expect(page).toHaveURL('/cart');
	await expect(toast).toBeHidden();

	// The price of one, with nothing dangling after it while the stock is current.
	const line = page.getByRole('main').getByRole('listitem').filter({ hasText: 'Walnut Serving Board' });
	await expect(line.getByText(/ each/)).toHaveText('$68.00 each');
	await expect(line).toContainText('$136.00');
});

type Focused = { name: string; where: string; ring: string; underHeader: boolean };

/** Presses Tab until `done` says so (or 80 times), noting each control focused, where it sits, the ring it shows and whether the sticky header hides it. */
async function tabThrough(page: Page, done: (focused: Focused) => boolean, key = 'Tab'): Promise<Focused[]> {
	const seen: Focused[] = [];
	for (let i = 0; i < 80; i++) {
		await page.keyboard.press(key);
		const focused = await page.evaluate(() => {
			const el = document.activeElement as HTMLElement;
			// The ring is an outline, so no shadow of the control's own can stand in for it. A link
			// that covers its card draws it round the card, on its ::after.
			const ring = (style: CSSStyleDeclaration) =>
				style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 && style.outlineColor !== 'rgba(0, 0, 0, 0)'
					? `${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`
					: '';
			return {
				name:
					el.getAttribute('aria-label') ||
					(el as HTMLInputElement).labels?.[0]?.textContent?.trim() ||
					el.textContent?.trim().replace(/\s+/g, ' ').slice(0, 40) ||
					el.tagName,
				where: el.closest('header') ? 'header' : el.closest('article') ? 'card' : el.closest('main') ? 'main' : 'page',
				ring: ring(getComputedStyle(el)) || ring(getComputedStyle(el, '::after')),
				underHeader: !el.closest('header') && el.getBoundingClientRect().top < document.querySelector('header')!.getBoundingClientRect().bottom
			};
		});
		seen.push(focused);
		if (done(focused)) break;
	}
	return seen;
}

test('every control met while tabbing through the header and a product card shows a focus ring', async ({ page }) => {
	await page.goto('/');
	const card = page.getByRole('main').getByRole('article').first();
	const title = (await card.getByRole('heading').textContent())!.trim();
	const seen = await tabThrough(page, (focused) => focused.where === 'card' && focused.name === title);
	expect(seen.filter((s) => !s.ring), 'focused with no visible ring').toEqual([]);
	expect(seen.filter((s) => s.where === 'header').map((s) => s.name)).toEqual(expect.arrayContaining(['Store home', 'Search products']));
	expect(seen.filter((s) => s.where === 'card').map((s) => s.name)).toEqual([`Save ${title} to favorites`, title]);
});

test('every control met while tabbing through checkout shows a focus ring', async ({ page, baseURL }) => {
	await signUp(page, baseURL!, 'focus');
	await page.goto(PRODUCT);
	await page.locator('body[data-hydrated]').waitFor({ state: 'attached' });
	await page.getByRole('button', { name: 'Add to cart' }).click();
	await expect(page.getByRole('group', { name: /^Quantity of Walnut Serving Board/ }).locator('output')).toHaveText('1 in cart');
	await page.goto('/checkout');
	await expect(page.getByRole('button', { name: 'Place order' })).toBeVisible();
	const seen = await tabThrough(page, (focused) => focused.name === 'Place order');
	expect(seen.filter((s) => !s.ring), 'focused with no visible ring').toEqual([]);
	expect(seen.filter((s) => s.where === 'main').map((s) => s.name)).toEqual(expect.arrayContaining(['Full name', 'Street address', 'City', 'Place order']));
	// And back up the page: each control scrolls into view below the sticky header, not under it.
	const back = await tabThrough(page, (focused) => focused.name === 'Full name', 'Shift+Tab');
	expect(back.filter((s) => s.underHeader), 'focused under the sticky header').toEqual([]);
});
