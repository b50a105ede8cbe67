import { error } from '@sveltejs/kit';
import { browser } from '$app/environment';
import { apiFor, fromApi } from '$lib/api';
import { localCatalog } from '$lib/device/catalog.svelte';
import { network, NETWORK } from '$lib/device/network.svelte';
import { afterFirstPaint } from '$lib/device/first-paint';
import type { PageLoad } from './$types';

// The code for choosing among a product's options: fetched with this page's code once the
// first screen is shown (also when that code is only fetched ahead, for offline), so a
// product with options opens with no network too; only such a product waits for it.
const variantChoices = () => import('./variant-choices.svelte');
if (browser) void afterFirstPaint().then(variantChoices).catch(() => undefined);

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
	const ReviewForm = user ? await reviewForm() : null;
	const VariantChoices = product.options.length ? (await variantChoices()).default : null;
	return { product, reviews, reviewsCursor, ownReview: ownReview ?? null, ReviewForm, VariantChoices };
};

/**
 * The review form's code: only a signed-in shopper writes reviews, so a visitor's page never
 * fetches it. Posting one needs the network, so a device that cannot fetch it offline does without.
 */
async function reviewForm() {
	try {
		return (await import('$lib/components/catalog/review-form.svelte')).default;
	} catch (e) {
		return offline(e);
	}
}

/** A failed request while the device has no network: the page does without that part. */
function offline(e: unknown): null {
	if (!network.online) return null;
	throw e;
}
