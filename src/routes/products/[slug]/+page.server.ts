import { getDatabase } from '$server/db/client';
import { getProduct } from '$server/services/catalog';
import { createReview, deleteReview, getOwnReview, updateReview } from '$server/services/reviews';
import { reviewForm } from '$lib/shared/reviews';
import { orErrorPage } from '$lib/server/errors';
import { formAction, formFail, parseForm, requireUser } from '$lib/server/forms';
import type { Actions } from './$types';

export const actions: Actions = {
	review: async (event) => {
		const user = requireUser(event);
		const form = await parseForm(event.request, reviewForm, ['rating', 'body']);
		if (form.failure) return form.failure;
		const { db } = await getDatabase();
		const product = await orErrorPage(getProduct(db, { slug: event.params.slug }));
		const own = await getOwnReview(db, user.id, product.id);
		const saved = await formAction(
			own
				? updateReview(db, user.id, { id: own.id, ...form.data })
				: createReview(db, user.id, { productId: product.id, ...form.data }),
			form.values
		);
		return saved.failure ?? { reviewSaved: true };
	},
	deleteReview: async (event) => {
		const user = requireUser(event);
		const { db } = await getDatabase();
		const product = await orErrorPage(getProduct(db, { slug: event.params.slug }));
		const own = await getOwnReview(db, user.id, product.id);
		if (!own) return formFail(404, { form: 'You have no review of this product.' });
		await deleteReview(db, user.id, own.id);
		return { reviewDeleted: true };
	}
};
