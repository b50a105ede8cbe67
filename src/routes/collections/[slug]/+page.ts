import { loadCatalogGrid } from '$lib/device/catalog-grid';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ url, fetch, params }) => {
	const grid = await loadCatalogGrid(url, fetch, params.slug);
	return { ...grid, collection: grid.collection! };
};
