import { error } from '@sveltejs/kit';
import { requireSignedIn } from '$lib/api';
import { loadOrder } from '$lib/device/orders.svelte';
import { NeedsNetwork, NETWORK } from '$lib/device/network.svelte';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, params, url, depends }) => {
	depends(NETWORK);
	requireSignedIn((await parent()).user, url);
	const number = Number(params.number);
	if (!Number.isInteger(number) || number < 1) error(404, 'No such order');
	const { order, fromDevice } = await loadOrder(fetch, number);
	// Online the shop answers 404 itself; offline the device may simply not hold that one.
	if (!order) throw new NeedsNetwork();
	return { order, fromDevice };
};
