import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
		id: uuid('id').primaryKey().defaultRandom(),
		type: text('type', { enum: outboxEventTypes }).notNull(),
		userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
		orderId: uuid('order_id').references(() => orders.id, { onDelete: 'cascade' }),
		payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		availableAt: timestamp('available_at', { withTimezone: true }).notNull().defaultNow(),
		attempts: integer('attempts').notNull().default(0),
		sentAt: timestamp('sent_at', { withTimezone: true }),
		failedAt: timestamp('failed_at', { withTimezone: true }),
		lastError: text('last_error')
	},
	(t) => [
		index('outbox_events_due_idx').on(t.availableAt).where(sql`${t.sentAt} is null and ${t.failedAt} is null`),
		index('outbox_events_order_idx').on(t.orderId),
		check('outbox_events_attempts_nonnegative', sql`${t.attempts} >= 0`)
	]
);

export type OutboxEvent = typeof outboxEvents.$inferSelect;
