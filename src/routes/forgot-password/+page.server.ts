import { getThrottle } from '$server/auth/throttle';
import { getDatabase } from '$server/db/client';
import { askForPasswordReset } from '$server/services/email/password-reset';
import { forgotPasswordInput } from '$lib/shared/accounts';
import { formFail, parseForm } from '$lib/server/forms';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async (event) => {
		const form = await parseForm(event.request, forgotPasswordInput, ['email']);
		if (form.failure) return form.failure;
		const { db } = await getDatabase();
		const result = await askForPasswordReset(db, getThrottle(), form.data.email, event.getClientAddress());
		if ('wait' in result) {
			event.setHeaders({ 'retry-after': String(result.wait) });
			return formFail(429, { form: `Too many requests. Try again in ${Math.ceil(result.wait / 60)} min.` }, form.values);
		}
		return { answer: result.answer };
	}
};
