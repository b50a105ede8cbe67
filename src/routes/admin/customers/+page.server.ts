import { error } from '@sveltejs/kit';
import { adminApi } from '$lib/server/admin';
import { orErrorPage } from '$lib/server/errors';
import { customersListInput } from '$lib/shared/admin';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const api = adminApi(event);
	const query = event.url.searchParams.get('q')?.trim() ?? '';
	const input = customersListInput.safeParse({ query: query || undefined, cursor: event.url.searchParams.get('after') || undefined });
	if (!input.success) error(400, 'That search is too long.');
	const page = await orErrorPage(api.customers.list(input.data), { BAD_REQUEST: 'That page link is no longer valid; start from the first page.' });
	return { query, page, paged: Boolean(input.data.cursor) };
};
