import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, reference, optionalReference, timestamps } from './columns';
import { users } from './accounts';
import { carts } from './carts';
import { orders } from './orders';

/**
 * One browser profile's replica (all its tabs). Bound to a user, or to nobody yet (a
 * visitor, whose guest cart it then owns: the random id is the only key to it).
 * `lastMutationId` advances in the transaction of each mutation, so a replay is a no-op.
 */
export const clientGroups = pgTable(
	'client_groups',
	{
		id: uuid('id').primaryKey(),
		userId: optionalReference('user_id', () => users.id, 'cascade'),
		cartId: optionalReference('cart_id', () => carts.id, 'set null'),
		lastMutationId: integer('last_mutation_id').notNull().default(0),
		...timestamps()
	},
	(t) => [
		index('client_groups_user_idx').on(t.userId),
		check('client_groups_last_mutation_nonnegative', sql`${t.lastMutationId} >= 0`)
	]
);

export type ClientGroup = typeof clientGroups.$inferSelect;

/**
 * What became of each `order.request` mutation, written in the transaction that applied
 * it, so a device that lost the push's answer (a crash, a closed tab) still learns it.
 */
export const orderRequests = pgTable(
	'order_requests',
	{
		clientGroupId: reference('client_group_id', () => clientGroups.id, 'cascade'),
		mutationId: integer('mutation_id').notNull(),
		userId: optionalReference('user_id', () => users.id, 'cascade'),
		/** 'placed', or the refusal code: NEEDS_CONFIRMATION, UNAVAILABLE, FORBIDDEN, INVALID, CONFLICT, NOT_FOUND. */
		outcome: text('outcome').notNull(),
		orderId: optionalReference('order_id', () => orders.id, 'set null'),
		message: text('message'),
		details: jsonb('details'),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.clientGroupId, t.mutationId] })]
);

export type OrderRequestRow = typeof orderRequests.$inferSelect;
