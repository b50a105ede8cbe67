import { error } from '@sveltejs/kit';
import { adminAction, adminApi } from '$lib/server/admin';
import { orErrorPage } from '$lib/server/errors';
import { adminTransitionInput, orderNumberInput } from '$lib/shared/orders';
import { parsing } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const unknownOrder = 'There is no order with that number.';

export const load: PageServerLoad = async (event) => {
	const api = adminApi(event);
	const number = /^\d+$/.test(event.params.number) ? orderNumberInput.safeParse({ number: event.params.number }) : null;
	if (!number?.success) error(404, unknownOrder);
	const order = await orErrorPage(api.orders.byNumber(number.data), { NOT_FOUND: unknownOrder });
	return { order, emails: await api.emails.forOrder({ orderId: order.id }) };
};

export const actions: Actions = {
	// The buttons post `to`; a move the order no longer allows comes back as a 409 with the reason.
	// Carrier and tracking number go with "Mark as shipped" only; with another move they are refused (400).
	move: adminAction(
		parsing(adminTransitionInput, ['orderId', 'to', 'reason', 'carrier', 'trackingNumber']),
		(api, data) => api.orders.move(data),
		(moved) => ({ moved: moved.status })
	)
};
