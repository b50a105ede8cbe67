import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { id, instant, stampedAt, createdAt, optionalReference } from './columns';
import { users } from './accounts';
import { orders } from './orders';

export const outboxEventTypes = [
	'order_created',
	'order_paid',
	'order_fulfilled',
	'order_cancelled',
	'order_refunded',
	'password_reset'
] as const;
export type OutboxEventType = (typeof outboxEventTypes)[number];

/**
 * Events the shopper will hear about (by email), written in the transaction of their cause,
 * so none is lost to a crash and none exists for a change that rolled back. A sender claims
 * due rows with `FOR UPDATE SKIP LOCKED`; the row id is the message's stable identity.
 */
export const outboxEvents = pgTable(
	'outbox_events',
	{
		id: id(),
		type: text('type', { enum: outboxEventTypes }).notNull(),
		userId: optionalReference('user_id', () => users.id, 'cascade'),
		orderId: optionalReference('order_id', () => orders.id, 'cascade'),
		payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
		createdAt: createdAt(),
		availableAt: stampedAt('available_at'),
		attempts: integer('attempts').notNull().default(0),
		sentAt: instant('sent_at'),
		failedAt: instant('failed_at'),
		lastError: text('last_error')
	},
	(t) => [
		index('outbox_events_due_idx').on(t.availableAt).where(sql`${t.sentAt} is null and ${t.failedAt} is null`),
		index('outbox_events_order_idx').on(t.orderId),
		check('outbox_events_attempts_nonnegative', sql`${t.attempts} >= 0`)
	]
);

export type OutboxEvent = typeof outboxEvents.$inferSelect;
