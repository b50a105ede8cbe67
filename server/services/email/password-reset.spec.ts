import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSession, validateSessionToken } from '../../auth/session';
import { createThrottle, RESETS_PER_EMAIL_PER_HOUR, RESETS_PER_IP_PER_HOUR } from '../../auth/throttle';
import { outboxEvents, passwordResetTokens } from '../../db/schema';
import { authenticate, signUp } from '../accounts';
import { askForPasswordReset, resetPassword, resetTokenUser } from './password-reset';
import { startSmtpServer } from './smtp-test-server';
import { smtpTransport } from './transport';
import { emailSender } from './worker';
import { useSeededShop } from '../../testing/seeded-shop';

const ORIGIN = 'https://shop.example.com';
const OLD = 'old-password-that-is-long';
const NEW = 'brand-new-password-2026';

const shop = useSeededShop({ seed: false });
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
	smtp = await startSmtpServer();
});
afterAll(async () => {
	await smtp?.close();
});
beforeEach(() => {
	smtp.received.length = 0;
});

const throttle = () => createThrottle({ prefix: `reset-${randomUUID()}` });

async function account() {
	const email = `${randomUUID()}@reset.test`;
	const user = await signUp(shop.db, { email, password: OLD, firstName: '', lastName: '' });
	return { ...user, email };
}

/** Sends what is due and returns the token from the link in the reset email to `email`. */
async function tokenFromEmail(email: string): Promise<string> {
	const transport = smtpTransport(smtp.url);
	try {
		await emailSender(shop.db, { transport, origin: ORIGIN, from: 'Store <shop@shop.example.com>' }).drain();
	} finally {
		transport.close();
	}
	const message = smtp.received.filter((r) => r.to === email).at(-1);
	expect(message, `a reset email to ${email}`).toBeDefined();
	expect(message!.mail.subject).toBe('Reset your Store password');
	const links = [message!.mail.text!, message!.mail.html as string].map((part) => /https:\/\/shop\.example\.com\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(part)?.[1]);
	expect(links[0]).toBeDefined();
	expect(links[1]).toBe(links[0]);
	return links[0]!;
}

describe('password reset', () => {
	it('answers the same for a known and an unknown email, and queues an email only for the account', async () => {
		const known = await account();
		const unknown = `${randomUUID()}@reset.test`;
		const t = throttle();
		const before = await shop.db.select({ n: sql<number>`count(*)::int` }).from(outboxEvents).where(eq(outboxEvents.type, 'password_reset'));
		const a = await askForPasswordReset(shop.db, t, known.email, '10.0.0.1');
		const b = await askForPasswordReset(shop.db, t, unknown, '10.0.0.1');
		expect(a).toEqual({ answer: expect.stringContaining(known.email) });
		expect(b).toEqual({ answer: (a as { answer: string }).answer.replace(known.email, unknown) });
		const events = await shop.db.select().from(outboxEvents).where(eq(outboxEvents.type, 'password_reset'));
		expect(events.length - before[0]!.n).toBe(1);
		expect(events.at(-1)).toMatchObject({ userId: known.id, payload: {} });
	});

	it('mails a single-use token of ≥128 bits, stores only its hash, ends every session and the old password', async () => {
		const user = await account();
		const phone = await createSession(shop.db, user.id);
		const laptop = await createSession(shop.db, user.id);
		await askForPasswordReset(shop.db, throttle(), user.email, '10.0.0.2');
		const token = await tokenFromEmail(user.email);
		expect(token.length).toBeGreaterThanOrEqual(22); // base64url: 6 bits a character, 43 here (256 bits)
		const stored = await shop.db.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, user.id));
		expect(stored).toHaveLength(1);
		expect(stored[0]!.tokenHash).not.toContain(token);
		expect(JSON.stringify(await shop.db.select().from(outboxEvents).where(eq(outboxEvents.userId, user.id)))).not.toContain(token);
		expect(stored[0]!.expiresAt.getTime() - stored[0]!.createdAt.getTime()).toBe(30 * 60_000);
		expect(await resetTokenUser(shop.db, token)).toMatchObject({ id: user.id });

		// Sign-up's rules apply, and a refused password leaves the token usable.
		await expect(resetPassword(shop.db, token, 'short')).rejects.toMatchObject({ field: 'password' });
		await expect(resetPassword(shop.db, token, user.email)).rejects.toMatchObject({ field: 'password' });
		expect(await resetPassword(shop.db, token, NEW)).toEqual({ userId: user.id });

		expect(await authenticate(shop.db, user.email, OLD)).toBeNull();
		expect(await authenticate(shop.db, user.email, NEW)).toMatchObject({ id: user.id });
		expect(await validateSessionToken(shop.db, phone.token)).toBeNull();
		expect(await validateSessionToken(shop.db, laptop.token)).toBeNull();
		// Once only.
		await expect(resetPassword(shop.db, token, 'another-new-password-9')).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/expired or was already used/) });
		expect(await authenticate(shop.db, user.email, NEW)).not.toBeNull();
		expect(await shop.db.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, user.id))).toEqual([]);
	});

	it('a token expires after 30 minutes', async () => {
		const user = await account();
		await askForPasswordReset(shop.db, throttle(), user.email, '10.0.0.3');
		const token = await tokenFromEmail(user.email);
		const later = new Date(Date.now() + 31 * 60_000);
		expect(await resetTokenUser(shop.db, token, later)).toBeNull();
		await expect(resetPassword(shop.db, token, NEW, later)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
		expect(await authenticate(shop.db, user.email, OLD)).not.toBeNull();
		expect(await resetTokenUser(shop.db, token, new Date(Date.now() + 29 * 60_000))).not.toBeNull();
	});

	it('an unknown or made-up token resets nothing', async () => {
		await expect(resetPassword(shop.db, 'not-a-token', NEW)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
	});

	it('is throttled per email and per address, known or not', async () => {
		const t = throttle();
		const email = `${randomUUID()}@reset.test`;
		for (let i = 0; i < RESETS_PER_EMAIL_PER_HOUR; i++) expect(await askForPasswordReset(shop.db, t, email, '10.1.0.1')).toHaveProperty('answer');
		const waited = await askForPasswordReset(shop.db, t, email, '10.1.0.2');
		expect(waited).toEqual({ wait: expect.any(Number) });
		expect((waited as { wait: number }).wait).toBeGreaterThan(3000);

		const busy = '10.2.0.1';
		for (let i = 0; i < RESETS_PER_IP_PER_HOUR; i++) await askForPasswordReset(shop.db, t, `${randomUUID()}@reset.test`, busy);
		expect(await askForPasswordReset(shop.db, t, `${randomUUID()}@reset.test`, busy)).toHaveProperty('wait');
		expect(await askForPasswordReset(shop.db, t, `${randomUUID()}@reset.test`, '10.2.0.2')).toHaveProperty('answer');
	});
});
