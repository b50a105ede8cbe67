import { test as base, expect, type BrowserContext, type Locator, type Page } from '@playwright/test';

export { expect, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';

/** What the browser reported as blocked by a Content-Security-Policy during one test. */
export type CspViolations = {
	/** Every report so far, from any page of any context the test opened. */
	readonly seen: string[];
	/** Takes the reports so far as intended (a test that breaks the policy on purpose) and returns them. */
	accept(): string[];
};

// Chromium's console lines for a blocked load, script, style, frame or eval ("Refused to …",
// "Loading the script … violates the following Content Security Policy directive …").
const CONSOLE_REPORT = /Content[- ]Security[- ]Policy/i;
const EVENT_REPORT = '[securitypolicyviolation]';

/** Makes the page say so on its console when its policy blocks something, whatever Chromium's wording. */
function reportViolations() {
	addEventListener('securitypolicyviolation', (event) => {
		console.error(`[securitypolicyviolation] ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.documentURI}`);
	});
}

const watched = new WeakSet<BrowserContext>();

async function watch(context: BrowserContext, seen: string[]) {
	if (watched.has(context)) return;
	watched.add(context);
	context.on('console', (message) => {
		const text = message.text();
		if (text.startsWith(EVENT_REPORT) || CONSOLE_REPORT.test(text)) seen.push(`${message.location().url}: ${text}`);
	});
	await context.addInitScript(reportViolations);
}

/**
 * `page.goto` waits until the app has hydrated (the root layout marks <body>), so a test
 * acts on the live page as a shopper would once it is ready, not on the server's HTML.
 *
 * Every test fails on a Content-Security-Policy violation in any context it opens: its own
 * `context`, and those it makes with `browser.newContext()` or `launchPersistentContext()`.
 */
export const test = base.extend<{ csp: CspViolations }>({
	csp: [
		async ({ browser, playwright }, use) => {
			const seen: string[] = [];
			const { newContext } = browser;
			const { launchPersistentContext } = playwright.chromium;
			browser.newContext = async (options) => {
				const context = await newContext.call(browser, options);
				await watch(context, seen);
				return context;
			};
			playwright.chromium.launchPersistentContext = async (dir, options) => {
				const context = await launchPersistentContext.call(playwright.chromium, dir, options);
				await watch(context, seen);
				return context;
			};
			try {
				await use({ seen, accept: () => seen.splice(0) });
			} finally {
				browser.newContext = newContext;
				playwright.chromium.launchPersistentContext = launchPersistentContext;
			}
			expect(seen, 'Content-Security-Policy violations').toEqual([]);
		},
		{ auto: true }
	],
	context: async ({ context, csp }, use) => {
		await watch(context, csp.seen);
		await use(context);
	},
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

/** Opens a page and waits until the app has hydrated: for pages the fixture did not make (other contexts, a profile's own). */
export async function open(page: Page, url: string) {
	await page.goto(url);
	await page.locator('body[data-hydrated]').waitFor({ state: 'attached' });
}

/**
 * The shop's links (Favorites, Account or Sign in, Admin) and the assistant sit behind the
 * header's menu button on a phone: this opens the menu there and returns the shop's
 * navigation. A laptop shows them in the bar, and nothing is pressed.
 */
export async function shopMenu(page: Page): Promise<Locator> {
	const nav = page.getByRole('navigation', { name: 'Your shop' });
	const button = nav.getByRole('button', { name: 'Menu' });
	if (await button.isVisible()) {
		// A navigation that is just ending closes the menu again: press until it stays open.
		await expect(async () => {
			if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
			await expect(button).toHaveAttribute('aria-expanded', 'true', { timeout: 1000 });
		}).toPass();
	}
	return nav;
}

/**
 * Signs up a shopper of the test's own through the form's endpoint; the session lands in the
 * page's context. Returns the email (`label` makes it easy to find in the shop's lists).
 */
export async function signUp(page: Page, baseURL: string, label: string, password = 'e2e-shopper-2026'): Promise<string> {
	const email = `e2e-${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
	const response = await page.request.post('/signup', {
		form: { email, password, firstName: 'Casey', lastName: 'Tester' },
		headers: { origin: baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(response.status(), `signing up ${email}`).toBe(303);
	return email;
}
