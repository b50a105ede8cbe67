import { loadCatalogGrid } from '$lib/catalog-source';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ url, fetch }) => loadCatalogGrid(url, fetch);
