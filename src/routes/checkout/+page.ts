import { requireSignedIn } from '$lib/api';
import type { PageLoad } from './$types';

// Checkout lives in the browser: it reads the device's cart and talks to the payment provider.
export const ssr = false;

export const load: PageLoad = async ({ parent, url }) => {
	requireSignedIn((await parent()).user, url);
	return { orderId: url.searchParams.get('order') };
};
