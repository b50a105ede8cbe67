import { redirect } from '@sveltejs/kit';
import { createSession } from '$server/auth/session';
import { getThrottle } from '$server/auth/throttle';
import { getDatabase } from '$server/db/client';
import { signIn } from '$server/services/accounts';
import { loginInput } from '$lib/shared/accounts';
import { formFail, parseForm, safeNext } from '$lib/server/forms';
import { setSessionCookie } from '$lib/server/session-cookie';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url));
};

export const actions: Actions = {
	default: async (event) => {
		const form = await parseForm(event.request, loginInput, ['email', 'password']);
		if (form.failure) return form.failure;
		const { db } = await getDatabase();
		const result = await signIn(db, getThrottle(), form.data, event.getClientAddress());
		if ('wait' in result) {
			event.setHeaders({ 'retry-after': String(result.wait) });
			return formFail(429, { form: `Too many attempts. Try again in ${result.wait} s.` }, form.values);
		}
		if (!result.user) return formFail(400, { form: 'Wrong email or password.' }, form.values);
		const { token, session } = await createSession(db, result.user.id);
		setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		redirect(303, safeNext(event.url));
	}
};
