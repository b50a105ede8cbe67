import { error } from '@sveltejs/kit';
import { getDatabase } from '$server/db/client';
import { adminGetCustomer, updateMembership } from '$server/services/admin/customers';
import { AppError } from '$server/services/errors';
import { customerIdInput, membershipInput } from '$lib/shared/admin';
import { formAction, formFail, readForm } from '$lib/server/forms';
import { adminActor } from '../../admin-guard.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, params }) => {
	await parent();
	const id = customerIdInput.safeParse({ id: params.id });
	if (!id.success) error(404, 'There is no customer with that id.');
	try {
		return { customer: await adminGetCustomer((await getDatabase()).db, id.data.id) };
	} catch (e) {
		if (e instanceof AppError && e.code === 'NOT_FOUND') error(404, 'There is no customer with that id.');
		throw e;
	}
};

export const actions: Actions = {
	// The customer comes from the address, never from the form.
	membership: async (event) => {
		const actor = adminActor(event);
		const form = await readForm(event.request, ['membership']);
		if (form.unexpected) return formFail(400, { form: `Unexpected field: ${form.unexpected.join(', ')}` });
		const parsed = membershipInput.safeParse({ userId: event.params.id, membership: form.values.membership });
		if (!parsed.success) {
			const userProblem = parsed.error.issues.some((issue) => issue.path[0] === 'userId');
			if (userProblem) error(404, 'There is no customer with that id.');
			return formFail(400, { membership: 'Choose bronze, silver or gold.' }, form.values);
		}
		const saved = await formAction(updateMembership((await getDatabase()).db, actor, parsed.data), form.values);
		if (saved.failure) return saved.failure;
		return { membership: saved.result.membership, changed: saved.result.changed };
	}
};
