import { and, eq, isNull, sql } from 'drizzle-orm';
import type { OrderLine, OrderView, PaymentSession, ShortLine } from '../../src/lib/shared/orders';
import { config } from '../config';
import { rowsOf, type Db } from '../db/client';
import { orders, type Order } from '../db/schema';
import { AppError, databaseError, isDuplicateKey } from './errors';
import { getOrder, orderView } from './orders';
import { applyPaymentEvent } from './payments/events';
import type { PaymentProvider } from './payments/provider';
import { testCardEvent } from './payments/test-provider';

async function orderByKey(db: Db, userId: string, idempotencyKey: string): Promise<OrderView | null> {
	const [order] = await db.select({ id: orders.id, userId: orders.userId }).from(orders).where(eq(orders.idempotencyKey, idempotencyKey));
	if (!order) return null;
	if (order.userId !== userId) throw new AppError('CONFLICT', 'This idempotency key has been used for another order.');
	return getOrder(db, userId, order.id);
}

type Placement =
	| { outcome: 'existing'; orderId: string }
	| { outcome: 'placed'; orderId: string; order: Record<string, string | number | null>; items: OrderLine[] };

/** The order row as `to_jsonb` spells it, in the schema's shape. */
function orderFromJson(row: Record<string, string | number | null>): Order {
	const date = (key: string) => (row[key] === null ? null : new Date(row[key] as string));
	return {
		id: row.id as string,
		number: row.number as number,
		userId: row.user_id as string,
		status: row.status as Order['status'],
		currency: row.currency as string,
		subtotalMinor: row.subtotal_minor as number,
		shippingMinor: row.shipping_minor as number,
		totalMinor: row.total_minor as number,
		shippingAddress: null,
		shippingMethod: null,
		idempotencyKey: row.idempotency_key as string,
		paymentProvider: row.payment_provider as string | null,
		paymentReference: null,
		placedAt: date('placed_at')!,
		expiresAt: date('expires_at'),
		paidAt: null,
		paymentError: null,
		updatedAt: date('updated_at')!
	};
}

// What `place_order` (drizzle/0003) raises, as answers a shopper can act on.
const refusals: Record<string, (detail: string) => AppError> = {
	ST001: (detail) => {
		const short = JSON.parse(detail) as ShortLine[];
		const names = short.map((l) => (l.available ? `${l.title} (only ${l.available} left)` : `${l.title} (sold out)`)).join(', ');
		return new AppError('CONFLICT', `Not enough stock for: ${names}.`, { shortLines: short });
	},
	ST002: () => new AppError('NOT_FOUND', 'No such cart. It may have been checked out already.'),
	ST003: () => new AppError('BAD_REQUEST', 'Your cart is empty.'),
	ST004: () => new AppError('BAD_REQUEST', 'Your cart mixes currencies; check out one currency at a time.'),
	ST005: () => new AppError('CONFLICT', 'This idempotency key has been used for another order.')
};

/**
 * Turns the caller's cart into an order awaiting payment, atomically (see `place_order` in
 * drizzle/0003): stock taken line by line with conditional UPDATEs, prices and totals from
 * the database, the order and its price snapshot written, the cart deleted and
 * `order_created` queued. A line that cannot be filled undoes it all and answers CONFLICT
 * with every short line. The same key, even sent concurrently, returns the first order.
 */
export async function startCheckout(
	db: Db,
	userId: string,
	input: { cartId: string; idempotencyKey: string },
	payments: Pick<PaymentProvider, 'name'>
): Promise<OrderView> {
	const expiresAt = new Date(Date.now() + config.orderHoldMinutes * 60_000);
	let placement: Placement;
	try {
		const [row] = await rowsOf<{ placement: Placement | string }>(
			db,
			sql`select place_order(${userId}, ${input.cartId}, ${input.idempotencyKey}, ${payments.name}, ${expiresAt.toISOString()}) as placement`
		);
		placement = typeof row!.placement === 'string' ? (JSON.parse(row!.placement) as Placement) : row!.placement;
	} catch (error) {
		const refused = databaseError(error);
		const refusal = refused && refusals[refused.code];
		if (refusal) throw refusal(refused.detail ?? '');
		// The same key from two people at the same moment: the first order stands.
		if (!isDuplicateKey(error, 'orders_idempotency_key')) throw error;
		const again = await orderByKey(db, userId, input.idempotencyKey);
		if (!again) throw error;
		return again;
	}
	if (placement.outcome === 'existing') return getOrder(db, userId, placement.orderId);
	return orderView(orderFromJson(placement.order), [...placement.items].sort((a, b) => a.title.localeCompare(b.title)));
}

async function payableOrder(db: Db, userId: string, orderId: string): Promise<Order> {
	const [order] = await db.select().from(orders).where(and(eq(orders.id, orderId), eq(orders.userId, userId)));
	if (!order) throw new AppError('NOT_FOUND', 'No such order');
	if (order.status !== 'pending_payment') throw new AppError('CONFLICT', 'This order is not awaiting payment.');
	return order;
}

/** Starts (or picks up again) the payment of one of the caller's unpaid orders. */
async function preparePayment(db: Db, payments: PaymentProvider, order: Order) {
	const { reference, session } = await payments.prepare(order);
	if (reference !== order.paymentReference) {
		await db
			.update(orders)
			.set({ paymentReference: reference, paymentProvider: payments.name, updatedAt: new Date() })
			.where(and(eq(orders.id, order.id), isNull(orders.paymentReference)));
	}
	return { reference, session };
}

/** What the pay step of one of the caller's unpaid orders needs. */
export async function paymentSession(db: Db, payments: PaymentProvider, userId: string, orderId: string): Promise<PaymentSession> {
	const order = await payableOrder(db, userId, orderId);
	return (await preparePayment(db, payments, order)).session;
}

/**
 * The test provider's card form: the success card pays the order and any other card is
 * declined, through the same state machine (and event log) as a Stripe webhook.
 */
export async function payWithTestCard(
	db: Db,
	payments: PaymentProvider,
	userId: string,
	input: { orderId: string; cardNumber: string }
): Promise<OrderView> {
	if (payments.name !== 'test') throw new AppError('BAD_REQUEST', 'This shop takes real payments; test cards are off.');
	const order = await payableOrder(db, userId, input.orderId);
	const { reference } = await preparePayment(db, payments, order);
	await applyPaymentEvent(db, testCardEvent(input.cardNumber, { ...order, paymentReference: reference }));
	return getOrder(db, userId, order.id);
}
