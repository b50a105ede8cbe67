import { requireAdmin } from '$lib/server/admin';
import type { LayoutServerLoad } from './$types';

// Every page under /admin passes here first: visitors go to sign in, customers get 403.
export const load: LayoutServerLoad = (event) => {
	requireAdmin(event);
	return {};
};
