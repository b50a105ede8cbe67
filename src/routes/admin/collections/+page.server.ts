import { adminAction, adminApi } from '$lib/server/admin';
import { collectionDeleteInput, collectionInput, collectionMoveInput, collectionUpdateInput } from '$lib/shared/admin';
import { parsing } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const fields = ['title', 'slug', 'description'] as const;

export const load: PageServerLoad = async (event) => ({ collections: await adminApi(event).collections.list() });

// A refusal comes back with the fields it was sent, which tell the page which form it belongs to.
export const actions: Actions = {
	create: adminAction(parsing(collectionInput, fields), (api, data) => api.collections.create(data), (saved) => ({ created: saved.title })),
	update: adminAction(parsing(collectionUpdateInput, [...fields, 'id']), (api, data) => api.collections.update(data), (saved) => ({ updated: saved.id })),
	move: adminAction(
		parsing(collectionMoveInput, ['id', 'direction']),
		(api, data) => api.collections.move(data),
		(_, data) => ({ moved: data.id, direction: data.direction })
	),
	delete: adminAction(
		parsing(collectionDeleteInput, ['id', 'moveTo']),
		(api, data) => api.collections.delete(data),
		(deleted) => ({ deleted: deleted.title, movedProducts: deleted.moved })
	)
};
