import { and, asc, eq, gte, isNull, sql } from 'drizzle-orm';
import type { OrderView, PaymentSession, ShortLine } from '../../src/lib/shared/orders';
import { TEST_CARDS } from '../../src/lib/shared/orders';
import { config } from '../config';
import type { Db, Tx } from '../db/client';
import { cartItems, carts, orderHistory, orderItems, orders, products, type Order } from '../db/schema';
import { AppError } from './errors';
import { getOrder, orderView, recordEvent } from './orders';
import { applyPaymentEvent } from './payments/events';
import type { PaymentProvider } from './payments/provider';
import { testCardEvent } from './payments/test-provider';

// Same-key checkouts take turns on this lock (with the key's hash), so a twin finds the order.
const IDEMPOTENCY_LOCK = 4_242_003;

async function cartLinesForCheckout(tx: Tx, cartId: string) {
	// Product order is lock order: two checkouts never wait on each other's rows in a circle.
	return tx
		.select({ productId: cartItems.productId, quantity: cartItems.quantity, title: products.title, currency: products.currency })
		.from(cartItems)
		.innerJoin(products, eq(products.id, cartItems.productId))
		.where(eq(cartItems.cartId, cartId))
		.orderBy(asc(cartItems.productId));
}

/**
 * Takes each line's units with one conditional UPDATE (stock never goes below zero, whatever
 * runs at the same time) and returns the taken lines with their current prices, or the lines
 * that could not be filled with what is left of them.
 */
async function takeStock(tx: Tx, lines: Awaited<ReturnType<typeof cartLinesForCheckout>>) {
	const taken: { productId: string; title: string; unitPriceMinor: number; quantity: number }[] = [];
	const short: ShortLine[] = [];
	for (const line of lines) {
		const [row] = await tx
			.update(products)
			.set({ inventory: sql`${products.inventory} - ${line.quantity}` })
			.where(and(eq(products.id, line.productId), gte(products.inventory, line.quantity), isNull(products.deletedAt)))
			.returning({ title: products.title, priceMinor: products.priceMinor });
		if (row) {
			taken.push({ productId: line.productId, title: row.title, unitPriceMinor: row.priceMinor, quantity: line.quantity });
			continue;
		}
		const [left] = await tx
			.select({ inventory: products.inventory, deletedAt: products.deletedAt })
			.from(products)
			.where(eq(products.id, line.productId));
		short.push({ productId: line.productId, title: line.title, requested: line.quantity, available: left && !left.deletedAt ? left.inventory : 0 });
	}
	return { taken, short };
}

async function orderByKey(tx: Tx, userId: string, idempotencyKey: string): Promise<OrderView | null> {
	const [order] = await tx.select().from(orders).where(eq(orders.idempotencyKey, idempotencyKey));
	if (!order) return null;
	if (order.userId !== userId) throw new AppError('CONFLICT', 'This idempotency key has been used for another order.');
	const items = await tx.select().from(orderItems).where(eq(orderItems.orderId, order.id)).orderBy(asc(orderItems.title));
	return orderView(order, items);
}

/**
 * Turns the caller's cart into an order awaiting payment, in one transaction: stock taken
 * line by line, prices and totals from the database, the order and its price snapshot
 * written, the cart deleted and `order_created` queued. A line that cannot be filled
 * undoes it all and answers CONFLICT with every short line. The same key, even sent
 * concurrently, returns the order it made the first time.
 */
export async function startCheckout(
	db: Db,
	userId: string,
	input: { cartId: string; idempotencyKey: string },
	payments: Pick<PaymentProvider, 'name'>
): Promise<OrderView> {
	return db.transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(${IDEMPOTENCY_LOCK}, hashtext(${input.idempotencyKey}))`);
		const again = await orderByKey(tx, userId, input.idempotencyKey);
		if (again) return again;

		const [cart] = await tx
			.select({ id: carts.id })
			.from(carts)
			.where(and(eq(carts.id, input.cartId), eq(carts.userId, userId)))
			.for('update');
		if (!cart) throw new AppError('NOT_FOUND', 'No such cart. It may have been checked out already.');
		const lines = await cartLinesForCheckout(tx, cart.id);
		if (!lines.length) throw new AppError('BAD_REQUEST', 'Your cart is empty.');
		const currencies = new Set(lines.map((l) => l.currency));
		if (currencies.size > 1) throw new AppError('BAD_REQUEST', 'Your cart mixes currencies; check out one currency at a time.');

		const { taken, short } = await takeStock(tx, lines);
		if (short.length) {
			const names = short.map((l) => (l.available ? `${l.title} (only ${l.available} left)` : `${l.title} (sold out)`)).join(', ');
			throw new AppError('CONFLICT', `Not enough stock for: ${names}.`, { shortLines: short });
		}

		const subtotalMinor = taken.reduce((sum, l) => sum + l.unitPriceMinor * l.quantity, 0);
		const [order] = await tx
			.insert(orders)
			.values({
				userId,
				currency: lines[0]!.currency,
				subtotalMinor,
				shippingMinor: 0,
				totalMinor: subtotalMinor,
				idempotencyKey: input.idempotencyKey,
				paymentProvider: payments.name,
				expiresAt: new Date(Date.now() + config.orderHoldMinutes * 60_000)
			})
			.returning();
		await tx.insert(orderItems).values(taken.map((l) => ({ ...l, orderId: order!.id })));
		await tx.insert(orderHistory).values({ orderId: order!.id, fromStatus: null, toStatus: 'pending_payment', reason: 'placed' });
		await tx.delete(carts).where(eq(carts.id, cart.id));
		await recordEvent(tx, 'order_created', order!, { totalMinor: order!.totalMinor, currency: order!.currency });
		return orderView(order!, [...taken].sort((a, b) => a.title.localeCompare(b.title)));
	});
}

async function payableOrder(db: Db, userId: string, orderId: string): Promise<Order> {
	const [order] = await db.select().from(orders).where(and(eq(orders.id, orderId), eq(orders.userId, userId)));
	if (!order) throw new AppError('NOT_FOUND', 'No such order');
	if (order.status !== 'pending_payment') throw new AppError('CONFLICT', 'This order is not awaiting payment.');
	return order;
}

/** Starts (or picks up again) the payment of one of the caller's unpaid orders. */
async function preparePayment(db: Db, payments: PaymentProvider, order: Order) {
	const { reference, clientSecret } = await payments.prepare(order);
	if (reference !== order.paymentReference) {
		await db
			.update(orders)
			.set({ paymentReference: reference, paymentProvider: payments.name, updatedAt: new Date() })
			.where(and(eq(orders.id, order.id), isNull(orders.paymentReference)));
	}
	return { reference, clientSecret };
}

/** What the pay step of one of the caller's unpaid orders needs. */
export async function paymentSession(db: Db, payments: PaymentProvider, userId: string, orderId: string): Promise<PaymentSession> {
	const order = await payableOrder(db, userId, orderId);
	const { clientSecret } = await preparePayment(db, payments, order);
	if (payments.name === 'test') return { provider: 'test', cards: TEST_CARDS };
	if (!clientSecret) throw new Error(`The ${payments.name} provider gave no client secret`);
	return { provider: 'stripe', clientSecret };
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
