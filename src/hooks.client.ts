import type { HandleClientError } from '@sveltejs/kit';
import { isNetworkFailure } from '$lib/device/network.svelte';

// A page that could not reach the shop is not the shop's error: the error page tells the two
// apart, says what that page needs the network for, and opens the page when the network returns.
export const handleError: HandleClientError = ({ error, message }) => {
	if (isNetworkFailure(error)) return { message: 'The shop could not be reached.', offline: true };
	console.error(error);
	return { message };
};
