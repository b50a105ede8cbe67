import { requireSignedIn } from '$lib/api';
import { loadAddresses } from '$lib/device/addresses.svelte';
import { NETWORK } from '$lib/device/network.svelte';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, url, depends }) => {
	depends(NETWORK);
	requireSignedIn((await parent()).user, url);
	return loadAddresses(fetch);
};
