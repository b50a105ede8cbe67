import { sql } from 'drizzle-orm';
import { check, integer, pgTable, timestamp, uuid, index } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { carts } from './carts';

/**
 * One browser profile's replica (all its tabs). Bound to a user, or to nobody yet (a
 * visitor, whose guest cart it then owns: the random id is the only key to it).
 * `lastMutationId` advances in the transaction of each mutation, so a replay is a no-op.
 */
export const clientGroups = pgTable(
	'client_groups',
	{
		id: uuid('id').primaryKey(),
		userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
		cartId: uuid('cart_id').references(() => carts.id, { onDelete: 'set null' }),
		lastMutationId: integer('last_mutation_id').notNull().default(0),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('client_groups_user_idx').on(t.userId),
		check('client_groups_last_mutation_nonnegative', sql`${t.lastMutationId} >= 0`)
	]
);

export type ClientGroup = typeof clientGroups.$inferSelect;
