import { getDatabase } from '$server/db/client';
import { dashboard } from '$server/services/admin/dashboard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent }) => {
	await parent();
	return { dashboard: await dashboard((await getDatabase()).db) };
};
