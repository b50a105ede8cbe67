import { redirect } from '@sveltejs/kit';
import { createSession } from '$server/auth/session';
import { getThrottle } from '$server/auth/throttle';
import { getDatabase } from '$server/db/client';
import { authenticate } from '$server/services/accounts';
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
		const { email, password } = form.data;
		const values = { email: form.values.email ?? '' };
		const ip = event.getClientAddress();
		const throttle = getThrottle();

		const wait = await throttle.checkLogin(email, ip);
		if (wait) {
			event.setHeaders({ 'retry-after': String(wait) });
			return formFail(429, { form: `Too many attempts. Try again in ${wait} s.` }, values);
		}
		const { db } = await getDatabase();
		const user = await authenticate(db, email, password);
		if (!user) {
			await throttle.loginFailed(email, ip);
			return formFail(400, { form: 'Wrong email or password.' }, values);
		}
		await throttle.loginSucceeded(email);
		const { token, session } = await createSession(db, user.id);
		setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		redirect(303, safeNext(event.url));
	}
};
