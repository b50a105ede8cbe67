import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase64urlNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, gt } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { outboxEvents, passwordResetTokens, users } from '../../db/schema';
import type { Throttle } from '../../auth/throttle';
import { hashNewPassword, setPassword } from '../accounts';
import { AppError } from '../errors';

export const RESET_TOKEN_MINUTES = 30;

const hashToken = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));

/**
 * Queues a reset email when the address has an account, and does nothing otherwise; the
 * caller answers the same either way, so the form tells nobody which addresses exist.
 */
export async function requestPasswordReset(db: Db, email: string): Promise<void> {
	const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
	if (!user) return;
	await db.insert(outboxEvents).values({ type: 'password_reset', userId: user.id });
}

/** What /forgot-password answers, word for word the same whether the email has an account or not. */
export const RESET_ANSWER = (email: string) =>
	`If ${email} belongs to an account, we have sent it a link to choose a new password. It works once, for ${RESET_TOKEN_MINUTES} minutes.`;

/** The forgot-password form's work: throttled per email and per address, one answer for all. */
export async function askForPasswordReset(
	db: Db,
	throttle: Pick<Throttle, 'claimReset'>,
	email: string,
	ip: string
): Promise<{ wait: number } | { answer: string }> {
	const wait = await throttle.claimReset(email, ip);
	if (wait) return { wait };
	await requestPasswordReset(db, email);
	return { answer: RESET_ANSWER(email) };
}

/**
 * Makes the token a reset email carries, when that email is rendered: 256 random bits, of
 * which only the SHA-256 is stored, valid for 30 minutes. The token never rests in the
 * outbox; a resend of the same email carries a new one.
 */
export async function mintResetToken(db: Db, userId: string, eventId: string, now = new Date()): Promise<string> {
	const token = encodeBase64urlNoPadding(crypto.getRandomValues(new Uint8Array(32)));
	await db.insert(passwordResetTokens).values({
		tokenHash: hashToken(token),
		userId,
		eventId,
		createdAt: now,
		expiresAt: new Date(now.getTime() + RESET_TOKEN_MINUTES * 60_000)
	});
	return token;
}

const INVALID = 'This reset link has expired or was already used. Ask for a new one.';

/** The account a token would reset, if it is still good. */
export async function resetTokenUser(db: Db, token: string, now = new Date()): Promise<{ id: string; email: string } | null> {
	const [row] = await db
		.select({ id: users.id, email: users.email })
		.from(passwordResetTokens)
		.innerJoin(users, eq(users.id, passwordResetTokens.userId))
		.where(and(eq(passwordResetTokens.tokenHash, hashToken(token)), gt(passwordResetTokens.expiresAt, now)));
	return row ?? null;
}

/**
 * Sets a new password with a reset token: the same rules as sign-up; the token is spent
 * (with every other of that user's) and every session of the user ends, all at once. Two
 * uses of one token at the same moment: one wins, the other finds it gone.
 */
export async function resetPassword(db: Db, token: string, password: string, now = new Date()): Promise<{ userId: string }> {
	const user = await resetTokenUser(db, token, now);
	if (!user) throw new AppError('BAD_REQUEST', INVALID);
	const passwordHash = await hashNewPassword(password, user.email);
	return db.transaction(async (tx) => {
		const [spent] = await tx
			.delete(passwordResetTokens)
			.where(and(eq(passwordResetTokens.tokenHash, hashToken(token)), gt(passwordResetTokens.expiresAt, now)))
			.returning({ userId: passwordResetTokens.userId });
		if (!spent) throw new AppError('BAD_REQUEST', INVALID);
		await tx.delete(passwordResetTokens).where(eq(passwordResetTokens.userId, spent.userId));
		await setPassword(tx, spent.userId, passwordHash);
		return { userId: spent.userId };
	});
}
