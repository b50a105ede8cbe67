import { loadCatalogGrid } from '$lib/device/catalog.svelte';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ url, fetch }) => loadCatalogGrid(url, fetch);
