import { error } from '@sveltejs/kit';
import { adminApi } from '$lib/server/admin';
import { orErrorPage } from '$lib/server/errors';
import { emailIdInput } from '$lib/shared/admin';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const api = adminApi(event);
	const id = emailIdInput.safeParse({ id: event.params.id });
	if (!id.success) error(404, 'No such email');
	return orErrorPage(api.emails.get(id.data));
};
