import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { instant, createdAt, reference } from './columns';
import { users } from './accounts';

/**
 * Password reset tokens: only the SHA-256 of each token is kept, so the table alone resets
 * nothing. A token is deleted when used, and with it every other token of that user.
 */
export const passwordResetTokens = pgTable(
	'password_reset_tokens',
	{
		tokenHash: text('token_hash').primaryKey(),
		userId: reference('user_id', () => users.id, 'cascade'),
		/** The outbox event whose email carries this token. */
		eventId: uuid('event_id'),
		expiresAt: instant('expires_at').notNull(),
		createdAt: createdAt()
	},
	(t) => [index('password_reset_tokens_user_idx').on(t.userId)]
);

export type PasswordResetToken = typeof passwordResetTokens.$inferSelect;
