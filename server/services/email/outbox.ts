import { and, desc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { EmailState } from '../../../src/lib/shared/admin';
import { rowsOf, type Db, type Tx } from '../../db/client';
import { orders, outboxEvents, users, type OutboxEventType } from '../../db/schema';
import { leaseDue } from '../outbox-rows';

/** A row claimed for sending: its lease runs until `available_at`, which the claim pushed forward. */
export type ClaimedEvent = {
	id: string;
	type: OutboxEventType;
	userId: string | null;
	orderId: string | null;
	payload: Record<string, unknown>;
	attempts: number;
	createdAt: Date;
};

type ClaimedRow = {
	id: string;
	type: OutboxEventType;
	user_id: string | null;
	order_id: string | null;
	payload: Record<string, unknown> | string;
	attempts: number;
	created_at: Date | string;
};

/** Claims up to `batch` due emails (see `leaseDue`). */
export async function claimDue(db: Db, batch: number, leaseMs: number): Promise<ClaimedEvent[]> {
	const rows = await rowsOf<ClaimedRow>(
		db,
		sql`${leaseDue(outboxEvents, batch, leaseMs)}
		from due where claimed.id = due.id
		returning claimed.id, claimed.type, claimed.user_id, claimed.order_id, claimed.payload, claimed.attempts, claimed.created_at`
	);
	return rows.map((r) => ({
		id: r.id,
		type: r.type,
		userId: r.user_id,
		orderId: r.order_id,
		payload: typeof r.payload === 'string' ? (JSON.parse(r.payload) as Record<string, unknown>) : r.payload,
		attempts: Number(r.attempts),
		createdAt: new Date(r.created_at)
	}));
}

/** Marks a row sent, unless it already was; false when it was. */
export async function markSent(db: Db, id: string): Promise<boolean> {
	const done = await db
		.update(outboxEvents)
		.set({ sentAt: new Date(), lastError: null })
		.where(and(eq(outboxEvents.id, id), isNull(outboxEvents.sentAt)))
		.returning({ id: outboxEvents.id });
	return done.length > 0;
}

/** "Retry now" for a failed email: due at once with a fresh count of attempts. */
export async function retryNow(db: Db | Tx, id: string): Promise<boolean> {
	const rows = await db
		.update(outboxEvents)
		.set({ failedAt: null, attempts: 0, availableAt: sql`now()` })
		.where(and(eq(outboxEvents.id, id), isNotNull(outboxEvents.failedAt), isNull(outboxEvents.sentAt)))
		.returning({ id: outboxEvents.id });
	return rows.length > 0;
}

/** What each email is, in words for the admin page. */
export const emailTypeLabels: Record<OutboxEventType, string> = {
	order_created: 'Order confirmation (awaiting payment)',
	order_paid: 'Payment received',
	order_fulfilled: 'Order shipped',
	order_cancelled: 'Order cancelled',
	order_refunded: 'Order refunded',
	password_reset: 'Password reset link'
};

export type EmailView = {
	id: string;
	type: OutboxEventType;
	label: string;
	state: EmailState;
	to: string | null;
	orderNumber: number | null;
	createdAt: string;
	availableAt: string;
	sentAt: string | null;
	failedAt: string | null;
	attempts: number;
	lastError: string | null;
};

const stateOf = (row: { sentAt: Date | null; failedAt: Date | null }): EmailState => (row.sentAt ? 'sent' : row.failedAt ? 'failed' : 'pending');

const stateFilter: Record<EmailState, SQL> = {
	pending: and(isNull(outboxEvents.sentAt), isNull(outboxEvents.failedAt))!,
	sent: isNotNull(outboxEvents.sentAt),
	failed: and(isNull(outboxEvents.sentAt), isNotNull(outboxEvents.failedAt))!
};

async function emailViews(db: Db, where: SQL | undefined, limit: number): Promise<EmailView[]> {
	const rows = await db
		.select({ event: outboxEvents, to: users.email, orderNumber: orders.number })
		.from(outboxEvents)
		.leftJoin(users, eq(users.id, outboxEvents.userId))
		.leftJoin(orders, eq(orders.id, outboxEvents.orderId))
		.where(where)
		.orderBy(desc(outboxEvents.createdAt), desc(outboxEvents.id))
		.limit(limit);
	return rows.map(({ event: e, to, orderNumber }) => ({
		id: e.id,
		type: e.type,
		label: emailTypeLabels[e.type],
		state: stateOf(e),
		to,
		orderNumber,
		createdAt: e.createdAt.toISOString(),
		availableAt: e.availableAt.toISOString(),
		sentAt: e.sentAt?.toISOString() ?? null,
		failedAt: e.failedAt?.toISOString() ?? null,
		attempts: e.attempts,
		lastError: e.lastError
	}));
}

/** The newest emails, of one state or all, for the admin page. */
export function listEmails(db: Db, state?: EmailState, limit = 100): Promise<EmailView[]> {
	return emailViews(db, state ? stateFilter[state] : undefined, limit);
}

export async function getEmail(db: Db, id: string): Promise<EmailView | null> {
	const [view] = await emailViews(db, eq(outboxEvents.id, id), 1);
	return view ?? null;
}

/** Every email of one order, newest first, with its state (for the admin order page). */
export function emailsForOrder(db: Db, orderId: string): Promise<EmailView[]> {
	return emailViews(db, eq(outboxEvents.orderId, orderId), 100);
}

export async function countEmails(db: Db): Promise<Record<EmailState, number>> {
	const [row] = await db
		.select({
			pending: sql<number>`count(*) filter (where ${stateFilter.pending})::int`,
			sent: sql<number>`count(*) filter (where ${stateFilter.sent})::int`,
			failed: sql<number>`count(*) filter (where ${stateFilter.failed})::int`
		})
		.from(outboxEvents);
	return { pending: Number(row?.pending ?? 0), sent: Number(row?.sent ?? 0), failed: Number(row?.failed ?? 0) };
}

/** When the order's confirmation (`order_created`) email went out, or null. */
export async function confirmationSentAt(db: Db, orderId: string): Promise<Date | null> {
	const [row] = await db
		.select({ sentAt: outboxEvents.sentAt })
		.from(outboxEvents)
		.where(and(eq(outboxEvents.orderId, orderId), eq(outboxEvents.type, 'order_created'), isNotNull(outboxEvents.sentAt)))
		.limit(1);
	return row?.sentAt ?? null;
}
