import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { sessions, users, type User } from '../db/schema';

const DAY = 86_400_000;
/** A session lives 30 days from its last use (renewed once past half of that)… */
export const SESSION_IDLE_MS = 30 * DAY;
/** …and never more than 90 days from sign-in. */
export const SESSION_ABSOLUTE_MS = 90 * DAY;
export const SESSION_COOKIE = 'session';

export type SessionUser = Pick<User, 'id' | 'email' | 'role'>;
export type Session = { id: string; userId: string; expiresAt: Date; createdAt: Date };

function randomPart(): string {
	// 20 random bytes: 160 bits from the operating system's secure generator.
	return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
}

const hashSecret = (secret: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));

/** Creates a session and returns the token for the cookie; the database never sees the secret. */
export async function createSession(db: Db, userId: string, now = new Date()): Promise<{ token: string; session: Session }> {
	const id = randomPart();
	const secret = randomPart();
	const session = { id, userId, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_IDLE_MS) };
	await db.insert(sessions).values({ ...session, secretHash: hashSecret(secret) });
	return { token: `${id}.${secret}`, session };
}

/**
 * The session and user a token names, or null. Expired sessions are deleted; a session
 * used past half its idle life is extended (never beyond its absolute lifetime), and
 * `renewed` tells the caller to send the cookie again with the new expiry.
 */
export async function validateSessionToken(
	db: Db,
	token: string,
	now = new Date()
): Promise<{ session: Session; user: SessionUser; renewed: boolean } | null> {
	const [id, secret, ...rest] = token.split('.');
	if (!id || !secret || rest.length || id.length > 64 || secret.length > 64) return null;
	const [row] = await db
		.select({ session: sessions, user: { id: users.id, email: users.email, role: users.role } })
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(eq(sessions.id, id));
	if (!row) return null;
	const expected = new TextEncoder().encode(row.session.secretHash);
	if (!constantTimeEqual(new TextEncoder().encode(hashSecret(secret)), expected)) return null;

	const { secretHash: _, ...session } = row.session;
	const absoluteEnd = session.createdAt.getTime() + SESSION_ABSOLUTE_MS;
	if (now.getTime() >= session.expiresAt.getTime() || now.getTime() >= absoluteEnd) {
		await db.delete(sessions).where(eq(sessions.id, id));
		return null;
	}
	let renewed = false;
	if (session.expiresAt.getTime() - now.getTime() < SESSION_IDLE_MS / 2) {
		const expiresAt = new Date(Math.min(now.getTime() + SESSION_IDLE_MS, absoluteEnd));
		if (expiresAt.getTime() > session.expiresAt.getTime()) {
			session.expiresAt = expiresAt;
			await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id));
			renewed = true;
		}
	}
	return { session, user: row.user, renewed };
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function invalidateUserSessions(db: Db, userId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.userId, userId));
}
