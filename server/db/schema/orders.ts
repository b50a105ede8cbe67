import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgSequence, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, instant, stampedAt, createdAt, updatedAt, reference, optionalReference } from './columns';
import { users } from './accounts';
import type { AddressFields } from '../../../src/lib/shared/addresses';
import { orderStatuses } from '../../../src/lib/shared/orders';
import { products, productVariants } from './catalog';
import { shippingMethods } from './delivery';

/** Short numbers people read out on the phone; a sequence never hands one out twice. */
export const orderNumber = pgSequence('order_number', { startWith: 1001 });


export const orders = pgTable(
	'orders',
	{
		id: id(),
		number: integer('number').notNull().default(sql`nextval('order_number')`),
		userId: reference('user_id', () => users.id, 'restrict'),
		status: text('status', { enum: orderStatuses }).notNull().default('pending_payment'),
		currency: text('currency').notNull(),
		subtotalMinor: integer('subtotal_minor').notNull(),
		shippingMinor: integer('shipping_minor').notNull().default(0),
		totalMinor: integer('total_minor').notNull(),
		shippingAddress: jsonb('shipping_address').$type<AddressFields>(),
		shippingMethod: text('shipping_method'),
		shippingMethodId: optionalReference('shipping_method_id', () => shippingMethods.id, 'set null'),
		idempotencyKey: text('idempotency_key').notNull(),
		paymentProvider: text('payment_provider'),
		paymentReference: text('payment_reference'),
		placedAt: stampedAt('placed_at'),
		expiresAt: instant('expires_at'),
		paidAt: instant('paid_at'),
		// Why the last payment attempt failed (a declined card), for the shopper to retry.
		paymentError: text('payment_error'),
		// How a shipped order travels, when the shop says so (both optional; set once, on shipping).
		carrier: text('carrier'),
		trackingNumber: text('tracking_number'),
		updatedAt: updatedAt()
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
		id: id(),
		orderId: reference('order_id', () => orders.id, 'cascade'),
		productId: reference('product_id', () => products.id, 'restrict'),
		variantId: reference('variant_id', () => productVariants.id, 'restrict'),
		// Snapshots: later catalog edits never change what was bought.
		title: text('title').notNull(),
		sku: text('sku').notNull(),
		options: jsonb('options').$type<Record<string, string>>().notNull().default({}),
		unitPriceMinor: integer('unit_price_minor').notNull(),
		quantity: integer('quantity').notNull()
	},
	(t) => [
		uniqueIndex('order_items_order_variant_key').on(t.orderId, t.variantId),
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
		id: id(),
		orderId: reference('order_id', () => orders.id, 'cascade'),
		fromStatus: text('from_status', { enum: orderStatuses }),
		toStatus: text('to_status', { enum: orderStatuses }).notNull(),
		reason: text('reason').notNull(),
		actorId: optionalReference('actor_id', () => users.id, 'set null'),
		createdAt: createdAt()
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
	orderId: optionalReference('order_id', () => orders.id, 'set null'),
	/** What the event did: the status it moved the order to, or why it changed nothing. */
	outcome: text('outcome').notNull(),
	receivedAt: stampedAt('received_at')
});

export type OrderHistoryEntry = typeof orderHistory.$inferSelect;
