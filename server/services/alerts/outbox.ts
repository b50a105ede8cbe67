import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client';
import { pushDeliveries, pushSubscriptions, type PushKind } from '../../db/schema';
import { leaseDue } from '../outbox-rows';

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

/** Claims up to `batch` due pushes (see `leaseDue`), with the subscription and product each goes out for. */
export async function claimDuePushes(db: Db, batch: number, leaseMs: number): Promise<ClaimedPush[]> {
	const rows = await rowsOf<ClaimedRow>(
		db,
		sql`${leaseDue(pushDeliveries, batch, leaseMs)}
		from due, push_subscriptions s, products p
		where claimed.id = due.id and s.id = claimed.subscription_id and p.id = claimed.product_id
		returning claimed.id, claimed.kind, claimed.product_id, claimed.version, claimed.price_minor, claimed.previous_price_minor, claimed.attempts,
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

/** The push service says the subscription is gone (404/410): it goes, with its watch list and pushes. */
export async function dropSubscription(db: Db, subscriptionId: string): Promise<void> {
	await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, subscriptionId));
}

