import { error } from '@sveltejs/kit';
import { browser } from '$app/environment';
import { apiFor, fromApi } from '$lib/api';
import { CROSSED_PRICES, type CatalogPage } from '$lib/shared/catalog';
import { catalogQuery, crossedPrices, readCatalogParams } from '$lib/shared/catalog-url';
import type { LocalCatalog } from './catalog-index';
import { device, expose } from './device.svelte';

type Fetch = typeof fetch;

const NOTHING: CatalogPage = { items: [], nextCursor: null, total: 0, totalCapped: false };

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

/**
 * A catalog grid (`/` and `/collections/[slug]`): from the device once it holds the
 * catalog, so it browses and searches with no network; from the server otherwise.
 */
export async function loadCatalogGrid(url: URL, fetch: Fetch, collectionSlug?: string) {
	const params = readCatalogParams(url.searchParams);
	if (collectionSlug) params.collection = collectionSlug;
	const cursor = url.searchParams.get('cursor');
	// A crossed price range runs no search at all: the page says what to fix instead.
	const priceProblem = crossedPrices(params) ? CROSSED_PRICES : null;
	const local = await localCatalog();
	if (local) {
		const collection = collectionSlug ? local.collection(collectionSlug) : null;
		if (collectionSlug && !collection) error(404, 'No such collection');
		const query = priceProblem ? null : catalogQuery(params, cursor);
		return { params, cursor, query, priceProblem, collection, result: query ? local.list(query) : NOTHING, collections: local.collections() };
	}
	// Cursors the device made mean nothing to the server: start that list from the top.
	const query = priceProblem ? null : catalogQuery(params, cursor?.startsWith('local:') ? null : cursor);
	const api = apiFor(fetch);
	const [result, collections] = await Promise.all([query ? fromApi(api.catalog.list.query(query)) : NOTHING, fromApi(api.catalog.collections.query())]);
	const collection = collectionSlug ? (collections.find((c) => c.slug === collectionSlug) ?? null) : null;
	if (collectionSlug && !collection) error(404, 'No such collection');
	return { params, cursor, query, priceProblem, collection, result, collections };
}
