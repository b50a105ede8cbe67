import { loadCatalogGrid } from '$lib/device/catalog-grid';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ url, fetch }) => loadCatalogGrid(url, fetch);
