import { redirect } from '@sveltejs/kit';
import { createSession } from '$server/auth/session';
import { getThrottle } from '$server/auth/throttle';
import { getDatabase } from '$server/db/client';
import { signUpFrom } from '$server/services/accounts';
import { signupInput } from '$lib/shared/accounts';
import { formAction, formFail, parseForm, safeNext } from '$lib/server/forms';
import { setSessionCookie } from '$lib/server/session-cookie';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = ['email', 'password', 'firstName', 'lastName'] as const;

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url));
};

export const actions: Actions = {
	default: async (event) => {
		const form = await parseForm(event.request, signupInput, FIELDS);
		if (form.failure) return form.failure;
		const { db } = await getDatabase();
		const created = await formAction(signUpFrom(db, getThrottle(), form.data, event.getClientAddress()), form.values);
		if (created.failure) return created.failure;
		if ('wait' in created.result) {
			event.setHeaders({ 'retry-after': String(created.result.wait) });
			return formFail(429, { form: `Too many sign-ups from here. Try again in ${Math.ceil(created.result.wait / 60)} min.` }, form.values);
		}
		const { token, session } = await createSession(db, created.result.user.id);
		setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		redirect(303, safeNext(event.url));
	}
};
