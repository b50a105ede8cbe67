import { getDatabase } from '$server/db/client';
import { getCollection } from '$server/services/catalog';
import { loadCatalogPage } from '$lib/server/catalog-page';
import { orErrorPage } from '$lib/server/errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, params }) => {
	const { db } = await getDatabase();
	const collection = await orErrorPage(getCollection(db, params.slug));
	return { collection, ...(await loadCatalogPage(url, collection.slug)) };
};
