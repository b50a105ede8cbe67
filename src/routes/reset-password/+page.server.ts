import { getDatabase } from '$server/db/client';
import { resetPassword, resetTokenUser } from '$server/services/email/password-reset';
import { resetPasswordInput } from '$lib/shared/accounts';
import { formAction, parseForm } from '$lib/server/forms';
import { deleteSessionCookie } from '$lib/server/session-cookie';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, setHeaders }) => {
	// The token is in the address: no other site may see it in a Referer. A post without
	// JavaScript renders the page through this load too, so the action sets nothing itself.
	setHeaders({ 'referrer-policy': 'no-referrer' });
	const token = url.searchParams.get('token') ?? '';
	const valid = token.length > 0 && token.length <= 128 && (await resetTokenUser((await getDatabase()).db, token)) !== null;
	return { token, valid };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await parseForm(event.request, resetPasswordInput, ['token', 'password']);
		if (form.failure) return form.failure;
		const done = await formAction(resetPassword((await getDatabase()).db, form.data.token, form.data.password));
		if (done.failure) return done.failure;
		// Every session of the account has ended, this browser's too.
		deleteSessionCookie(event.cookies, event.url);
		return { done: true };
	}
};
