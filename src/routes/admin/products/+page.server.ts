import { getDatabase } from '$server/db/client';
import { adminListProducts } from '$server/services/admin/catalog';
import { adminProductsListInput } from '$lib/shared/catalog-admin';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, url }) => {
	await parent();
	const params = Object.fromEntries(url.searchParams);
	const parsed = adminProductsListInput.safeParse({ ...params, archived: params.archived === '1' });
	const input = parsed.success ? parsed.data : adminProductsListInput.parse({});
	return { input, result: await adminListProducts((await getDatabase()).db, input) };
};
