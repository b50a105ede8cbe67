import { browser } from '$app/environment';
import type { LocalCatalog } from './catalog-index';
import { device, expose } from './device.svelte';

/** The catalog the device holds (products, collections and their search index), for browsing with no network. */
class DeviceCatalog {
	/** Null until the device has loaded the whole catalog once. */
	local = $state.raw<LocalCatalog | null>(null);

	constructor() {
		device.watch(
			(rt) => rt.readCatalog(),
			(catalog) => (this.local = catalog)
		);
	}

	/** The catalog the device holds, or null before its first full load. Usable before the device starts (pages load before the layout starts it). */
	async load(): Promise<LocalCatalog | null> {
		return this.local ?? (await device.opened()).lastCatalog();
	}
}

export const catalog = new DeviceCatalog();
expose('catalog', catalog);

/**
 * The device's catalog when this browser holds it, else null (then the network serves).
 * Null too while the browser takes over a page the server rendered: that page's answers
 * came inside it, and the device's code loads only after the first screen is shown.
 */
export const localCatalog = (): Promise<LocalCatalog | null> => (browser && !takingOverServerPage() ? catalog.load() : Promise.resolve(null));

/** Whether the page in the browser is still the server's HTML, not yet taken over (hydrated) by the app. */
function takingOverServerPage(): boolean {
	return !('hydrated' in document.body.dataset) && document.getElementById('main') !== null;
}
