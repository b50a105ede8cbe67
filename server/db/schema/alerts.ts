import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { sessions, users } from './accounts';
import { products } from './catalog';
import { createdAt, id, instant, reference, stampedAt } from './columns';

/**
 * The shop's VAPID key pair when the environment gives none: made on first start and kept,
 * so subscriptions made against it stay valid across restarts. One row (`id` is always 1).
 */
export const vapidKeys = pgTable(
	'vapid_keys',
	{
		id: integer('id').primaryKey().default(1),
		publicKey: text('public_key').notNull(),
		privateKey: text('private_key').notNull(),
		createdAt: createdAt()
	},
	(t) => [check('vapid_keys_one_row', sql`${t.id} = 1`)]
);

/**
 * A device that asked to hear of its watched products while the app is closed. It belongs
 * to the session it was made in: signing out (or the session ending) deletes it, and with
 * it the device's watch list and anything still to send.
 */
export const pushSubscriptions = pgTable(
	'push_subscriptions',
	{
		id: id(),
		userId: reference('user_id', () => users.id, 'cascade'),
		sessionId: text('session_id')
			.notNull()
			.references(() => sessions.id, { onDelete: 'cascade' }),
		endpoint: text('endpoint').notNull(),
		p256dh: text('p256dh').notNull(),
		auth: text('auth').notNull(),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('push_subscriptions_endpoint_key').on(t.endpoint),
		index('push_subscriptions_user_idx').on(t.userId),
		index('push_subscriptions_session_idx').on(t.sessionId)
	]
);

/** The product ids one subscribed device watches (its favorites and the products it asked about), and nothing else. */
export const pushWatches = pgTable(
	'push_watches',
	{
		subscriptionId: reference('subscription_id', () => pushSubscriptions.id, 'cascade'),
		productId: reference('product_id', () => products.id, 'cascade')
	},
	(t) => [primaryKey({ columns: [t.subscriptionId, t.productId] }), index('push_watches_product_idx').on(t.productId)]
);

export const pushKinds = ['restock', 'price'] as const;
export type PushKind = (typeof pushKinds)[number];

/**
 * The push outbox: one row per subscribed device and change of a watched product, written
 * by a trigger on `products` in the transaction of the change (drizzle/0018_push_on_change.sql). The unique key
 * (device, product, kind, the product's version) makes each change pushed at most once
 * per device; the sender claims due rows with `FOR UPDATE SKIP LOCKED`.
 */
export const pushDeliveries = pgTable(
	'push_deliveries',
	{
		id: id(),
		subscriptionId: reference('subscription_id', () => pushSubscriptions.id, 'cascade'),
		productId: reference('product_id', () => products.id, 'cascade'),
		kind: text('kind', { enum: pushKinds }).notNull(),
		version: bigint('version', { mode: 'number' }).notNull(),
		priceMinor: integer('price_minor').notNull(),
		previousPriceMinor: integer('previous_price_minor').notNull(),
		createdAt: createdAt(),
		availableAt: stampedAt('available_at'),
		attempts: integer('attempts').notNull().default(0),
		sentAt: instant('sent_at'),
		/** Sent as part of one push that told several changes at once (over the hourly limit). */
		folded: boolean('folded').notNull().default(false),
		failedAt: instant('failed_at'),
		lastError: text('last_error')
	},
	(t) => [
		uniqueIndex('push_deliveries_change_key').on(t.subscriptionId, t.productId, t.kind, t.version),
		index('push_deliveries_due_idx').on(t.availableAt).where(sql`${t.sentAt} is null and ${t.failedAt} is null`),
		check('push_deliveries_kind_known', sql`${t.kind} IN ('restock', 'price')`),
		check('push_deliveries_attempts_nonnegative', sql`${t.attempts} >= 0`)
	]
);

export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;
export type PushDelivery = typeof pushDeliveries.$inferSelect;
