import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../auth/session';
import { orders, outboxEvents, paymentEvents } from '../../db/schema';
import { TEST_ADDRESS } from '../../testing/shop-fixtures';
import { startStripeStandIn, type StandInIntent } from '../../testing/stripe-stand-in';
import { paymentSession, startCheckout } from '../checkout';
import { reapExpiredOrders } from '../expiry';
import { adminMoveOrder } from '../admin/orders';
import { getOrder } from '../orders';
import { stripeClient } from './index';
import type { PaymentProvider } from './provider';
import { receiveStripeWebhook, stripeProvider } from './stripe';
import { useSeededShop } from '../../testing/seeded-shop';

const WEBHOOK_SECRET = 'whsec_test_secret';

const shop = useSeededShop();
let standIn: Awaited<ReturnType<typeof startStripeStandIn>>;
let stripe: Stripe;
let provider: PaymentProvider;
let shopper: SessionUser;

beforeAll(async () => {
	[shopper] = await shop.fixtures.makeUsers(1);
	standIn = await startStripeStandIn();
	stripe = stripeClient('sk_test_stand_in', standIn.url);
	provider = stripeProvider(stripe, 'pk_test_stand_in');
});
afterAll(async () => {
	await standIn?.close();
});

/** An order of `quantity` units of a new product at 1,999, with its PaymentIntent created. */
async function orderWithIntent(quantity = 2) {
	const product = await shop.fixtures.makeProduct(10, 1999);
	const cartId = await shop.fixtures.cartOf(shopper, [{ productId: product, quantity }]);
	const shippingMethodId = await shop.fixtures.methodId('Standard');
	const order = await startCheckout(shop.db, shopper.id, { cartId, idempotencyKey: `key-${randomUUID()}`, shippingMethodId, address: TEST_ADDRESS, saveAddress: false }, provider);
	const session = await paymentSession(shop.db, provider, shopper.id, order.id);
	const [row] = await shop.db.select().from(orders).where(eq(orders.id, order.id));
	return { order, product, session, intentId: row!.paymentReference! };
}

function webhookEvent(type: string, intent: StandInIntent, extra: Partial<StandInIntent> = {}) {
	return JSON.stringify({
		id: `evt_${randomUUID().replaceAll('-', '')}`,
		object: 'event',
		type,
		created: Math.floor(Date.now() / 1000),
		data: { object: { ...intent, ...extra } }
	});
}

function deliver(payload: string, signature = stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET })) {
	const request = new Request('http://store.test/api/stripe/webhook', {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'stripe-signature': signature },
		body: payload
	});
	return receiveStripeWebhook(shop.db, stripe, WEBHOOK_SECRET, request);
}

const statusOf = async (orderId: string) => (await getOrder(shop.db, shopper.id, orderId)).status;
const countOf = async (table: typeof paymentEvents | typeof outboxEvents) => (await shop.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;

describe('Stripe PaymentIntents through the real SDK', () => {
	it('creates one PaymentIntent per order for the server-computed total, with the order id as idempotency key', async () => {
		const { order, session, intentId } = await orderWithIntent(2);
		expect(session).toEqual({ provider: 'stripe', clientSecret: standIn.intents.get(intentId)!.client_secret, publishableKey: 'pk_test_stand_in' });
		const create = standIn.requests.filter((r) => r.method === 'POST' && r.path === '/v1/payment_intents').at(-1)!;
		expect(create.idempotencyKey).toBe(`order-${order.id}`);
		// The server's total: the lines and Standard shipping (under the free threshold).
		expect(order.totalMinor).toBe(2 * 1999 + 495);
		expect(create.form.get('amount')).toBe(String(order.totalMinor));
		expect(create.form.get('currency')).toBe('usd');
		expect(create.form.get('metadata[orderId]')).toBe(order.id);
		expect(create.form.get('automatic_payment_methods[enabled]')).toBe('true');

		// Opening the pay step again finds the same PaymentIntent instead of making another.
		const before = standIn.intents.size;
		expect(await paymentSession(shop.db, provider, shopper.id, order.id)).toEqual(session);
		expect(standIn.intents.size).toBe(before);
	});

	it('gives every order its own PaymentIntent', async () => {
		const refs = [];
		for (let i = 0; i < 3; i++) refs.push((await orderWithIntent(1)).intentId);
		expect(new Set(refs).size).toBe(3);
	});
});

describe('the webhook', () => {
	it('fulfils once from a verified succeeded event delivered three times', async () => {
		const { order, intentId } = await orderWithIntent();
		const payload = webhookEvent('payment_intent.succeeded', standIn.succeed(intentId));
		const responses = await Promise.all([deliver(payload), deliver(payload), deliver(payload)]);
		expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
		const outcomes = await Promise.all(responses.map(async (r) => (await r.json()).outcome));
		expect(outcomes.sort()).toEqual(['duplicate', 'duplicate', 'paid']);
		expect(await statusOf(order.id)).toBe('paid');
		const paidEvents = await shop.db.select().from(outboxEvents).where(eq(outboxEvents.orderId, order.id));
		expect(paidEvents.filter((e) => e.type === 'order_paid')).toHaveLength(1);
		const [row] = await shop.db.select().from(orders).where(eq(orders.id, order.id));
		expect(row!.paymentReference).toBe(intentId);

		// A failure reported after the success changes nothing.
		const failed = webhookEvent('payment_intent.payment_failed', standIn.intents.get(intentId)!, { last_payment_error: { message: 'Declined' } });
		expect(await (await deliver(failed)).json()).toMatchObject({ outcome: 'ignored_paid' });
		expect(await getOrder(shop.db, shopper.id, order.id)).toMatchObject({ status: 'paid', paymentError: null });
	});

	it.each([
		['a forged signature', (payload: string) => deliver(payload, stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_someone_else' }))],
		[
			'a stale timestamp',
			(payload: string) =>
				deliver(payload, stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET, timestamp: Math.floor(Date.now() / 1000) - 301 }))
		],
		[
			'a re-serialised body',
			(payload: string) => deliver(JSON.stringify(JSON.parse(payload), null, 2), stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }))
		],
		['no signature', (payload: string) => deliver(payload, '')]
	])('rejects %s with 400 and changes nothing', async (_name, send) => {
		const { order, intentId } = await orderWithIntent();
		const payload = webhookEvent('payment_intent.succeeded', standIn.succeed(intentId));
		const [events, outbox] = [await countOf(paymentEvents), await countOf(outboxEvents)];
		const response = await send(payload);
		expect(response.status).toBe(400);
		expect(await statusOf(order.id)).toBe('pending_payment');
		expect([await countOf(paymentEvents), await countOf(outboxEvents)]).toEqual([events, outbox]);
		// The genuine delivery still works afterwards.
		expect((await deliver(payload)).status).toBe(200);
		expect(await statusOf(order.id)).toBe('paid');
	});

	it('lets the shopper retry after payment_failed, and says why it failed', async () => {
		const { order, intentId } = await orderWithIntent();
		const intent = standIn.intents.get(intentId)!;
		await deliver(webhookEvent('payment_intent.payment_failed', intent, { last_payment_error: { message: 'Your card has insufficient funds.' } }));
		expect(await getOrder(shop.db, shopper.id, order.id)).toMatchObject({ status: 'pending_payment', paymentError: 'Your card has insufficient funds.' });
		expect(await paymentSession(shop.db, provider, shopper.id, order.id)).toMatchObject({ provider: 'stripe' });
		await deliver(webhookEvent('payment_intent.succeeded', standIn.succeed(intentId)));
		expect(await getOrder(shop.db, shopper.id, order.id)).toMatchObject({ status: 'paid', paymentError: null });
	});

	it('cancels the order and returns its stock on payment_intent.canceled', async () => {
		const { order, product, intentId } = await orderWithIntent(3);
		expect(await shop.fixtures.inventoryOf(product)).toBe(7);
		await deliver(webhookEvent('payment_intent.canceled', { ...standIn.intents.get(intentId)!, status: 'canceled' }));
		expect(await statusOf(order.id)).toBe('cancelled');
		expect(await shop.fixtures.inventoryOf(product)).toBe(10);
	});

	it('acknowledges event types it does not act on', async () => {
		const { intentId } = await orderWithIntent();
		const response = await deliver(webhookEvent('payment_intent.created', standIn.intents.get(intentId)!));
		expect(await response.json()).toEqual({ received: true, ignored: true });
	});

	it.each([
		['an empty data', { id: 'evt_empty', object: 'event', type: 'payment_intent.succeeded', data: {} }],
		['no data at all', { id: 'evt_nodata', object: 'event', type: 'payment_intent.succeeded' }],
		['an intent without amounts', { id: 'evt_noamount', object: 'event', type: 'payment_intent.payment_failed', data: { object: { id: 'pi_x' } } }],
		['a string for an intent', { id: 'evt_string', object: 'event', type: 'payment_intent.canceled', data: { object: 'pi_x' } }],
		['no type', { id: 'evt_notype', object: 'event', data: { object: {} } }],
		['a JSON null', null],
		['a JSON list', []]
	])('acknowledges a signed event with %s and changes nothing, never a 5xx', async (_name, event) => {
		const [events, outbox] = [await countOf(paymentEvents), await countOf(outboxEvents)];
		const response = await deliver(JSON.stringify(event));
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ received: true, ignored: true });
		expect([await countOf(paymentEvents), await countOf(outboxEvents)]).toEqual([events, outbox]);
	});
});

describe('refunds with Stripe', () => {
	it('refunds the order total through Stripe once, keyed by the order, before marking it refunded', async () => {
		const { order, intentId } = await orderWithIntent(1);
		await deliver(webhookEvent('payment_intent.succeeded', standIn.succeed(intentId)));
		const actor = await shop.fixtures.makeAdmin();
		const refunded = await adminMoveOrder(shop.db, provider, actor, { orderId: order.id, to: 'refunded' });
		expect(refunded.status).toBe('refunded');
		const refund = standIn.requests.filter((r) => r.path === '/v1/refunds');
		expect(refund).toHaveLength(1);
		expect(refund[0]!.idempotencyKey).toBe(`refund-${order.id}`);
		expect(refund[0]!.form.get('payment_intent')).toBe(intentId);
		expect(refund[0]!.form.get('amount')).toBe(String(order.totalMinor));
		await expect(adminMoveOrder(shop.db, provider, actor, { orderId: order.id, to: 'refunded' })).rejects.toMatchObject({ code: 'CONFLICT' });
		expect(standIn.refunds.filter((r) => r.payment_intent === intentId)).toHaveLength(1);
	});

	it('leaves the order as it was when Stripe refuses the refund', async () => {
		const { order, intentId } = await orderWithIntent(1);
		await deliver(webhookEvent('payment_intent.succeeded', standIn.succeed(intentId)));
		standIn.intents.get(intentId)!.status = 'canceled';
		await expect(adminMoveOrder(shop.db, provider, await shop.fixtures.makeAdmin(), { orderId: order.id, to: 'refunded' })).rejects.toMatchObject({
			code: 'CONFLICT',
			message: expect.stringMatching(/Stripe refused the refund/)
		});
		expect(await statusOf(order.id)).toBe('paid');
	});
});

describe('expiry with Stripe', () => {
	it('cancels the PaymentIntent of an expired order before returning its stock', async () => {
		const { order, product, intentId } = await orderWithIntent(2);
		await shop.db.update(orders).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(orders.id, order.id));
		expect(await reapExpiredOrders(shop.db, provider)).toBe(1);
		expect(standIn.intents.get(intentId)!.status).toBe('canceled');
		const cancel = standIn.requests.find((r) => r.path === `/v1/payment_intents/${intentId}/cancel`)!;
		expect(cancel.idempotencyKey).toBe(`cancel-${intentId}`);
		expect(await statusOf(order.id)).toBe('cancelled');
		expect(await shop.fixtures.inventoryOf(product)).toBe(10);
	});

	it('keeps an expired order whose customer has just paid, for the webhook to fulfil', async () => {
		const { order, product, intentId } = await orderWithIntent(2);
		standIn.succeed(intentId);
		await shop.db.update(orders).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(orders.id, order.id));
		expect(await reapExpiredOrders(shop.db, provider)).toBe(0);
		expect(await statusOf(order.id)).toBe('pending_payment');
		expect(await shop.fixtures.inventoryOf(product)).toBe(8);
		await deliver(webhookEvent('payment_intent.succeeded', standIn.intents.get(intentId)!));
		expect(await statusOf(order.id)).toBe('paid');
	});
});
