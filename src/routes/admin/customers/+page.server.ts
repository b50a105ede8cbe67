import { error } from '@sveltejs/kit';
import { getDatabase } from '$server/db/client';
import { adminListCustomers } from '$server/services/admin/customers';
import { AppError } from '$server/services/errors';
import { customersListInput } from '$lib/shared/admin';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, url }) => {
	await parent();
	const query = url.searchParams.get('q')?.trim() ?? '';
	const input = customersListInput.safeParse({ query: query || undefined, cursor: url.searchParams.get('after') || undefined });
	if (!input.success) error(400, 'That search is too long.');
	try {
		return { query, page: await adminListCustomers((await getDatabase()).db, input.data), paged: Boolean(input.data.cursor) };
	} catch (e) {
		if (e instanceof AppError && e.code === 'BAD_REQUEST') error(400, 'That page link is no longer valid; start from the first page.');
		throw e;
	}
};
