import { requireSignedIn } from '$lib/api';
import { loadOrders } from '$lib/device/orders.svelte';
import { NETWORK } from '$lib/device/network.svelte';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, url, depends }) => {
	depends(NETWORK);
	requireSignedIn((await parent()).user, url);
	return loadOrders(fetch, url.searchParams.get('cursor') ?? undefined);
};
