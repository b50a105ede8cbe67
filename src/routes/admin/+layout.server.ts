import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/forms';
import type { LayoutServerLoad } from './$types';

// Every page under /admin passes here first: visitors go to sign in, customers get 403.
export const load: LayoutServerLoad = (event) => {
	const user = requireUser(event);
	if (user.role !== 'admin') error(403, 'This area is for the shop’s admins.');
	return {};
};
