import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { getDatabase } from '$server/db/client';
import {
	addProductImage,
	adjustStock,
	adminGetProduct,
	collectionChoices,
	removeProductImage,
	setArchived,
	updateProduct
} from '$server/services/admin/catalog';
import { listAudit } from '$server/services/audit';
import { AppError } from '$server/services/errors';
import { productImageRemoveInput, productUpdateInput, stockAdjustInput } from '$lib/shared/catalog-admin';
import { fieldErrors } from '$lib/shared/zod';
import { formAction, formFail, parseForm, readForm } from '$lib/server/forms';
import { adminActor } from '../../admin-guard.server';
import { formErrors, productFormFields, productFormValues, productFromForm } from '../product-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, params }) => {
	await parent();
	if (!z.uuid().safeParse(params.id).success) error(404, 'No such product');
	const { db } = await getDatabase();
	try {
		const product = await adminGetProduct(db, params.id);
		const [collections, history] = await Promise.all([collectionChoices(db), listAudit(db, { entityType: 'product', entityId: product.id, limit: 10 })]);
		return { product, values: productFormValues(product), collections, history: history.items };
	} catch (e) {
		if (e instanceof AppError && e.code === 'NOT_FOUND') error(404, 'No such product');
		throw e;
	}
};

const db = async () => (await getDatabase()).db;

export const actions: Actions = {
	update: async (event) => {
		const actor = adminActor(event);
		const form = await readForm(event.request, [...productFormFields, 'id', 'editToken']);
		if (form.unexpected) return formFail(400, { form: `Unexpected field: ${form.unexpected.join(', ')}` });
		const parsed = productUpdateInput.safeParse(productFromForm(form.values));
		if (!parsed.success) return formFail(400, formErrors(fieldErrors(parsed.error)), form.values);
		const saved = await formAction(updateProduct(await db(), actor, parsed.data), form.values);
		if (saved.failure) return saved.failure;
		return { saved: 'Saved.' };
	},
	stock: async (event) => {
		const actor = adminActor(event);
		const form = await readForm(event.request, ['id', 'change', 'reason', 'note']);
		if (form.unexpected) return formFail(400, { form: `Unexpected field: ${form.unexpected.join(', ')}` });
		const change = form.values.change?.trim() ? Number(form.values.change) : Number.NaN;
		const parsed = stockAdjustInput.safeParse({ ...form.values, change });
		if (!parsed.success) return formFail(400, fieldErrors(parsed.error), form.values);
		const saved = await formAction(adjustStock(await db(), actor, parsed.data), form.values);
		if (saved.failure) return saved.failure;
		return { stock: `Stock is now ${saved.result.inventory}.` };
	},
	archive: async (event) => {
		const actor = adminActor(event);
		const form = await parseForm(event.request, z.strictObject({ id: z.uuid(), archived: z.enum(['true', 'false']) }), ['id', 'archived']);
		if (form.failure) return form.failure;
		const saved = await formAction(setArchived(await db(), actor, { id: form.data.id, archived: form.data.archived === 'true' }));
		if (saved.failure) return saved.failure;
		return { archived: saved.result.archived };
	},
	addImage: async (event) => {
		const actor = adminActor(event);
		const data = await event.request.formData();
		const unexpected = [...data.keys()].filter((key) => !['id', 'image', 'alt'].includes(key));
		if (unexpected.length) return formFail(400, { form: `Unexpected field: ${unexpected.join(', ')}` });
		const file = data.get('image');
		const id = z.uuid().safeParse(data.get('id'));
		if (!(file instanceof File) || !id.success) return formFail(400, { image: 'Choose an image file.' });
		const saved = await formAction(addProductImage(await db(), actor, { id: id.data, file, alt: String(data.get('alt') ?? '') }));
		if (saved.failure) return saved.failure;
		return { image: 'Image added.' };
	},
	removeImage: async (event) => {
		const actor = adminActor(event);
		const form = await parseForm(event.request, productImageRemoveInput, ['id', 'src']);
		if (form.failure) return form.failure;
		const saved = await formAction(removeProductImage(await db(), actor, form.data));
		if (saved.failure) return saved.failure;
		return { image: 'Image removed.' };
	}
};
