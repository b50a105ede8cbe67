import { loadOrders, requireSignedIn } from '$lib/orders-source';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, url }) => {
	requireSignedIn((await parent()).user, url);
	return loadOrders(fetch, url.searchParams.get('cursor') ?? undefined);
};
