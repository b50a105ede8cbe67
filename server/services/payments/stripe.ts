import Stripe from 'stripe';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { log } from '../../observability/log';
import { AppError } from '../errors';
import { applyPaymentEvent } from './events';
import type { PaymentEvent, PaymentProvider } from './provider';

/** How long a signed webhook stays acceptable, in seconds (Stripe's own default). */
export const WEBHOOK_TOLERANCE_S = 300;

/**
 * Payments through Stripe PaymentIntents; the browser pays with the Payment Element, which
 * needs the account's publishable key.
 */
export function stripeProvider(stripe: Stripe, publishableKey: string): PaymentProvider {
	return {
		name: 'stripe',
		async prepare(order) {
			const intent = order.paymentReference
				? await stripe.paymentIntents.retrieve(order.paymentReference)
				: await stripe.paymentIntents.create(
						{
							amount: order.totalMinor,
							currency: order.currency.toLowerCase(),
							automatic_payment_methods: { enabled: true },
							description: `Order ${order.number}`,
							metadata: { orderId: order.id, orderNumber: String(order.number) }
						},
						// One PaymentIntent per order, however often this is retried.
						{ idempotencyKey: `order-${order.id}` }
					);
			if (!intent.client_secret) throw new Error(`PaymentIntent ${intent.id} has no client secret`);
			return { reference: intent.id, session: { provider: 'stripe', clientSecret: intent.client_secret, publishableKey } };
		},
		async cancel(reference) {
			try {
				await stripe.paymentIntents.cancel(reference, {}, { idempotencyKey: `cancel-${reference}` });
				return 'canceled';
			} catch (error) {
				if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
				// Not cancelable: already canceled (fine), or paid or being paid (too late).
				const intent = await stripe.paymentIntents.retrieve(reference);
				return intent.status === 'canceled' ? 'canceled' : 'too_late';
			}
		},
		async refund(reference, amountMinor, idempotencyKey) {
			try {
				await stripe.refunds.create({ payment_intent: reference, amount: amountMinor }, { idempotencyKey });
			} catch (error) {
				if (error instanceof Stripe.errors.StripeInvalidRequestError) throw new AppError('CONFLICT', `Stripe refused the refund: ${error.message}`);
				throw error;
			}
		}
	};
}

const outcomes: Partial<Record<string, PaymentEvent['type']>> = {
	'payment_intent.succeeded': 'succeeded',
	'payment_intent.payment_failed': 'failed',
	'payment_intent.canceled': 'canceled'
};

/** What the shop reads of a payment event; Stripe sends much more, which is left alone. */
const paymentIntentEvent = z.object({
	id: z.string().min(1),
	data: z.object({
		object: z.object({
			id: z.string().min(1),
			amount: z.int().nonnegative(),
			amount_received: z.int().nonnegative(),
			currency: z.string().length(3),
			last_payment_error: z.object({ message: z.string().optional() }).nullish()
		})
	})
});

/**
 * Verifies a webhook delivery against the raw body it came with and reads the payment
 * event in it: null for event types the shop does not act on, and for a genuine event it
 * cannot read (logged, and answered 200 so Stripe does not send it again). A bad
 * signature, a stale timestamp or a body changed on the way is a 400.
 */
export function readStripeWebhook(stripe: Stripe, body: Buffer, signature: string | null, secret: string): PaymentEvent | null {
	let event: unknown;
	try {
		if (!signature) throw new Error('no signature');
		event = stripe.webhooks.constructEvent(body, signature, secret, WEBHOOK_TOLERANCE_S);
	} catch {
		throw new AppError('BAD_REQUEST', 'The webhook signature does not match.');
	}
	const eventType = (event as { type?: unknown } | null)?.type;
	const type = typeof eventType === 'string' ? outcomes[eventType] : undefined;
	if (!type) return null;
	const parsed = paymentIntentEvent.safeParse(event);
	if (!parsed.success) {
		log.warn({ type: eventType, issues: parsed.error.issues.map((i) => i.path.join('.')) }, 'A signed Stripe event carries no payment intent the shop can read; ignored');
		return null;
	}
	const { id, data } = parsed.data;
	return {
		id,
		provider: 'stripe',
		type,
		reference: data.object.id,
		amountMinor: type === 'succeeded' ? data.object.amount_received : data.object.amount,
		currency: data.object.currency.toUpperCase(),
		message: data.object.last_payment_error?.message ?? undefined
	};
}

/**
 * Answers one webhook delivery: 400 (and nothing written) for a delivery that fails
 * verification, 200 once its event is applied (or recognised as already applied).
 */
export async function receiveStripeWebhook(db: Db, stripe: Stripe, secret: string, request: Request): Promise<Response> {
	const body = Buffer.from(await request.arrayBuffer());
	let event: PaymentEvent | null;
	try {
		event = readStripeWebhook(stripe, body, request.headers.get('stripe-signature'), secret);
	} catch (error) {
		if (!(error instanceof AppError)) throw error;
		return Response.json({ error: error.message }, { status: 400 });
	}
	if (!event) return Response.json({ received: true, ignored: true });
	const { outcome } = await applyPaymentEvent(db, event);
	return Response.json({ received: true, outcome });
}
