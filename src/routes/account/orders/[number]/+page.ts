import { error } from '@sveltejs/kit';
import { loadOrder, requireSignedIn } from '$lib/orders-source';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, params, url }) => {
	requireSignedIn((await parent()).user, url);
	const number = Number(params.number);
	if (!Number.isInteger(number) || number < 1) error(404, 'No such order');
	const { order, fromDevice } = await loadOrder(fetch, number);
	if (!order) error(404, 'This device does not hold that order; open it again when you are online.');
	return { order, fromDevice };
};
