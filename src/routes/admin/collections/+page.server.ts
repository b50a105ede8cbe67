import { adminApi } from '$lib/server/admin';
import { collectionDeleteInput, collectionInput, collectionMoveInput, collectionUpdateInput } from '$lib/shared/admin';
import { formAction, parseForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const fields = ['title', 'slug', 'description'] as const;

export const load: PageServerLoad = async (event) => ({ collections: await adminApi(event).collections.list() });

// A refusal comes back with the fields it was sent, which tell the page which form it belongs to.
export const actions: Actions = {
	create: async (event) => {
		const api = adminApi(event);
		const form = await parseForm(event.request, collectionInput, fields);
		if (form.failure) return form.failure;
		const saved = await formAction(api.collections.create(form.data), form.values);
		if (saved.failure) return saved.failure;
		return { created: saved.result.title };
	},
	update: async (event) => {
		const api = adminApi(event);
		const form = await parseForm(event.request, collectionUpdateInput, [...fields, 'id']);
		if (form.failure) return form.failure;
		const saved = await formAction(api.collections.update(form.data), form.values);
		if (saved.failure) return saved.failure;
		return { updated: saved.result.id };
	},
	move: async (event) => {
		const api = adminApi(event);
		const form = await parseForm(event.request, collectionMoveInput, ['id', 'direction']);
		if (form.failure) return form.failure;
		const moved = await formAction(api.collections.move(form.data), form.values);
		if (moved.failure) return moved.failure;
		return { moved: form.data.id, direction: form.data.direction };
	},
	delete: async (event) => {
		const api = adminApi(event);
		const form = await parseForm(event.request, collectionDeleteInput, ['id', 'moveTo']);
		if (form.failure) return form.failure;
		const deleted = await formAction(api.collections.delete(form.data), form.values);
		if (deleted.failure) return deleted.failure;
		return { deleted: deleted.result.title, movedProducts: deleted.result.moved };
	}
};
