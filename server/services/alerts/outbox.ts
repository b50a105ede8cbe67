import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client';
import { pushDeliveries, pushSubscriptions, type PushKind } from '../../db/schema';

/** A due push, claimed (its lease runs until `available_at`), with what sending it needs. */
export type ClaimedPush = {
	id: string;
	kind: PushKind;
	productId: string;
	version: number;
	priceMinor: number;
	previousPriceMinor: number;
	attempts: number;
	subscription: { id: string; userId: string; endpoint: string; keys: { p256dh: string; auth: string } };
	product: { title: string; slug: string; currency: string };
};

type ClaimedRow = {
	id: string;
	kind: PushKind;
	product_id: string;
	version: number | string;
	price_minor: number;
	previous_price_minor: number;
	attempts: number;
	subscription_id: string;
	user_id: string;
	endpoint: string;
	p256dh: string;
	auth: string;
	title: string;
	slug: string;
	currency: string;
};

/**
 * Claims up to `batch` due pushes in one statement, as the email outbox does:
 * `FOR UPDATE SKIP LOCKED` keeps two senders off the same row, and the lease (`available_at`
 * pushed forward) keeps the next claim off it while it is sent outside any transaction.
 */
export async function claimDuePushes(db: Db, batch: number, leaseMs: number): Promise<ClaimedPush[]> {
	const rows = await rowsOf<ClaimedRow>(
		db,
		sql`with due as (
			select id from ${pushDeliveries}
			where sent_at is null and failed_at is null and available_at <= now()
			order by available_at, id
			limit ${batch}
			for update skip locked
		)
		update ${pushDeliveries} d
		set available_at = now() + ${leaseMs}::int * interval '1 millisecond', attempts = d.attempts + 1
		from due, push_subscriptions s, products p
		where d.id = due.id and s.id = d.subscription_id and p.id = d.product_id
		returning d.id, d.kind, d.product_id, d.version, d.price_minor, d.previous_price_minor, d.attempts,
			s.id as subscription_id, s.user_id, s.endpoint, s.p256dh, s.auth, p.title, p.slug, p.currency`
	);
	return rows.map((r) => ({
		id: r.id,
		kind: r.kind,
		productId: r.product_id,
		version: Number(r.version),
		priceMinor: r.price_minor,
		previousPriceMinor: r.previous_price_minor,
		attempts: Number(r.attempts),
		subscription: { id: r.subscription_id, userId: r.user_id, endpoint: r.endpoint, keys: { p256dh: r.p256dh, auth: r.auth } },
		product: { title: r.title, slug: r.slug, currency: r.currency }
	}));
}

/** Marks pushes sent (`folded`: told together in one push), unless they already were. */
export async function markPushesSent(db: Db, ids: string[], folded = false): Promise<void> {
	if (!ids.length) return;
	await db
		.update(pushDeliveries)
		.set({ sentAt: new Date(), folded, lastError: null })
		.where(and(inArray(pushDeliveries.id, ids), isNull(pushDeliveries.sentAt)));
}

/** A failed attempt: due again after `retryInMs`, or failed for good when that is null. */
export async function markPushesFailed(db: Db, ids: string[], error: string, retryInMs: number | null): Promise<void> {
	if (!ids.length) return;
	const lastError = error.slice(0, 1000);
	const set =
		retryInMs === null
			? { failedAt: new Date(), lastError }
			: { availableAt: sql`now() + ${Math.round(retryInMs)}::int * interval '1 millisecond'`, lastError };
	await db
		.update(pushDeliveries)
		.set(set)
		.where(and(inArray(pushDeliveries.id, ids), isNull(pushDeliveries.sentAt)));
}

/** Puts claimed pushes back, due after `inMs`, the attempt not counted (the lease ran short, or the budget is spent). */
export async function deferPushes(db: Db, ids: string[], inMs = 0): Promise<void> {
	if (!ids.length) return;
	await db
		.update(pushDeliveries)
		.set({ availableAt: sql`now() + ${Math.round(inMs)}::int * interval '1 millisecond'`, attempts: sql`greatest(${pushDeliveries.attempts} - 1, 0)` })
		.where(and(inArray(pushDeliveries.id, ids), isNull(pushDeliveries.sentAt)));
}

/** The push service says the subscription is gone (404/410): it goes, with its watch list and pushes. */
export async function dropSubscription(db: Db, subscriptionId: string): Promise<void> {
	await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, subscriptionId));
}

