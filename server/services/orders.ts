import { and, asc, desc, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Page } from '../../src/lib/shared/catalog';
import {
	canMove,
	statusLabels,
	type OrderOrdering,
	type OrderStatus,
	type OrderView,
	type ordersListInput
} from '../../src/lib/shared/orders';
import type { z } from 'zod';
import type { Db, Tx } from '../db/client';
import { orderHistory, orderItems, orders, outboxEvents, productVariants, users, type Order, type OutboxEventType } from '../db/schema';
import { addToUserCart } from './cart';
import { decodeCursor, isTimestampKey, timestampKey, badCursor, splitPage } from './cursor';
import { AppError } from './errors';
import type { PaymentProvider } from './payments/provider';

/**
 * Who moved an order (an admin's id, or null for the shopper, a payment or the clock) and
 * why. `backToCart` is for a hold that ended without the shopper saying no (they left
 * checkout, or the time ran out): a cancellation then puts its lines back in their cart.
 */
export type Move = { reason: string; actorId?: string | null; backToCart?: boolean };

const eventFor: Partial<Record<OrderStatus, OutboxEventType>> = {
	paid: 'order_paid',
	fulfilled: 'order_fulfilled',
	cancelled: 'order_cancelled',
	refunded: 'order_refunded'
};

/** Writes an event the shopper will hear about, in the transaction of its cause. */
export async function recordEvent(tx: Tx, type: OutboxEventType, order: Pick<Order, 'id' | 'userId' | 'number'>, payload: Record<string, unknown> = {}) {
	await tx.insert(outboxEvents).values({ type, userId: order.userId, orderId: order.id, payload: { number: order.number, ...payload } });
}

/**
 * Puts an order's units back on the shelf, line by line in (product, variant) order: the
 * order checkout takes them in, so the product rows the stock roll-up locks are always taken
 * in one order and two transactions never wait on each other in a circle.
 */
async function restock(tx: Tx, orderId: string) {
	const lines = await tx
		.select({ variantId: orderItems.variantId, quantity: orderItems.quantity })
		.from(orderItems)
		.where(eq(orderItems.orderId, orderId))
		.orderBy(asc(orderItems.productId), asc(orderItems.variantId));
	for (const line of lines) {
		await tx
			.update(productVariants)
			.set({ inventory: sql`${productVariants.inventory} + ${line.quantity}` })
			.where(eq(productVariants.id, line.variantId));
	}
}

/** Locks an order row for a status change. */
export async function lockOrder(tx: Tx, where: SQL): Promise<Order | undefined> {
	const [order] = await tx.select().from(orders).where(where).for('update');
	return order;
}

/**
 * Moves a locked order to `to` if the transitions allow it (null when they do not, and
 * nothing changes): history, the shopper's event and, for a cancellation or a refund of
 * goods never shipped, the units back in stock, all in the caller's transaction.
 */
export async function moveOrder(tx: Tx, order: Order, to: OrderStatus, move: Move): Promise<Order | null> {
	if (!canMove(order.status, to)) return null;
	const now = new Date();
	const [moved] = await tx
		.update(orders)
		.set({ status: to, updatedAt: now, ...(to === 'paid' ? { paidAt: now, paymentError: null } : {}) })
		.where(and(eq(orders.id, order.id), eq(orders.status, order.status)))
		.returning();
	if (!moved) return null;
	await tx.insert(orderHistory).values({ orderId: order.id, fromStatus: order.status, toStatus: to, reason: move.reason, actorId: move.actorId ?? null });
	if (to === 'cancelled' || (to === 'refunded' && order.status === 'paid')) await restock(tx, order.id);
	if (to === 'cancelled' && move.backToCart) {
		const lines = await tx.select({ productId: orderItems.productId, variantId: orderItems.variantId, quantity: orderItems.quantity }).from(orderItems).where(eq(orderItems.orderId, order.id));
		await addToUserCart(tx, order.userId, lines);
	}
	const event = eventFor[to];
	if (event) await recordEvent(tx, event, moved, { reason: move.reason });
	return moved;
}

/** Why an unpaid order was not cancelled: it is past waiting for payment, or its payment is going through. */
export type CancelRefusal = 'not_unpaid' | 'paying';

/**
 * Cancels a locked unpaid order, its units back on the shelf. The payment is stopped at the
 * provider first, with the order locked, so it cannot go through after the stock went back.
 */
export async function cancelUnpaid(tx: Tx, order: Order, payments: Pick<PaymentProvider, 'cancel'>, move: Move): Promise<Order | CancelRefusal> {
	if (order.status !== 'pending_payment') return 'not_unpaid';
	if (order.paymentReference && (await payments.cancel(order.paymentReference)) === 'too_late') return 'paying';
	return (await moveOrder(tx, order, 'cancelled', move)) ?? 'not_unpaid';
}

/**
 * A shopper gives up an unpaid order: the hold ends at once and nothing is charged (with
 * `move.backToCart`, its lines go back into their cart).
 */
export async function cancelOwnOrder(
	db: Db,
	userId: string,
	payments: Pick<PaymentProvider, 'cancel'>,
	orderId: string,
	move: Move = { reason: 'cancelled by the shopper' }
): Promise<OrderView> {
	const outcome = await db.transaction(async (tx) => {
		const order = await lockOrder(tx, and(eq(orders.id, orderId), eq(orders.userId, userId))!);
		if (!order) throw new AppError('NOT_FOUND', 'No such order');
		return { order, result: await cancelUnpaid(tx, order, payments, move) };
	});
	if (outcome.result === 'paying') throw new AppError('CONFLICT', 'The payment for this order is going through right now, so it can no longer be cancelled.');
	if (outcome.result === 'not_unpaid') {
		throw new AppError('CONFLICT', `This order is ${statusLabels[outcome.order.status].toLowerCase()}, so it can no longer be cancelled here.`);
	}
	return getOrder(db, userId, orderId);
}

type Sort = { column: SQL | typeof orders.placedAt | typeof orders.totalMinor; key: SQL<string>; cast: SQL; desc: boolean; valid: (key: string) => boolean };

const sorts: Record<OrderOrdering, Sort> = {
	'-placedAt': { column: orders.placedAt, key: timestampKey(orders.placedAt), cast: sql`timestamptz`, desc: true, valid: isTimestampKey },
	placedAt: { column: orders.placedAt, key: timestampKey(orders.placedAt), cast: sql`timestamptz`, desc: false, valid: isTimestampKey },
	'-total': { column: orders.totalMinor, key: sql<string>`${orders.totalMinor}::text`, cast: sql`int`, desc: true, valid: isIntKey },
	total: { column: orders.totalMinor, key: sql<string>`${orders.totalMinor}::text`, cast: sql`int`, desc: false, valid: isIntKey }
};

function isIntKey(key: string) {
	return /^\d{1,9}$/.test(key);
}

export async function itemsOf(db: Db | Tx, orderIds: string[]) {
	const byOrder = new Map<string, OrderView['items']>();
	if (!orderIds.length) return byOrder;
	const rows = await db
		.select()
		.from(orderItems)
		.where(inArray(orderItems.orderId, orderIds))
		.orderBy(asc(orderItems.title), asc(orderItems.id));
	for (const { orderId, productId, variantId, title, sku, options, unitPriceMinor, quantity } of rows) {
		byOrder.set(orderId, [...(byOrder.get(orderId) ?? []), { productId, variantId, title, sku, options, unitPriceMinor, quantity }]);
	}
	return byOrder;
}

export function orderView(order: Order, items: OrderView['items'], confirmationSentAt?: Date | null): OrderView {
	return {
		id: order.id,
		number: order.number,
		status: order.status,
		currency: order.currency,
		subtotalMinor: order.subtotalMinor,
		shippingMinor: order.shippingMinor,
		totalMinor: order.totalMinor,
		placedAt: order.placedAt.toISOString(),
		expiresAt: order.status === 'pending_payment' ? (order.expiresAt?.toISOString() ?? null) : null,
		paidAt: order.paidAt?.toISOString() ?? null,
		updatedAt: order.updatedAt.toISOString(),
		paymentError: order.status === 'pending_payment' ? order.paymentError : null,
		shippingAddress: order.shippingAddress,
		shippingMethod: order.shippingMethod,
		carrier: order.carrier,
		trackingNumber: order.trackingNumber,
		items,
		...(confirmationSentAt !== undefined && { confirmationSentAt: confirmationSentAt?.toISOString() ?? null })
	};
}

/** One page of orders in the chosen ordering (newest first by default), with their lines. */
export async function pageOfOrders(
	db: Db,
	filters: SQL[],
	input: { ordering: OrderOrdering; cursor?: string; limit: number }
): Promise<Page<OrderView> & { rows: Order[] }> {
	const sort = sorts[input.ordering];
	if (input.cursor) {
		const cursor = decodeCursor(input.cursor, input.ordering);
		if (!sort.valid(cursor.key)) throw badCursor();
		const after = sql`(${cursor.key}::${sort.cast}, ${cursor.id}::uuid)`;
		filters.push(sort.desc ? sql`(${sort.column}, ${orders.id}) < ${after}` : sql`(${sort.column}, ${orders.id}) > ${after}`);
	}
	const direction = sort.desc ? desc : asc;
	const rows = await db
		.select({ order: orders, key: sort.key })
		.from(orders)
		.innerJoin(users, eq(users.id, orders.userId))
		.where(and(...filters))
		.orderBy(direction(sort.column), direction(orders.id))
		.limit(input.limit + 1);
	const { page, nextCursor } = splitPage(rows, input.limit, (last) => ({ sort: input.ordering, key: last.key, id: last.order.id }));
	const items = await itemsOf(db, page.map((r) => r.order.id));
	return {
		rows: page.map((r) => r.order),
		items: page.map((r) => orderView(r.order, items.get(r.order.id) ?? [])),
		nextCursor
	};
}

/** The caller's own orders. */
export async function listOrders(db: Db, userId: string, input: z.output<typeof ordersListInput>): Promise<Page<OrderView>> {
	const filters = [eq(orders.userId, userId)];
	if (input.status) filters.push(eq(orders.status, input.status));
	const { items, nextCursor } = await pageOfOrders(db, filters, input);
	return { items, nextCursor };
}

/**
 * One of the caller's orders, by id or by number; anyone else's is NOT_FOUND, as if it did
 * not exist.
 */
export async function getOrder(db: Db, userId: string, ref: string | number): Promise<OrderView> {
	const match = typeof ref === 'number' ? eq(orders.number, ref) : eq(orders.id, ref);
	const [order] = await db.select().from(orders).where(and(match, eq(orders.userId, userId)));
	if (!order) throw new AppError('NOT_FOUND', 'No such order');
	const [items, [confirmation]] = await Promise.all([
		itemsOf(db, [order.id]),
		db
			.select({ sentAt: outboxEvents.sentAt })
			.from(outboxEvents)
			.where(and(eq(outboxEvents.orderId, order.id), eq(outboxEvents.type, 'order_created'), isNotNull(outboxEvents.sentAt)))
			.limit(1)
	]);
	return orderView(order, items.get(order.id) ?? [], confirmation?.sentAt ?? null);
}
