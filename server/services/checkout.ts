import { and, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AddressFields } from '../../src/lib/shared/addresses';
import { shortageMessage, type checkoutStartInput, type OrderView, type PaymentSession, type ShortLine } from '../../src/lib/shared/orders';
import { config } from '../config';
import { rowsOf, type Db, type Tx } from '../db/client';
import { orders, type Order } from '../db/schema';
import { addressFieldsOf, getAddress, rememberAddress } from './delivery';
import { AppError, databaseError, isDuplicateKey } from './errors';
import { cancelOwnOrder, getOrder } from './orders';
import { applyPaymentEvent } from './payments/events';
import type { PaymentProvider } from './payments/provider';
import { testCardEvent } from './payments/test-provider';

async function orderByKey(db: Db, userId: string, idempotencyKey: string): Promise<OrderView | null> {
	const [order] = await db.select({ id: orders.id, userId: orders.userId }).from(orders).where(eq(orders.idempotencyKey, idempotencyKey));
	if (!order) return null;
	if (order.userId !== userId) throw new AppError('CONFLICT', 'This idempotency key has been used for another order.');
	return getOrder(db, userId, order.id);
}

/** What `place_order` answers: the order it made, or the one an earlier call with the key made. */
export type Placement = { outcome: 'placed' | 'existing'; orderId: string };

// What `place_order` (drizzle/0004) raises, as answers a shopper can act on.
const refusals: Record<string, (detail: string) => AppError> = {
	ST001: (detail) => {
		const short = JSON.parse(detail) as ShortLine[];
		return new AppError('CONFLICT', shortageMessage(short), { shortLines: short });
	},
	ST002: () => new AppError('NOT_FOUND', 'No such cart. It may have been checked out already.'),
	ST003: () => new AppError('BAD_REQUEST', 'Your cart is empty.'),
	ST004: () => new AppError('BAD_REQUEST', 'Your cart mixes currencies; check out one currency at a time.'),
	ST005: () => new AppError('CONFLICT', 'This idempotency key has been used for another order.'),
	ST006: () => new AppError('BAD_REQUEST', 'That shipping method does not deliver to this address. Choose another.')
};

/**
 * Runs `place_order` (drizzle/0004) in the caller's transaction or on its own: stock taken
 * line by line with conditional UPDATEs, prices, shipping and totals from the database,
 * the order with its price snapshot and a copy of the address written, the cart deleted
 * and `order_created` queued. A line that cannot be filled undoes it all and throws
 * CONFLICT with every short line; the same key returns the order it made before.
 */
export async function placeOrder(
	db: Db | Tx,
	userId: string,
	input: { cartId: string; idempotencyKey: string; shippingMethodId: string; address: AddressFields },
	provider: string
): Promise<Placement> {
	const expiresAt = new Date(Date.now() + config.orderHoldMinutes * 60_000);
	try {
		const [row] = await rowsOf<{ placement: Placement | string }>(
			db,
			sql`select place_order(${userId}, ${input.cartId}, ${input.idempotencyKey}, ${provider}, ${expiresAt.toISOString()},
				${JSON.stringify(input.address)}::jsonb, ${input.shippingMethodId}) as placement`
		);
		return typeof row!.placement === 'string' ? (JSON.parse(row!.placement) as Placement) : row!.placement;
	} catch (error) {
		const refused = databaseError(error);
		const refusal = refused && refusals[refused.code];
		if (refusal) throw refusal(refused.detail ?? '');
		throw error;
	}
}

/** Where to and how: a typed address or the id of one in the caller's book, and a shipping method. */
export type Destination = { shippingMethodId: string; address?: AddressFields; addressId?: string };

/**
 * The one way to an order for both online checkout and an order requested offline: the
 * address typed or one of the caller's saved ones (`UnknownAddress` otherwise), then
 * `placeOrder`, which checks that the method is active and serves that country and prices
 * the shipping.
 */
export async function placeOrderTo(
	db: Db | Tx,
	userId: string,
	input: Destination & { cartId: string; idempotencyKey: string },
	provider: string
): Promise<Placement> {
	const address = input.address ?? addressFieldsOf(await getAddress(db, userId, input.addressId!));
	const { cartId, idempotencyKey, shippingMethodId } = input;
	return placeOrder(db, userId, { cartId, idempotencyKey, shippingMethodId, address }, provider);
}

/**
 * Turns the caller's cart into an order awaiting payment, atomically (`placeOrder`). The
 * same key, even sent concurrently, returns the first order.
 */
export async function startCheckout(
	db: Db,
	userId: string,
	input: z.output<typeof checkoutStartInput>,
	payments: Pick<PaymentProvider, 'name'>
): Promise<OrderView> {
	let placement: Placement;
	try {
		placement = await placeOrderTo(db, userId, input, payments.name);
	} catch (error) {
		// The same key from two people at the same moment: the first order stands.
		if (!isDuplicateKey(error, 'orders_idempotency_key')) throw error;
		const again = await orderByKey(db, userId, input.idempotencyKey);
		if (!again) throw error;
		return again;
	}
	if (placement.outcome === 'placed' && input.saveAddress && input.address) await rememberAddress(db, userId, input.address);
	return getOrder(db, userId, placement.orderId);
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

/**
 * The shopper left the pay step (or changed the cart) without paying: the hold ends at once,
 * the units go back on sale (other tabs hear it) and the lines back into the shopper's cart,
 * all in one transaction. Anything but the caller's own unpaid order is refused and nothing
 * is written, so a second release (a beacon racing a tap) changes nothing.
 */
export function releaseHold(db: Db, userId: string, payments: Pick<PaymentProvider, 'cancel'>, orderId: string): Promise<OrderView> {
	return cancelOwnOrder(db, userId, payments, orderId, { reason: 'checkout_left', backToCart: true });
}
