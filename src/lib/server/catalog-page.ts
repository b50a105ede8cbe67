import { getDatabase } from '$server/db/client';
import { listCollections, listProducts } from '$server/services/catalog';
import { catalogQuery, readCatalogParams } from '$lib/shared/catalog-url';
import { orErrorPage } from './errors';

/** What the catalog grid pages (`/` and `/collections/[slug]`) load from their URL. */
export async function loadCatalogPage(url: URL, collection?: string) {
	const { db } = await getDatabase();
	const params = readCatalogParams(url.searchParams);
	if (collection) params.collection = collection;
	const cursor = url.searchParams.get('cursor');
	const [result, collections] = await Promise.all([
		orErrorPage(listProducts(db, catalogQuery(params, cursor))),
		listCollections(db)
	]);
	return { params, cursor, result, collections };
}
