import { loadCatalogPage } from '$lib/server/catalog-page';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => loadCatalogPage(url);
