import { loadAddresses, requireSignedIn } from '$lib/orders-source';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, url }) => {
	requireSignedIn((await parent()).user, url);
	return loadAddresses(fetch);
};
