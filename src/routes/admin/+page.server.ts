import { adminApi } from '$lib/server/admin';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({ dashboard: await adminApi(event).dashboard() });
