import { browser } from '$app/environment';
import { apiFor } from '$lib/api';
import { device } from '$lib/device/device.svelte';
import { network } from '$lib/device/network.svelte';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ fetch }) => {
	try {
		return { user: await apiFor(fetch).account.session.query() };
	} catch (error) {
		// Opened with no network (from the offline shell): the device remembers who it was.
		if (browser && !network.online) return { user: await device.lastUser() };
		throw error;
	}
};
