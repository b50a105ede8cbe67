import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { AddressFields } from '../../../src/lib/shared/addresses';
import type { ProposalLine } from '../../../src/lib/shared/assistant';
import { users } from './accounts';
import { orders } from './orders';

/**
 * An order the assistant offered and the shopper may confirm: bound to one user, valid
 * until `expiresAt`, priced when offered. Its id is the placement's idempotency key, so
 * confirming it twice makes one order (`orderId` then says which).
 */
export const assistantProposals = pgTable(
	'assistant_proposals',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** Every line the order will hold, at the prices offered. */
		lines: jsonb('lines').$type<ProposalLine[]>().notNull(),
		/** A line to add to the cart first, when the shopper named a product. */
		addLine: jsonb('add_line').$type<{ productId: string; quantity: number } | null>(),
		currency: text('currency').notNull(),
		subtotalMinor: integer('subtotal_minor').notNull(),
		shippingMinor: integer('shipping_minor').notNull(),
		totalMinor: integer('total_minor').notNull(),
		shippingMethodId: uuid('shipping_method_id').notNull(),
		address: jsonb('address').$type<AddressFields>().notNull(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		orderId: uuid('order_id').references(() => orders.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('assistant_proposals_user_idx').on(t.userId, t.createdAt)]
);

export type AssistantProposal = typeof assistantProposals.$inferSelect;
