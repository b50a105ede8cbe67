import { test as base } from '@playwright/test';

export { expect, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';

/**
 * `page.goto` waits until the app has hydrated (the root layout marks <body>), so a test
 * acts on the live page as a shopper would once it is ready, not on the server's HTML.
 */
export const test = base.extend({
	page: async ({ page }, use) => {
		const goto = page.goto.bind(page);
		page.goto = async (url, options) => {
			const response = await goto(url, options);
			if (response && response.ok()) await page.locator('body[data-hydrated]').waitFor({ state: 'attached' });
			return response;
		};
		await use(page);
	}
});
