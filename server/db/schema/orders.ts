import { sql } from 'drizzle-orm';
import {
	check,
	index,
	integer,
	jsonb,
	pgSequence,
	pgTable,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import type { AddressFields } from '../../../src/lib/shared/addresses';
import { orderStatuses } from '../../../src/lib/shared/orders';
import { products } from './catalog';
import { shippingMethods } from './delivery';

/** Short numbers people read out on the phone; a sequence never hands one out twice. */
export const orderNumber = pgSequence('order_number', { startWith: 1001 });


export const orders = pgTable(
	'orders',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		number: integer('number').notNull().default(sql`nextval('order_number')`),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'restrict' }),
		status: text('status', { enum: orderStatuses }).notNull().default('pending_payment'),
		currency: text('currency').notNull(),
		subtotalMinor: integer('subtotal_minor').notNull(),
		shippingMinor: integer('shipping_minor').notNull().default(0),
		totalMinor: integer('total_minor').notNull(),
		shippingAddress: jsonb('shipping_address').$type<AddressFields>(),
		shippingMethod: text('shipping_method'),
		shippingMethodId: uuid('shipping_method_id').references(() => shippingMethods.id, { onDelete: 'set null' }),
		idempotencyKey: text('idempotency_key').notNull(),
		paymentProvider: text('payment_provider'),
		paymentReference: text('payment_reference'),
		placedAt: timestamp('placed_at', { withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true }),
		paidAt: timestamp('paid_at', { withTimezone: true }),
		// Why the last payment attempt failed (a declined card), for the shopper to retry.
		paymentError: text('payment_error'),
		// How a shipped order travels, when the shop says so (both optional; set once, on shipping).
		carrier: text('carrier'),
		trackingNumber: text('tracking_number'),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('orders_number_key').on(t.number),
		uniqueIndex('orders_idempotency_key').on(t.idempotencyKey),
		uniqueIndex('orders_payment_reference_key').on(t.paymentReference),
		index('orders_user_placed_idx').on(t.userId, t.placedAt),
		index('orders_status_expires_idx').on(t.status, t.expiresAt),
		check(
			'orders_status_known',
			sql`${t.status} IN ('pending_payment', 'paid', 'fulfilled', 'cancelled', 'refunded')`
		),
		check(
			'orders_totals_consistent',
			sql`${t.subtotalMinor} >= 0 AND ${t.shippingMinor} >= 0 AND ${t.totalMinor} = ${t.subtotalMinor} + ${t.shippingMinor}`
		)
	]
);

export const orderItems = pgTable(
	'order_items',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		orderId: uuid('order_id')
			.notNull()
			.references(() => orders.id, { onDelete: 'cascade' }),
		productId: uuid('product_id')
			.notNull()
			.references(() => products.id, { onDelete: 'restrict' }),
		// Snapshots: later catalog edits never change what was bought.
		title: text('title').notNull(),
		unitPriceMinor: integer('unit_price_minor').notNull(),
		quantity: integer('quantity').notNull()
	},
	(t) => [
		uniqueIndex('order_items_order_product_key').on(t.orderId, t.productId),
		check('order_items_quantity_positive', sql`${t.quantity} > 0`),
		check('order_items_price_nonnegative', sql`${t.unitPriceMinor} >= 0`)
	]
);

export type Order = typeof orders.$inferSelect;
export type OrderItem = typeof orderItems.$inferSelect;

/** Every status change of an order, with why and who (null: the shopper, a payment or the clock). */
export const orderHistory = pgTable(
	'order_history',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		orderId: uuid('order_id')
			.notNull()
			.references(() => orders.id, { onDelete: 'cascade' }),
		fromStatus: text('from_status', { enum: orderStatuses }),
		toStatus: text('to_status', { enum: orderStatuses }).notNull(),
		reason: text('reason').notNull(),
		actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('order_history_order_idx').on(t.orderId, t.createdAt)]
);

/**
 * Payment provider events already handled, keyed by the provider's event id: inserted in
 * the transaction of their effect, so a re-delivered event finds its row and does nothing.
 */
export const paymentEvents = pgTable('payment_events', {
	id: text('id').primaryKey(),
	provider: text('provider').notNull(),
	type: text('type').notNull(),
	paymentReference: text('payment_reference').notNull(),
	orderId: uuid('order_id').references(() => orders.id, { onDelete: 'set null' }),
	/** What the event did: the status it moved the order to, or why it changed nothing. */
	outcome: text('outcome').notNull(),
	receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow()
});

export type OrderHistoryEntry = typeof orderHistory.$inferSelect;
