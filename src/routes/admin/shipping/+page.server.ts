import type { z } from 'zod';
import { getDatabase } from '$server/db/client';
import { adminListShippingMethods, createShippingMethod, updateShippingMethod } from '$server/services/admin/shipping';
import { shippingMethodInput, shippingMethodUpdateInput } from '$lib/shared/orders';
import { formAction, formFail, readForm } from '$lib/server/forms';
import { adminActor } from '../admin-guard.server';
import { methodErrors, methodFields, methodFromForm } from './method-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent }) => {
	await parent();
	return { methods: await adminListShippingMethods((await getDatabase()).db) };
};

/** Reads a posted method form and checks it with the shared schema; a failure is the 400 to return. */
async function readMethod<S extends z.ZodType>(request: Request, schema: S, allowed: readonly string[]) {
	const form = await readForm(request, allowed);
	if (form.unexpected) return { failure: formFail(400, { form: `Unexpected field: ${form.unexpected.join(', ')}` }) };
	const input = methodFromForm(form.values);
	const parsed = schema.safeParse('id' in form.values ? { ...input, id: form.values.id } : input);
	if (!parsed.success) return { failure: formFail(400, methodErrors(parsed.error, input.countries), form.values) };
	return { data: parsed.data as z.output<S>, values: form.values };
}

// Methods are never deleted: orders name them, and unticking "active" takes one off sale.
export const actions: Actions = {
	create: async (event) => {
		const actor = adminActor(event);
		const form = await readMethod(event.request, shippingMethodInput, methodFields);
		if (form.failure) return form.failure;
		const saved = await formAction(createShippingMethod((await getDatabase()).db, actor, form.data), form.values);
		if (saved.failure) return saved.failure;
		return { created: saved.result.name };
	},
	update: async (event) => {
		const actor = adminActor(event);
		const form = await readMethod(event.request, shippingMethodUpdateInput, [...methodFields, 'id']);
		if (form.failure) return form.failure;
		const saved = await formAction(updateShippingMethod((await getDatabase()).db, actor, form.data), form.values);
		if (saved.failure) return saved.failure;
		return { updated: saved.result.id };
	}
};
