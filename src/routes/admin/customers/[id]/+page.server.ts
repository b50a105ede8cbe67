import { error } from '@sveltejs/kit';
import { adminApi } from '$lib/server/admin';
import { orErrorPage } from '$lib/server/errors';
import { customerIdInput, membershipInput } from '$lib/shared/admin';
import { formAction, formFail, readForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const unknownCustomer = 'There is no customer with that id.';

export const load: PageServerLoad = async (event) => {
	const api = adminApi(event);
	const id = customerIdInput.safeParse({ id: event.params.id });
	if (!id.success) error(404, unknownCustomer);
	return { customer: await orErrorPage(api.customers.get(id.data), { NOT_FOUND: unknownCustomer }) };
};

export const actions: Actions = {
	// The customer comes from the address, never from the form.
	membership: async (event) => {
		const api = adminApi(event);
		const form = await readForm(event.request, ['membership']);
		if (form.unexpected) return formFail(400, { form: `Unexpected field: ${form.unexpected.join(', ')}` });
		const parsed = membershipInput.safeParse({ userId: event.params.id, membership: form.values.membership });
		if (!parsed.success) {
			const userProblem = parsed.error.issues.some((issue) => issue.path[0] === 'userId');
			if (userProblem) error(404, unknownCustomer);
			return formFail(400, { membership: 'Choose bronze, silver or gold.' }, form.values);
		}
		const saved = await formAction(api.customers.setMembership(parsed.data), form.values);
		if (saved.failure) return saved.failure;
		return { membership: saved.result.membership, changed: saved.result.changed };
	}
};
