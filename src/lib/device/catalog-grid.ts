import { error } from '@sveltejs/kit';
import { apiFor, fromApi } from '$lib/api';
import { CROSSED_PRICES, type CatalogPage } from '$lib/shared/catalog';
import { catalogQuery, crossedPrices, readCatalogParams } from '$lib/shared/catalog-url';
import { localCatalog } from './catalog.svelte';

// Apart from the catalog store, so a product page (which needs the store, not the grid's
// filters and URLs) does not load this with its first screen.

type Fetch = typeof fetch;

const NOTHING: CatalogPage = { items: [], nextCursor: null, total: 0, totalCapped: false };

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
