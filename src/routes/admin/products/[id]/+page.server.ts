import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { adminApi } from '$lib/server/admin';
import { orErrorPage } from '$lib/server/errors';
import { productImageAddInput, productImageRemoveInput, productUpdateInput, stockAdjustInput } from '$lib/shared/catalog-admin';
import { fieldErrors } from '$lib/shared/zod';
import { formAction, formFail, parseForm, readForm } from '$lib/server/forms';
import { formErrors, productFormFields, productFormValues, productFromForm } from '../product-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const api = adminApi(event);
	if (!z.uuid().safeParse(event.params.id).success) error(404, 'No such product');
	const product = await orErrorPage(api.products.get({ id: event.params.id }), { NOT_FOUND: 'No such product' });
	const [collections, history, watchers] = await Promise.all([
		api.products.collectionChoices(),
		api.audit.list({ entityType: 'product', entityId: product.id, limit: 10 }),
		api.products.watchers({ id: product.id })
	]);
	return { product, values: productFormValues(product), collections, history: history.items, watchers: watchers.count };
};

export const actions: Actions = {
	update: async (event) => {
		const api = adminApi(event);
		const form = await readForm(event.request, [...productFormFields, 'id', 'editToken']);
		if (form.unexpected) return formFail(400, { form: `Unexpected field: ${form.unexpected.join(', ')}` });
		const parsed = productUpdateInput.safeParse(productFromForm(form.values));
		if (!parsed.success) return formFail(400, formErrors(fieldErrors(parsed.error)), form.values);
		const saved = await formAction(api.products.update(parsed.data), form.values);
		if (saved.failure) return saved.failure;
		return { saved: 'Saved.' };
	},
	stock: async (event) => {
		const api = adminApi(event);
		const form = await readForm(event.request, ['id', 'change', 'reason', 'note']);
		if (form.unexpected) return formFail(400, { form: `Unexpected field: ${form.unexpected.join(', ')}` });
		const change = form.values.change?.trim() ? Number(form.values.change) : Number.NaN;
		const parsed = stockAdjustInput.safeParse({ ...form.values, change });
		if (!parsed.success) return formFail(400, fieldErrors(parsed.error), form.values);
		const saved = await formAction(api.products.adjustStock(parsed.data), form.values);
		if (saved.failure) return saved.failure;
		return { stock: `Stock is now ${saved.result.inventory}.` };
	},
	archive: async (event) => {
		const api = adminApi(event);
		const form = await parseForm(event.request, z.strictObject({ id: z.uuid(), archived: z.enum(['true', 'false']) }), ['id', 'archived']);
		if (form.failure) return form.failure;
		const saved = await formAction(api.products.archive({ id: form.data.id, archived: form.data.archived === 'true' }));
		if (saved.failure) return saved.failure;
		return { archived: saved.result.archived };
	},
	addImage: async (event) => {
		const api = adminApi(event);
		const data = await event.request.formData();
		const unexpected = [...data.keys()].filter((key) => !['id', 'image', 'alt'].includes(key));
		if (unexpected.length) return formFail(400, { form: `Unexpected field: ${unexpected.join(', ')}` });
		const parsed = productImageAddInput.safeParse({ id: data.get('id'), file: data.get('image'), alt: String(data.get('alt') ?? '') });
		if (!parsed.success) return formFail(400, { image: 'Choose an image file.' });
		const saved = await formAction(api.products.addImage(parsed.data));
		if (saved.failure) return saved.failure;
		return { image: 'Image added.' };
	},
	removeImage: async (event) => {
		const api = adminApi(event);
		const form = await parseForm(event.request, productImageRemoveInput, ['id', 'src']);
		if (form.failure) return form.failure;
		const saved = await formAction(api.products.removeImage(form.data));
		if (saved.failure) return saved.failure;
		return { image: 'Image removed.' };
	}
};
