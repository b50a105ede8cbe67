import { error } from '@sveltejs/kit';
import { config } from '$server/config';
import { getDatabase } from '$server/db/client';
import { payments } from '$server/services/payments';
import { receiveStripeWebhook } from '$server/services/payments/stripe';
import type { RequestHandler } from './$types';

/** Stripe's webhook: the only way an order becomes paid when Stripe takes the payments. */
export const POST: RequestHandler = async ({ request }) => {
	const { stripe } = payments();
	const secret = config.stripe?.webhookSecret;
	if (!stripe || !secret) error(404, 'Stripe is not configured on this shop.');
	return receiveStripeWebhook((await getDatabase()).db, stripe, secret, request);
};
