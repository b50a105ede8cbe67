import { error } from '@sveltejs/kit';
import { adminApi } from '$lib/server/admin';
import { orErrorPage } from '$lib/server/errors';
import { adminReviewsListInput, reviewIdInput } from '$lib/shared/admin';
import { formAction, parseForm } from '$lib/server/forms';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const api = adminApi(event);
	const input = adminReviewsListInput.safeParse({ cursor: event.url.searchParams.get('after') || undefined });
	if (!input.success) error(400, 'That page link is not valid; start from the first page.');
	const page = await orErrorPage(api.reviews.list(input.data), { BAD_REQUEST: 'That page link is no longer valid; start from the first page.' });
	return { page, paged: Boolean(input.data.cursor) };
};

/** One action per button; each names the review it acted on, so the page can say so beside it. */
function moderate(done: 'hidden' | 'shown' | 'deleted', move: 'hide' | 'show' | 'delete') {
	return async (event: RequestEvent) => {
		const api = adminApi(event);
		const form = await parseForm(event.request, reviewIdInput, ['id']);
		if (form.failure) return form.failure;
		const result = await formAction<unknown>(api.reviews[move](form.data), form.values);
		if (result.failure) return result.failure;
		return { done, id: form.data.id };
	};
}

export const actions: Actions = {
	hide: moderate('hidden', 'hide'),
	show: moderate('shown', 'show'),
	delete: moderate('deleted', 'delete')
};
