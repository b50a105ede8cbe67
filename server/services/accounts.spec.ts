import { randomUUID } from 'node:crypto';
import { and, eq, inArray, like } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { verifyPassword } from '../auth/password';
import { createThrottle, FREE_ACCOUNT_FAILURES, FREE_IP_FAILURES, RESETS_PER_EMAIL_PER_HOUR, SIGNUPS_PER_HOUR } from '../auth/throttle';
import { outboxEvents, users } from '../db/schema';
import { signIn, signUp, signUpFrom } from './accounts';
import { askForPasswordReset } from './email/password-reset';
import { useSeededShop } from '../testing/seeded-shop';

// Bursts of parallel requests against the forms' real work, with the limits counted in
// memory and, given TEST_REDIS_URL, in Redis: no burst may pass more than its budget.
const redisUrl = process.env.TEST_REDIS_URL;
const redis = redisUrl ? new Redis(redisUrl) : undefined;
const PASSWORD = 'right-password-for-bursts';

// Every argon2 verification is counted: that is the work a throttle must keep a burst from.
vi.mock('../auth/password', async (original) => {
	const real = await original<typeof import('../auth/password')>();
	return { ...real, verifyPassword: vi.fn(real.verifyPassword) };
});
const passwordChecks = () => vi.mocked(verifyPassword).mock.calls.length;

const shop = useSeededShop({ seed: false });
afterAll(async () => {
	await redis?.quit();
});

const stores = [{ name: 'in memory', redis: undefined }, ...(redis ? [{ name: 'in Redis', redis }] : [])];

describe.each(stores)('bursts against the limits $name', ({ redis }) => {
	const throttle = () => createThrottle({ redis, prefix: `burst-${randomUUID()}` });
	const account = async () => {
		const email = `${randomUUID()}@burst.test`;
		await signUp(shop.db, { email, password: PASSWORD, firstName: '', lastName: '' });
		return email;
	};

	it('100 parallel sign-ins to one account: only the free budget reaches the password check, and the right password last is refused', async () => {
		const email = await account();
		const t = throttle();
		const passwords = [...Array.from({ length: 99 }, (_, i) => `wrong-password-${i}`), PASSWORD];
		const before = passwordChecks();
		const results = await Promise.all(passwords.map((password) => signIn(shop.db, t, { email, password }, '10.9.0.1')));
		const checked = results.filter((r) => 'user' in r);
		expect(passwordChecks() - before).toBe(checked.length);
		expect(checked.length).toBeLessThanOrEqual(FREE_ACCOUNT_FAILURES + 1);
		expect(results.filter((r) => 'wait' in r)).toHaveLength(100 - checked.length);
		expect(results.at(-1)).toEqual({ wait: expect.any(Number) });
		// The same right password, alone and after the burst, still waits.
		expect(await signIn(shop.db, t, { email, password: PASSWORD }, '10.9.0.2')).toEqual({ wait: expect.any(Number) });
	});

	it('100 parallel sign-ins from one address across accounts: at most its free budget is checked', async () => {
		const t = throttle();
		const before = passwordChecks();
		await Promise.all(
			Array.from({ length: 100 }, (_, i) => signIn(shop.db, t, { email: `nobody-${i}-${randomUUID()}@burst.test`, password: 'wrong-password' }, '10.9.1.1'))
		);
		expect(passwordChecks() - before).toBeLessThanOrEqual(FREE_IP_FAILURES + 1);
	});

	it('a right password within the free budget signs in and clears the count', async () => {
		const email = await account();
		const t = throttle();
		for (let i = 0; i < FREE_ACCOUNT_FAILURES - 1; i++) expect(await signIn(shop.db, t, { email, password: 'wrong-password' }, '10.9.2.1')).toEqual({ user: null });
		expect(await signIn(shop.db, t, { email, password: PASSWORD }, '10.9.2.1')).toMatchObject({ user: { email } });
		const again = await Promise.all(Array.from({ length: FREE_ACCOUNT_FAILURES }, () => signIn(shop.db, t, { email, password: 'wrong-password' }, '10.9.2.1')));
		expect(again.every((r) => 'user' in r)).toBe(true);
	});

	it('20 parallel password resets for one email queue at most 3 emails', async () => {
		const email = await account();
		const [user] = await shop.db.select({ id: users.id }).from(users).where(eq(users.email, email));
		const t = throttle();
		const results = await Promise.all(Array.from({ length: 20 }, (_, i) => askForPasswordReset(shop.db, t, email, `10.9.3.${i}`)));
		expect(results.filter((r) => 'answer' in r)).toHaveLength(RESETS_PER_EMAIL_PER_HOUR);
		const queued = await shop.db.select().from(outboxEvents).where(and(eq(outboxEvents.type, 'password_reset'), eq(outboxEvents.userId, user!.id)));
		expect(queued).toHaveLength(RESETS_PER_EMAIL_PER_HOUR);
	});

	it('20 parallel sign-ups from one address create at most 5 accounts; a refused one costs nothing', async () => {
		const t = throttle();
		const tag = randomUUID();
		const results = await Promise.allSettled(
			Array.from({ length: 20 }, (_, i) => signUpFrom(shop.db, t, { email: `${tag}-${i}@burst.test`, password: PASSWORD, firstName: '', lastName: '' }, '10.9.4.1'))
		);
		const made = await shop.db.select({ id: users.id }).from(users).where(like(users.email, `${tag}-%`));
		expect(made).toHaveLength(SIGNUPS_PER_HOUR);
		expect(results.filter((r) => r.status === 'fulfilled' && 'wait' in r.value)).toHaveLength(20 - SIGNUPS_PER_HOUR);

		// An email already taken makes no account and gives its point back.
		const other = throttle();
		const taken = `${tag}-0@burst.test`;
		await expect(signUpFrom(shop.db, other, { email: taken, password: PASSWORD, firstName: '', lastName: '' }, '10.9.4.2')).rejects.toMatchObject({ field: 'email' });
		const fresh = await Promise.all(
			Array.from({ length: SIGNUPS_PER_HOUR }, (_, i) => signUpFrom(shop.db, other, { email: `${tag}-again-${i}@burst.test`, password: PASSWORD, firstName: '', lastName: '' }, '10.9.4.2'))
		);
		expect(fresh.every((r) => 'user' in r)).toBe(true);
		await shop.db.delete(users).where(inArray(users.id, made.map((m) => m.id)));
	});
});
