/** At the latest this long after the navigation began, even if no paint is reported (a tab opened in the background). */
const LIMIT_MS = 3000;

let painted: Promise<void> | null = null;

/**
 * Resolves once the browser has shown the page's first screen (its first largest-contentful
 * paint, or its first contentful paint where that is not reported) and then has an idle
 * moment. Work that the first screen does not need waits for this, so it never competes
 * with that screen for the network or the main thread.
 */
export function afterFirstPaint(): Promise<void> {
	return (painted ??= new Promise<void>((resolve) => {
		let observer: PerformanceObserver | undefined;
		let timer: ReturnType<typeof setTimeout> | undefined;
		const done = () => {
			if (!observer && !timer) return;
			observer?.disconnect();
			clearTimeout(timer);
			observer = timer = undefined;
			void whenIdle().then(resolve);
		};
		timer = setTimeout(done, Math.max(0, LIMIT_MS - performance.now()));
		const type = ['largest-contentful-paint', 'paint'].find((t) => PerformanceObserver.supportedEntryTypes?.includes(t));
		if (!type) return;
		observer = new PerformanceObserver((list) => {
			if (list.getEntries().some((entry) => type !== 'paint' || entry.name === 'first-contentful-paint')) done();
		});
		observer.observe({ type, buffered: true });
	}));
}

/** The browser's next idle moment (within half a second), so a piece of background work does not hold up the page. */
export function whenIdle(): Promise<void> {
	return new Promise((resolve) => {
		if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 500 });
		else setTimeout(resolve, 50);
	});
}
