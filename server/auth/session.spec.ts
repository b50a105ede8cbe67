import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../db/schema';
import { signUp } from '../services/accounts';
import { useSeededShop } from '../testing/seeded-shop';
import {
	createSession,
	invalidateSession,
	SESSION_ABSOLUTE_MS,
	SESSION_IDLE_MS,
	validateSessionToken
} from './session';

const shop = useSeededShop({ seed: false });
let userId: string;
const DAY = 86_400_000;

beforeAll(async () => {
	userId = (await signUp(shop.db, { email: 'session@example.com', password: 'a fine long password', firstName: '', lastName: '' })).id;
});

describe('sessions', () => {
	it('issues tokens of two 160-bit random parts, never twice the same', async () => {
		const tokens = new Set<string>();
		for (let i = 0; i < 20; i++) {
			const { token } = await createSession(shop.db, userId);
			expect(token).toMatch(/^[a-z2-7]{32}\.[a-z2-7]{32}$/);
			tokens.add(token);
		}
		expect(tokens.size).toBe(20);
	});

	it('stores only the hash of the secret, so the table cannot sign anyone in', async () => {
		const { token, session } = await createSession(shop.db, userId);
		const secret = token.split('.')[1]!;
		const [row] = await shop.db.select().from(sessions).where(eq(sessions.id, session.id));
		expect(JSON.stringify(row)).not.toContain(secret);
		expect(row!.secretHash).toMatch(/^[0-9a-f]{64}$/);
		// Knowing the stored row is not enough: presenting the hash as the secret fails.
		expect(await validateSessionToken(shop.db, `${session.id}.${row!.secretHash}`)).toBeNull();
	});

	it('accepts its own token and rejects a tampered one', async () => {
		const { token } = await createSession(shop.db, userId);
		expect((await validateSessionToken(shop.db, token))?.user.id).toBe(userId);
		// Another character in the same place, whatever the random token holds there.
		const other = (c: string) => (c === 'a' ? 'b' : 'a');
		const tampered = [token.slice(0, -1) + other(token.at(-1)!), other(token[0]!) + token.slice(1)];
		for (const bad of [...tampered, token.replace('.', ''), `${token}.x`, '', '.']) {
			expect(await validateSessionToken(shop.db, bad), bad).toBeNull();
		}
	});

	it('refuses an expired session and deletes it', async () => {
		const start = new Date('2026-01-01T00:00:00Z');
		const { token, session } = await createSession(shop.db, userId, start);
		expect(await validateSessionToken(shop.db, token, new Date(start.getTime() + SESSION_IDLE_MS + 1))).toBeNull();
		expect(await shop.db.select().from(sessions).where(eq(sessions.id, session.id))).toEqual([]);
	});

	it('slides the expiry forward once past half its life, up to the absolute lifetime', async () => {
		const start = new Date('2026-02-01T00:00:00Z');
		const { token, session } = await createSession(shop.db, userId, start);

		const early = await validateSessionToken(shop.db, token, new Date(start.getTime() + DAY));
		expect(early?.renewed).toBe(false);
		expect(early?.session.expiresAt).toEqual(session.expiresAt);

		const later = new Date(start.getTime() + 16 * DAY);
		const renewed = await validateSessionToken(shop.db, token, later);
		expect(renewed?.renewed).toBe(true);
		expect(renewed?.session.expiresAt.getTime()).toBe(later.getTime() + SESSION_IDLE_MS);

		// Used every 14 days it lives on, but never past the absolute lifetime.
		let now = later.getTime();
		while (now + 14 * DAY < start.getTime() + SESSION_ABSOLUTE_MS) {
			now += 14 * DAY;
			const found = await validateSessionToken(shop.db, token, new Date(now));
			expect(found).not.toBeNull();
			expect(found!.session.expiresAt.getTime()).toBeLessThanOrEqual(start.getTime() + SESSION_ABSOLUTE_MS);
		}
		expect(await validateSessionToken(shop.db, token, new Date(start.getTime() + SESSION_ABSOLUTE_MS))).toBeNull();
	});

	it('is gone after logout', async () => {
		const { token, session } = await createSession(shop.db, userId);
		await invalidateSession(shop.db, session.id);
		expect(await validateSessionToken(shop.db, token)).toBeNull();
	});
});
