import { error } from '@sveltejs/kit';
import { getDatabase } from '$server/db/client';
import { AppError } from '$server/services/errors';
import { emailsForOrder } from '$server/services/email/outbox';
import { adminGetOrder, adminMoveOrder } from '$server/services/admin/orders';
import { payments } from '$server/services/payments';
import { adminTransitionInput, orderNumberInput } from '$lib/shared/orders';
import { formAction, parseForm } from '$lib/server/forms';
import { adminActor } from '../../admin-guard.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, params }) => {
	await parent();
	const number = /^\d+$/.test(params.number) ? orderNumberInput.safeParse({ number: params.number }) : null;
	if (!number?.success) error(404, 'There is no order with that number.');
	try {
		const { db } = await getDatabase();
		const order = await adminGetOrder(db, number.data.number);
		return { order, emails: await emailsForOrder(db, order.id) };
	} catch (e) {
		if (e instanceof AppError && e.code === 'NOT_FOUND') error(404, 'There is no order with that number.');
		throw e;
	}
};

export const actions: Actions = {
	// The buttons post `to`; a move the order no longer allows comes back as a 409 with the reason.
	move: async (event) => {
		const actor = adminActor(event);
		const form = await parseForm(event.request, adminTransitionInput, ['orderId', 'to', 'reason']);
		if (form.failure) return form.failure;
		const moved = await formAction(adminMoveOrder((await getDatabase()).db, payments().provider, actor, form.data), form.values);
		if (moved.failure) return moved.failure;
		return { moved: moved.result.status };
	}
};
