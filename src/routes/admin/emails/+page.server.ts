import { error } from '@sveltejs/kit';
import { adminApi } from '$lib/server/admin';
import { emailIdInput, emailStates, type EmailState } from '$lib/shared/admin';
import { readForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const asked = event.url.searchParams.get('state');
	const state = emailStates.includes(asked as EmailState) ? (asked as EmailState) : undefined;
	const { emails, counts } = await adminApi(event).emails.list({ state });
	return { emails, counts, state: state ?? null };
};

export const actions: Actions = {
	retry: async (event) => {
		const api = adminApi(event);
		const form = await readForm(event.request, ['id']);
		const id = emailIdInput.safeParse({ id: form.values?.id });
		if (!id.success) error(400, 'No such email');
		return { retried: await api.emails.retry(id.data), id: id.data.id };
	}
};
