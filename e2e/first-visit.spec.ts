import { expect, test, type Page } from './fixtures';
import { recordHydration, scriptsFetched } from './hydration';

/** Strings only the code of Dexie and of zod holds (names they give their errors). */
const HEAVY_CODE = { Dexie: 'DatabaseClosedError', zod: 'ZodError' };

/** The shop's budget for what a first visit loads to show and hydrate a page: compressed, as served. */
const FIRST_PAGE_JS_BYTES = 60_000;

/** The scripts a fresh visit fetched before the page was hydrated, with their code and compressed size. */
async function scriptsBeforeHydration(page: Page, path: string): Promise<{ url: string; bytes: number; code: string }[]> {
	await recordHydration(page);
	await page.goto(path);
	const early = (await scriptsFetched(page)).filter((s) => s.beforeHydration);
	return Promise.all(early.map(async ({ url, bytes }) => ({ url, bytes, code: await (await page.request.get(url)).text() })));
}

for (const path of ['/', '/products/walnut-serving-board']) {
	test(`${path} shows and hydrates within the JavaScript budget and without the device's code, which follows once the first screen is shown`, async ({ page }) => {
		const scripts = await scriptsBeforeHydration(page, path);
		expect(scripts.length).toBeGreaterThan(0);
		expect(scripts.reduce((sum, s) => sum + s.bytes, 0)).toBeLessThanOrEqual(FIRST_PAGE_JS_BYTES);
		for (const [name, marker] of Object.entries(HEAVY_CODE)) {
			expect(
				scripts.filter((s) => s.code.includes(marker)).map((s) => s.url),
				`${name} is loaded before the page is hydrated`
			).toEqual([]);
		}
		// Then the device opens on its own and fills itself from the shop.
		await expect.poll(() => page.evaluate(() => window.store.catalog.local !== null)).toBe(true);
		await expect(page.getByRole('status').filter({ hasText: 'Synced' })).toBeVisible();
	});
}

test('a first visit that loses the network before the device code arrived gets the device once the network is back', async ({ page, context }) => {
	// The device's code (the chunk that holds Dexie) cannot be fetched while the network is down.
	let down = false;
	await page.route('**/_app/immutable/chunks/*.js', async (route) => {
		const response = await route.fetch();
		if (down && (await response.text()).includes(HEAVY_CODE.Dexie)) return route.abort('internetdisconnected');
		return route.fulfill({ response });
	});
	down = true;
	await page.goto('/');
	await context.setOffline(true);
	await page.waitForTimeout(1500);
	expect(await page.evaluate(() => window.store.cart.ready)).toBe(false);
	down = false;
	await context.setOffline(false);
	// Back online at once, or at the next of its retries (1, 2, 4 … s) when the browser had not noticed the network was gone.
	await expect(page.getByRole('status').filter({ hasText: 'Synced' })).toBeVisible({ timeout: 15_000 });
	expect(await page.evaluate(() => window.store.cart.ready)).toBe(true);
});
