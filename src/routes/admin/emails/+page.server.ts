import { error } from '@sveltejs/kit';
import { getDatabase } from '$server/db/client';
import { countEmails, emailStates, listEmails, retryNow, type EmailState } from '$server/services/email/outbox';
import { readForm } from '$lib/server/forms';
import { requireAdmin } from '../admin-guard.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, url }) => {
	await parent();
	const asked = url.searchParams.get('state');
	const state = emailStates.includes(asked as EmailState) ? (asked as EmailState) : undefined;
	const { db } = await getDatabase();
	const [emails, counts] = await Promise.all([listEmails(db, state, 200), countEmails(db)]);
	return { emails, counts, state: state ?? null };
};

export const actions: Actions = {
	retry: async (event) => {
		requireAdmin(event);
		const form = await readForm(event.request, ['id']);
		const id = form.values?.id ?? '';
		if (!/^[0-9a-f-]{36}$/i.test(id)) error(400, 'No such email');
		const retried = await retryNow((await getDatabase()).db, id);
		return { retried, id };
	}
};
