import { error } from '@sveltejs/kit';
import { apiFor, fromApi } from '$lib/api';
import { localCatalog } from '$lib/device/catalog.svelte';
import { network, NETWORK } from '$lib/device/network.svelte';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, url, fetch, parent, depends }) => {
	// Offline the reviews wait; they come when the network does.
	depends(NETWORK);
	const api = apiFor(fetch);
	const local = await localCatalog();
	const product = local ? local.product(params.slug) : await fromApi(api.catalog.product.query({ slug: params.slug }));
	if (!product) error(404, 'No such product');
	const { user } = await parent();
	const reviewsCursor = url.searchParams.get('reviews') ?? undefined;
	// Reviews live on the server only: offline the page shows the product without them.
	const [reviews, ownReview] = await Promise.all([
		fromApi(api.reviews.list.query({ productId: product.id, cursor: reviewsCursor, limit: 10 })).catch(offline),
		user ? fromApi(api.reviews.mine.query({ productId: product.id })).catch(offline) : null
	]);
	// Only a signed-in shopper writes reviews: a visitor's page never fetches the form's code.
	const ReviewForm = user ? (await import('$lib/components/catalog/review-form.svelte')).default : null;
	return { product, reviews, reviewsCursor, ownReview: ownReview ?? null, ReviewForm };
};

/** A failed request while the device has no network: the page does without that part. */
function offline(e: unknown): null {
	if (!network.online) return null;
	throw e;
}
