import { error } from '@sveltejs/kit';
import { getDatabase, type Db } from '$server/db/client';
import { adminDeleteReview, adminListReviews, hideReview, showReview } from '$server/services/admin/reviews';
import type { Actor } from '$server/services/audit';
import { AppError } from '$server/services/errors';
import { adminReviewsListInput, reviewIdInput } from '$lib/shared/admin';
import { formAction, parseForm } from '$lib/server/forms';
import { adminActor } from '../admin-guard.server';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ parent, url }) => {
	await parent();
	const input = adminReviewsListInput.safeParse({ cursor: url.searchParams.get('after') || undefined });
	if (!input.success) error(400, 'That page link is not valid; start from the first page.');
	try {
		return { page: await adminListReviews((await getDatabase()).db, input.data), paged: Boolean(input.data.cursor) };
	} catch (e) {
		if (e instanceof AppError && e.code === 'BAD_REQUEST') error(400, 'That page link is no longer valid; start from the first page.');
		throw e;
	}
};

type Moderation = (db: Db, actor: Actor, id: string) => Promise<unknown>;

/** One action per button; each names the review it acted on, so the page can say so beside it. */
function moderate(done: 'hidden' | 'shown' | 'deleted', work: Moderation) {
	return async (event: RequestEvent) => {
		const actor = adminActor(event);
		const form = await parseForm(event.request, reviewIdInput, ['id']);
		if (form.failure) return form.failure;
		const result = await formAction(work((await getDatabase()).db, actor, form.data.id), form.values);
		if (result.failure) return result.failure;
		return { done, id: form.data.id };
	};
}

export const actions: Actions = {
	hide: moderate('hidden', hideReview),
	show: moderate('shown', showReview),
	delete: moderate('deleted', adminDeleteReview)
};
