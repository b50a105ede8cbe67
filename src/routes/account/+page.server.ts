import { getDatabase } from '$server/db/client';
import { getProfile, updateProfile } from '$server/services/accounts';
import { profileInput } from '$lib/shared/accounts';
import { formAction, parseForm, requireUser } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	return { profile: await getProfile((await getDatabase()).db, user.id) };
};

export const actions: Actions = {
	update: async (event) => {
		const user = requireUser(event);
		const form = await parseForm(event.request, profileInput, ['firstName', 'lastName', 'phone', 'birthDate']);
		if (form.failure) return form.failure;
		const saved = await formAction(updateProfile((await getDatabase()).db, user.id, form.data), form.values);
		if (saved.failure) return saved.failure;
		return { saved: true };
	}
};
