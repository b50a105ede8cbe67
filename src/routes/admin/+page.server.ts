import { getDatabase } from '$server/db/client';
import { dashboardCounts } from '$server/services/admin';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent }) => {
	await parent();
	return { counts: await dashboardCounts((await getDatabase()).db) };
};
