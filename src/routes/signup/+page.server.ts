import { redirect } from '@sveltejs/kit';
import { createSession } from '$server/auth/session';
import { getThrottle } from '$server/auth/throttle';
import { getDatabase } from '$server/db/client';
import { signUp } from '$server/services/accounts';
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
		const ip = event.getClientAddress();
		const throttle = getThrottle();
		const wait = await throttle.signupWait(ip);
		if (wait) {
			event.setHeaders({ 'retry-after': String(wait) });
			return formFail(429, { form: `Too many sign-ups from here. Try again in ${Math.ceil(wait / 60)} min.` });
		}
		const form = await parseForm(event.request, signupInput, FIELDS);
		if (form.failure) return form.failure;
		const { db } = await getDatabase();
		const values = { ...form.values, password: '' };
		const created = await formAction(signUp(db, form.data), values);
		if (created.failure) return created.failure;
		await throttle.signedUp(ip);
		const { token, session } = await createSession(db, created.result.id);
		setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		redirect(303, safeNext(event.url));
	}
};
