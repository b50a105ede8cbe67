import type { z } from 'zod';
import { adminAction, adminApi } from '$lib/server/admin';
import { shippingMethodInput, shippingMethodUpdateInput } from '$lib/shared/orders';
import { formFail, readForm } from '$lib/server/forms';
import { methodErrors, methodFields, methodFromForm } from './method-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({ methods: await adminApi(event).shipping.list() });

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
	create: adminAction(
		(request) => readMethod(request, shippingMethodInput, methodFields),
		(api, data) => api.shipping.create(data),
		(saved) => ({ created: saved.name })
	),
	update: adminAction(
		(request) => readMethod(request, shippingMethodUpdateInput, [...methodFields, 'id']),
		(api, data) => api.shipping.update(data),
		(saved) => ({ updated: saved.id })
	)
};
