import { getDatabase } from '$server/db/client';
import { getProduct } from '$server/services/catalog';
import { listReviews } from '$server/services/reviews';
import { orErrorPage } from '$lib/server/errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url }) => {
	const { db } = await getDatabase();
	const product = await orErrorPage(getProduct(db, { slug: params.slug }));
	const reviewsCursor = url.searchParams.get('reviews') ?? undefined;
	const reviews = await orErrorPage(
		listReviews(db, { productId: product.id, cursor: reviewsCursor, limit: 10 })
	);
	return { product, reviews, reviewsCursor };
};
