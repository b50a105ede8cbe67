import { adminApi } from '$lib/server/admin';
import { adminProductsListInput } from '$lib/shared/catalog-admin';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const params = Object.fromEntries(event.url.searchParams);
	const parsed = adminProductsListInput.safeParse({ ...params, archived: params.archived === '1' });
	const input = parsed.success ? parsed.data : adminProductsListInput.parse({});
	return { input, result: await adminApi(event).products.list(input) };
};
