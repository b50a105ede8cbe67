/**
 * Loads code with `load`. When that fails (the network dropped on a first visit, before the
 * service worker held the code), tries again once the network is back, or after 1, 2, 4 …
 * 30 s when the browser thinks it is online.
 */
export async function whenLoaded<T>(load: () => Promise<T>): Promise<T> {
	for (let attempt = 0; ; attempt++) {
		try {
			return await load();
		} catch (error) {
			console.warn('Loading the device failed; trying again.', error);
			await new Promise((resolve) => {
				if (!navigator.onLine) addEventListener('online', resolve, { once: true });
				else setTimeout(resolve, Math.min(30_000, 1000 * 2 ** attempt));
			});
		}
	}
}
