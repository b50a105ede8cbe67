import { and, asc, eq, gte, ilike, inArray, lte, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Page } from '../../../src/lib/shared/catalog';
import { canMove, statusLabels, type AdminOrderView, type OrderStatus, type OrderView, type adminOrdersListInput } from '../../../src/lib/shared/orders';
import type { Db } from '../../db/client';
import { containing } from '../../db/like';
import { orderHistory, orders, users } from '../../db/schema';
import { recordAudit, type Actor } from '../audit';
import { AppError } from '../errors';
import { itemsOf, lockOrder, moveOrder, orderView, pageOfOrders } from '../orders';
import type { PaymentProvider } from '../payments/provider';

/** Every order, for admins: by status, placing date, order number or customer email. */
export async function adminListOrders(db: Db, input: z.output<typeof adminOrdersListInput>): Promise<Page<OrderView & { customerEmail: string }>> {
	const filters: SQL[] = [];
	if (input.status) filters.push(eq(orders.status, input.status));
	if (input.placedFrom) filters.push(gte(orders.placedAt, new Date(input.placedFrom)));
	if (input.placedTo) filters.push(lte(orders.placedAt, new Date(input.placedTo)));
	const query = input.query?.replace(/^#/, '');
	if (query) {
		filters.push(/^\d{1,9}$/.test(query) ? eq(orders.number, Number(query)) : ilike(users.email, containing(query)));
	}
	const page = await pageOfOrders(db, filters, input);
	const emails = await emailsOf(db, page.rows.map((o) => o.userId));
	return { items: page.items.map((o, i) => ({ ...o, customerEmail: emails.get(page.rows[i]!.userId) ?? '' })), nextCursor: page.nextCursor };
}

async function emailsOf(db: Db, userIds: string[]) {
	if (!userIds.length) return new Map<string, string>();
	const rows = await db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, userIds));
	return new Map(rows.map((r) => [r.id, r.email]));
}

export async function adminGetOrder(db: Db, ref: string | number): Promise<AdminOrderView> {
	const [order] = await db.select().from(orders).where(typeof ref === 'number' ? eq(orders.number, ref) : eq(orders.id, ref));
	if (!order) throw new AppError('NOT_FOUND', 'No such order');
	const [items, emails, history] = await Promise.all([
		itemsOf(db, [order.id]),
		emailsOf(db, [order.userId]),
		db.select().from(orderHistory).where(eq(orderHistory.orderId, order.id)).orderBy(asc(orderHistory.createdAt), asc(orderHistory.id))
	]);
	return {
		...orderView(order, items.get(order.id) ?? []),
		customerEmail: emails.get(order.userId) ?? '',
		paymentProvider: order.paymentProvider,
		paymentReference: order.paymentReference,
		history: history.map((h) => ({ fromStatus: h.fromStatus, toStatus: h.toStatus, reason: h.reason, at: h.createdAt.toISOString() }))
	};
}

/** Why a move is refused, in words an admin can act on. */
export function refusedMove(from: OrderStatus, to: OrderStatus): AppError {
	return new AppError('CONFLICT', `An order that is ${statusLabels[from].toLowerCase()} cannot become ${statusLabels[to].toLowerCase()}.`);
}

/**
 * An admin's move along the allowed transitions. Cancelling an unpaid order first cancels
 * its payment at the provider, so it cannot be paid after its stock went back; a refund
 * first gives the money back through the provider that took it.
 */
export async function adminMoveOrder(
	db: Db,
	payments: Pick<PaymentProvider, 'name' | 'cancel' | 'refund'>,
	actor: Actor,
	input: { orderId: string; to: 'fulfilled' | 'cancelled' | 'refunded'; reason?: string; carrier?: string; trackingNumber?: string }
): Promise<AdminOrderView> {
	const [current] = await db.select().from(orders).where(eq(orders.id, input.orderId));
	if (!current) throw new AppError('NOT_FOUND', 'No such order');
	if (!canMove(current.status, input.to)) throw refusedMove(current.status, input.to);
	if (input.to === 'refunded' && !current.paidAt) throw new AppError('CONFLICT', 'This order was never paid, so there is nothing to refund.');
	// The money goes back through the provider that took it, once per order (its idempotency key).
	if (input.to === 'refunded' && current.paymentReference && current.paymentProvider === payments.name) {
		await payments.refund(current.paymentReference, current.totalMinor, `refund-${current.id}`);
	}
	if (input.to === 'cancelled' && current.status === 'pending_payment' && current.paymentReference) {
		if ((await payments.cancel(current.paymentReference)) === 'too_late') {
			throw new AppError('CONFLICT', 'The payment for this order is going through; wait for it, then cancel and refund.');
		}
	}
	await db.transaction(async (tx) => {
		const order = await lockOrder(tx, eq(orders.id, input.orderId));
		const reason = input.reason || 'by the shop';
		const moved = order && (await moveOrder(tx, order, input.to, { reason, actorId: actor.id }));
		if (!moved) throw refusedMove(order?.status ?? current.status, input.to);
		// The shipped email is written from the order row when it is sent, so it carries these too.
		const shipment = input.to === 'fulfilled' ? { carrier: input.carrier ?? null, trackingNumber: input.trackingNumber ?? null } : null;
		if (shipment && (shipment.carrier || shipment.trackingNumber)) await tx.update(orders).set(shipment).where(eq(orders.id, order.id));
		await recordAudit(tx, actor, {
			action: `order.${input.to}`,
			entityType: 'order',
			entityId: order.id,
			changes: {
				status: { before: order.status, after: moved.status },
				reason: { before: null, after: reason },
				...(shipment?.carrier && { carrier: { before: order.carrier, after: shipment.carrier } }),
				...(shipment?.trackingNumber && { trackingNumber: { before: order.trackingNumber, after: shipment.trackingNumber } })
			}
		});
	});
	return adminGetOrder(db, input.orderId);
}
