import type { Page } from '@playwright/test';

/** Records, inside the page, the moment the root layout marks <body> as hydrated. Call before `goto`. */
export async function recordHydration(page: Page): Promise<void> {
	await page.addInitScript(() => {
		new MutationObserver((_, observer) => {
			if (!document.body || !('hydrated' in document.body.dataset)) return;
			(window as unknown as { hydratedAt: number }).hydratedAt = performance.now();
			observer.disconnect();
		}).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-hydrated'] });
	});
}

/** The scripts the page has fetched so far: compressed size, and whether the fetch began before it was hydrated. */
export function scriptsFetched(page: Page): Promise<{ url: string; bytes: number; beforeHydration: boolean }[]> {
	return page.evaluate(() => {
		const hydratedAt = (window as unknown as { hydratedAt?: number }).hydratedAt ?? Infinity;
		return (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
			.filter((r) => new URL(r.name).pathname.endsWith('.js'))
			.map((r) => ({ url: r.name, bytes: r.encodedBodySize, beforeHydration: r.startTime <= hydratedAt }));
	});
}
