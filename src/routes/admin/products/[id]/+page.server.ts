import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { adminApi } from '$lib/server/admin';
import { orErrorPage } from '$lib/server/errors';
import { productImageAddInput, productImageRemoveInput, productUpdateInput, stockAdjustInput, stockCountInput } from '$lib/shared/catalog-admin';
import { variantsSaveInput } from '$lib/shared/variants';
import { fieldErrors } from '$lib/shared/zod';
import { formAction, formFail, parseForm, readForm, type FormFailure } from '$lib/server/forms';
import { formErrors, productFormFields, productFormValues, productFromForm } from '../product-form';
import { countErrors, countFromForm } from './stock-count';
import { applyIntent, draftErrors, gridOf, saveInputOf, type Draft } from './variant-draft';
import { readDraft } from './variant-post';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const api = adminApi(event);
	if (!z.uuid().safeParse(event.params.id).success) error(404, 'No such product');
	const product = await orErrorPage(api.products.get({ id: event.params.id }), { NOT_FOUND: 'No such product' });
	const [variants, collections, history, watchers] = await Promise.all([
		api.products.variants({ id: product.id }),
		api.products.collectionChoices(),
		api.audit.list({ entityType: 'product', entityId: product.id, limit: 10 }),
		api.products.watchers({ id: product.id })
	]);
	return { product, variants, values: productFormValues(product), collections, history: history.items, watchers: watchers.count };
};

/** A refused options-and-variants form: what it had open goes back, with the token it was opened with. */
type VariantsRefusal = FormFailure & { variantsDraft: { draft: Draft; editToken: string } };

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
		const form = await readForm(event.request, ['id', 'variantId', 'change', 'reason', 'note']);
		if (form.unexpected) return formFail(400, { form: `Unexpected field: ${form.unexpected.join(', ')}` });
		const change = form.values.change?.trim() ? Number(form.values.change) : Number.NaN;
		const parsed = stockAdjustInput.safeParse({ ...form.values, change });
		if (!parsed.success) return formFail(400, fieldErrors(parsed.error), form.values);
		const saved = await formAction(api.products.adjustStock(parsed.data), form.values);
		if (saved.failure) return saved.failure;
		const total = saved.result.inventory;
		return { stock: parsed.data.variantId ? `Saved. The product’s stock over all its variants is now ${total}.` : `Stock is now ${total}.` };
	},
	count: async (event) => {
		const api = adminApi(event);
		const data = await event.request.formData();
		const input = countFromForm(data);
		if (input.unexpected) return formFail(400, { form: `Unexpected field: ${input.unexpected.join(', ')}` });
		const { values } = input;
		const parsed = stockCountInput.safeParse(input.input);
		if (!parsed.success) return formFail(400, countErrors(parsed.error, input.input), values);
		const saved = await formAction(api.products.countStock(parsed.data), values);
		if (saved.failure) return saved.failure;
		const { changed, product } = saved.result;
		return { counted: `Saved ${changed} ${changed === 1 ? 'count' : 'counts'}. Stock is now ${product.inventory}.` };
	},
	/** Saves the options and variants; without JavaScript, the form's other buttons come here too and get the edited draft back. */
	variants: async (event) => {
		const api = adminApi(event);
		if (!z.uuid().safeParse(event.params.id).success) error(404, 'No such product');
		const id = event.params.id;
		const [product, saved] = await Promise.all([
			orErrorPage(api.products.get({ id }), { NOT_FOUND: 'No such product' }),
			api.products.variants({ id })
		]);
		const post = readDraft(await event.request.formData(), saved, product.slug);
		if (post.unexpected) return formFail(400, { form: `Unexpected field: ${post.unexpected.join(', ')}` });
		const { draft, intent, editToken } = post;
		const refuse = (status: number, errors: Record<string, string>) =>
			fail(status, { errors, values: {}, variantsDraft: { draft, editToken } } satisfies VariantsRefusal as VariantsRefusal);
		if (intent !== 'save') {
			applyIntent(draft, intent);
			return { variantsDraft: { draft, editToken } satisfies { draft: Draft; editToken: string } };
		}
		const grid = gridOf(draft, saved, product.slug);
		const parsed = variantsSaveInput.safeParse(saveInputOf(grid, draft, id, editToken));
		if (!parsed.success) return refuse(400, draftErrors(parsed.error, draft, grid));
		const done = await formAction(api.products.saveVariants(parsed.data));
		if (done.failure) {
			const { status, data } = done.failure;
			const [[field, message] = ['form', '']] = Object.entries(data.errors);
			// The service names a row by its place in the grid (variants.3.sku); the form names it by its key.
			const row = /^variants\.(\d+)\.sku$/.exec(field);
			if (row) return refuse(status, { [`sku.${grid.rows[Number(row[1])]?.key}`]: message });
			// A conflict of the whole form is another admin's save: the form offers a reload.
			return refuse(status, status === 409 && field === 'form' ? { stale: message } : data.errors);
		}
		const n = done.result.variants.length;
		return { variantsSaved: `Saved. The product sells ${n === 1 ? 'one variant' : `${n} variants`}.` };
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
