import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, instant, createdAt, reference } from './columns';
import { membershipTiers } from '../../../src/lib/shared/admin';

export const roles = ['customer', 'admin'] as const;

export const users = pgTable(
	'users',
	{
		id: id(),
		// Stored normalised (trimmed, lower case) by the accounts service.
		email: text('email').notNull(),
		passwordHash: text('password_hash').notNull(),
		role: text('role', { enum: roles }).notNull().default('customer'),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('users_email_key').on(t.email),
		check('users_email_normalised', sql`${t.email} = lower(btrim(${t.email}))`),
		check('users_role_known', sql`${t.role} IN ('customer', 'admin')`)
	]
);

export const customers = pgTable(
	'customers',
	{
		id: id(),
		userId: reference('user_id', () => users.id, 'cascade'),
		firstName: text('first_name').notNull().default(''),
		lastName: text('last_name').notNull().default(''),
		phone: text('phone'),
		birthDate: date('birth_date'),
		membership: text('membership', { enum: membershipTiers }).notNull().default('bronze')
	},
	(t) => [
		uniqueIndex('customers_user_key').on(t.userId),
		check('customers_membership_known', sql`${t.membership} IN ('bronze', 'silver', 'gold')`)
	]
);

/**
 * The Lucia design: a token is `<id>.<secret>`; only the SHA-256 of the secret is stored,
 * so the table alone cannot sign anyone in.
 */
export const sessions = pgTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		secretHash: text('secret_hash').notNull(),
		userId: reference('user_id', () => users.id, 'cascade'),
		expiresAt: instant('expires_at').notNull(),
		createdAt: createdAt()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

export type User = typeof users.$inferSelect;
export type Customer = typeof customers.$inferSelect;
export type Session = typeof sessions.$inferSelect;
