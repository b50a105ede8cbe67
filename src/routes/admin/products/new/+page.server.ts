import { redirect } from '@sveltejs/kit';
import { getDatabase } from '$server/db/client';
import { collectionChoices, createProduct } from '$server/services/admin/catalog';
import { productCreateInput } from '$lib/shared/catalog-admin';
import { fieldErrors } from '$lib/shared/zod';
import { formAction, formFail, readForm } from '$lib/server/forms';
import { adminActor } from '../../admin-guard.server';
import { formErrors, productFormFields, productFromForm } from '../product-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent }) => {
	await parent();
	return { collections: await collectionChoices((await getDatabase()).db) };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = adminActor(event);
		const form = await readForm(event.request, [...productFormFields, 'inventory']);
		if (form.unexpected) return formFail(400, { form: `Unexpected field: ${form.unexpected.join(', ')}` });
		const parsed = productCreateInput.safeParse(productFromForm(form.values));
		if (!parsed.success) return formFail(400, formErrors(fieldErrors(parsed.error)), form.values);
		const saved = await formAction(createProduct((await getDatabase()).db, actor, parsed.data), form.values);
		if (saved.failure) return saved.failure;
		redirect(303, `/admin/products/${saved.result.id}?created`);
	}
};
