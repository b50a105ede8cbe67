import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, instant, createdAt, reference, optionalReference } from './columns';
import type { AddressFields } from '../../../src/lib/shared/addresses';
import type { ProposalAction, ProposalLine } from '../../../src/lib/shared/assistant';
import { users } from './accounts';
import { orders } from './orders';

/**
 * What the assistant offered and the shopper may confirm: an order to place, or an unpaid
 * order to cancel. Bound to one user, valid until `expiresAt`, priced when offered. Its id
 * is the placement's idempotency key, so confirming it twice makes one order (`orderId`
 * then says which); a cancellation names its order from the start and is done once
 * (`confirmedAt`).
 */
export const assistantProposals = pgTable(
	'assistant_proposals',
	{
		id: id(),
		userId: reference('user_id', () => users.id, 'cascade'),
		action: text('action').$type<ProposalAction>().notNull().default('place'),
		/** Every line the order holds, at the prices offered (or, to cancel, as ordered). */
		lines: jsonb('lines').$type<ProposalLine[]>().notNull(),
		/** A line to add to the cart first, when the shopper named a product. */
		addLine: jsonb('add_line').$type<{ productId: string; variantId?: string; quantity: number } | null>(),
		currency: text('currency').notNull(),
		subtotalMinor: integer('subtotal_minor').notNull(),
		shippingMinor: integer('shipping_minor').notNull(),
		totalMinor: integer('total_minor').notNull(),
		/** Where and how a placed order goes; a cancellation copies what its order had. */
		shippingMethodId: uuid('shipping_method_id'),
		address: jsonb('address').$type<AddressFields>(),
		expiresAt: instant('expires_at').notNull(),
		/** The order placed by confirming, or the order to cancel. */
		orderId: optionalReference('order_id', () => orders.id, 'set null'),
		confirmedAt: instant('confirmed_at'),
		createdAt: createdAt()
	},
	(t) => [
		index('assistant_proposals_user_idx').on(t.userId, t.createdAt),
		check('assistant_proposals_action', sql`${t.action} in ('place', 'cancel')`),
		check('assistant_proposals_place_where', sql`${t.action} = 'cancel' OR (${t.shippingMethodId} IS NOT NULL AND ${t.address} IS NOT NULL)`)
	]
);

export type AssistantProposal = typeof assistantProposals.$inferSelect;
