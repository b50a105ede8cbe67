import { whenIdle } from '$lib/device/first-paint';
import type { LocalCatalog } from './catalog-index';

/**
 * How much of this device the shop's pictures may take for offline: 25 MiB or 1,000
 * pictures, whichever comes first (the demo shop's pictures take well under 1 MiB). The
 * device stops fetching ahead there, and the service worker's picture cache keeps as many.
 */
export const OFFLINE_IMAGES_BUDGET = { bytes: 25 * 1024 * 1024, pictures: 1000 } as const;

/** The Cache Storage cache of pictures, which the service worker answers `/images/` and `/uploads/` from. */
export const IMAGE_CACHE = 'store-images';

/**
 * Keeps the pictures of the products the device holds, so they show offline: after a
 * catalog sync, in the tab that syncs, one picture per idle moment, those of the products
 * asked for first (the cart, the favorites), then every product's (unless the browser asks
 * to save data), until the budget is spent. Pictures go straight into the service worker's
 * cache, so they are there even when this page is not yet under its control. A picture the
 * shop does not have is not asked for again; one that did not come is asked for at the
 * next sync, and a lost network ends the round.
 */
export class OfflineImages {
	readonly #counted = new Set<string>();
	#bytes = 0;
	#round: Promise<void> | null = null;
	#next: string[] | null = null;

	/** Starts a round (or gives the one under way the new list); resolves when the round ends. */
	keep(catalog: LocalCatalog, firstProductIds: string[]): Promise<void> {
		if (typeof caches === 'undefined') return Promise.resolve();
		const first = catalog.summaries(firstProductIds).flatMap((p) => (p.image ? [p.image.src] : []));
		const saveData = (navigator as { connection?: { saveData?: boolean } }).connection?.saveData;
		this.#next = saveData ? first : [...new Set([...first, ...catalog.pictures()])];
		// A full device ends the round (the cache refuses the picture).
		this.#round ??= this.#run()
			.catch((error) => console.warn('Keeping pictures for offline stopped:', error))
			.finally(() => (this.#round = null));
		return this.#round;
	}

	async #run() {
		const cache = await caches.open(IMAGE_CACHE);
		for (let srcs = this.#next; srcs; srcs = this.#next) {
			this.#next = null;
			for (const src of srcs) {
				if (this.#counted.has(src)) continue;
				if (this.#bytes >= OFFLINE_IMAGES_BUDGET.bytes || this.#counted.size >= OFFLINE_IMAGES_BUDGET.pictures) return;
				await whenIdle();
				const kept = await cache.match(src);
				if (kept) {
					this.#count(src, await kept.blob());
					continue;
				}
				if (!navigator.onLine) return;
				let response: Response;
				try {
					response = await fetch(src);
				} catch {
					// Nothing answered: the network went (the round ends) or only this picture failed.
					if (!navigator.onLine) return;
					continue;
				}
				if (response.status === 200) await cache.put(src, response.clone());
				this.#count(src, response.ok ? await response.blob() : null);
			}
		}
	}

	#count(src: string, picture: Blob | null) {
		this.#counted.add(src);
		this.#bytes += picture?.size ?? 0;
	}
}
