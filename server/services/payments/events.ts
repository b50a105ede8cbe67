import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { orders, paymentEvents, type Order } from '../../db/schema';
import { log } from '../../observability/log';
import { lockOrder, moveOrder } from '../orders';
import type { PaymentEvent } from './provider';

/** What an event did: the status it moved its order to, or why it changed nothing. */
export type PaymentOutcome = 'paid' | 'failed' | 'cancelled' | 'duplicate' | 'unknown_payment' | 'amount_mismatch' | `ignored_${Order['status']}`;

async function decide(tx: Tx, order: Order, event: PaymentEvent): Promise<PaymentOutcome> {
	// States only move forward: a late failure or cancellation never undoes a payment.
	if (order.status !== 'pending_payment') return `ignored_${order.status}`;
	switch (event.type) {
		case 'succeeded':
			if (event.amountMinor !== order.totalMinor || event.currency !== order.currency) {
				log.error(
					{ payment: event.reference, amountMinor: event.amountMinor, currency: event.currency, order: order.number },
					'A payment does not match its order'
				);
				return 'amount_mismatch';
			}
			await moveOrder(tx, order, 'paid', { reason: `payment ${event.reference}` });
			return 'paid';
		case 'failed':
			await tx
				.update(orders)
				.set({ paymentError: event.message ?? 'The payment did not go through. Try again.', updatedAt: new Date() })
				.where(eq(orders.id, order.id));
			return 'failed';
		case 'canceled':
			await moveOrder(tx, order, 'cancelled', { reason: 'payment_cancelled' });
			return 'cancelled';
	}
}

/**
 * Applies one payment event to its order, exactly once: the event id is stored in the same
 * transaction as the effect, so a re-delivery (or a concurrent twin) finds it and does nothing.
 */
export async function applyPaymentEvent(db: Db, event: PaymentEvent): Promise<{ outcome: PaymentOutcome; orderId: string | null }> {
	return db.transaction(async (tx) => {
		const [fresh] = await tx
			.insert(paymentEvents)
			.values({ id: event.id, provider: event.provider, type: event.type, paymentReference: event.reference, outcome: 'received' })
			.onConflictDoNothing()
			.returning({ id: paymentEvents.id });
		if (!fresh) return { outcome: 'duplicate' as const, orderId: null };
		const order = await lockOrder(tx, eq(orders.paymentReference, event.reference));
		const outcome = order ? await decide(tx, order, event) : 'unknown_payment';
		await tx.update(paymentEvents).set({ outcome, orderId: order?.id ?? null }).where(eq(paymentEvents.id, event.id));
		return { outcome, orderId: order?.id ?? null };
	});
}
