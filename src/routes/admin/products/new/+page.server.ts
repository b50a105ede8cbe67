import { redirect } from '@sveltejs/kit';
import { adminApi } from '$lib/server/admin';
import { productCreateInput } from '$lib/shared/catalog-admin';
import { fieldErrors } from '$lib/shared/zod';
import { formAction, formFail, readForm } from '$lib/server/forms';
import { formErrors, productFormFields, productFromForm } from '../product-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({ collections: await adminApi(event).products.collectionChoices() });

export const actions: Actions = {
	default: async (event) => {
		const api = adminApi(event);
		const form = await readForm(event.request, [...productFormFields, 'inventory']);
		if (form.unexpected) return formFail(400, { form: `Unexpected field: ${form.unexpected.join(', ')}` });
		const parsed = productCreateInput.safeParse(productFromForm(form.values));
		if (!parsed.success) return formFail(400, formErrors(fieldErrors(parsed.error)), form.values);
		const saved = await formAction(api.products.create(parsed.data), form.values);
		if (saved.failure) return saved.failure;
		redirect(303, `/admin/products/${saved.result.id}?created`);
	}
};
