import { and, asc, eq, lte } from 'drizzle-orm';
import type { Db } from '../db/client';
import { orders } from '../db/schema';
import { log } from '../observability/log';
import { moveOrder } from './orders';
import type { PaymentProvider } from './payments/provider';

/** How long to wait before looking again at an expired order whose payment is under way. */
const RECHECK_MS = 5 * 60_000;

/**
 * Cancels unpaid orders past their expiry, returns their stock and puts their lines back in
 * their shoppers' carts (capped by stock), a batch per transaction.
 * Rows are claimed with `FOR UPDATE SKIP LOCKED`, so any number of app instances may run
 * this at once and each order is cancelled (and restocked) exactly once. A payment that is
 * already going through is left for its webhook.
 */
export async function reapExpiredOrders(db: Db, payments: Pick<PaymentProvider, 'cancel'>, batch = 20): Promise<number> {
	let cancelled = 0;
	for (;;) {
		const claimed = await db.transaction(async (tx) => {
			const due = await tx
				.select()
				.from(orders)
				.where(and(eq(orders.status, 'pending_payment'), lte(orders.expiresAt, new Date())))
				.orderBy(asc(orders.expiresAt))
				.limit(batch)
				.for('update', { skipLocked: true });
			for (const order of due) {
				if (order.paymentReference && (await payments.cancel(order.paymentReference)) === 'too_late') {
					await tx.update(orders).set({ expiresAt: new Date(Date.now() + RECHECK_MS) }).where(eq(orders.id, order.id));
					continue;
				}
				if (await moveOrder(tx, order, 'cancelled', { reason: 'expired', backToCart: true })) cancelled++;
			}
			return due.length;
		});
		if (claimed < batch) return cancelled;
	}
}

/** Runs the reaper now and then every `intervalMs`, in the background of this process. */
export function startReaper(db: Db, payments: Pick<PaymentProvider, 'cancel'>, intervalMs = 60_000): () => void {
	const run = () => reapExpiredOrders(db, payments).catch((err: unknown) => log.error({ err }, 'Expiring unpaid orders failed'));
	void run();
	const timer = setInterval(run, intervalMs);
	timer.unref();
	return () => clearInterval(timer);
}
