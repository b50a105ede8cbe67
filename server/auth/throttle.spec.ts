import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createThrottle, FREE_ACCOUNT_FAILURES, FREE_IP_FAILURES, RESETS_PER_EMAIL_PER_HOUR, SIGNUPS_PER_HOUR } from './throttle';

const redisUrl = process.env.TEST_REDIS_URL;
const redis = redisUrl ? new Redis(redisUrl) : undefined;
afterAll(() => redis?.quit());

const stores = [{ name: 'in memory', redis: undefined }, ...(redis ? [{ name: 'in Redis', redis }] : [])];

/** Runs `count` claims at once, as a burst of parallel requests would. */
const burst = (count: number, claim: (i: number) => Promise<number>) => Promise.all(Array.from({ length: count }, (_, i) => claim(i)));
const allowed = (waits: number[]) => waits.filter((wait) => wait === 0).length;

describe.each(stores)('throttle $name', ({ redis }) => {
	const make = (base = 1, options: { signupsPerHour?: number } = {}) =>
		createThrottle({ redis, prefix: `test-${randomUUID()}`, baseDelaySeconds: base, maxDelaySeconds: 8, ...options });

	it('lets the free attempts through, then one attempt per wait, each wait longer', async () => {
		const throttle = make(2);
		for (let i = 0; i < FREE_ACCOUNT_FAILURES; i++) expect(await throttle.claimLogin('a@example.com', '10.0.0.1')).toBe(0);
		// The first attempt past the free ones opens a wait of 2 s; the next must sit it out.
		expect(await throttle.claimLogin('a@example.com', '10.0.0.1')).toBe(0);
		const first = await throttle.claimLogin('a@example.com', '10.0.0.2');
		expect(first).toBeGreaterThanOrEqual(1);
		expect(first).toBeLessThanOrEqual(2);
		// Other accounts are not affected.
		expect(await throttle.claimLogin('b@example.com', '10.0.0.4')).toBe(0);
	});

	it('releases the account when the wait is over, and a success clears it', async () => {
		const throttle = make(1);
		for (let i = 0; i <= FREE_ACCOUNT_FAILURES; i++) await throttle.claimLogin('c@example.com', '10.0.1.1');
		expect(await throttle.claimLogin('c@example.com', '10.0.1.1')).toBeGreaterThan(0);
		await new Promise((resolve) => setTimeout(resolve, 1_100));
		expect(await throttle.claimLogin('c@example.com', '10.0.1.1')).toBe(0);
		// The one after it waits twice as long.
		expect(await throttle.claimLogin('c@example.com', '10.0.1.1')).toBe(2);
		await throttle.loginSucceeded('c@example.com', '10.0.1.1');
		expect(allowed(await burst(FREE_ACCOUNT_FAILURES, () => throttle.claimLogin('c@example.com', '10.0.1.1')))).toBe(FREE_ACCOUNT_FAILURES);
	});

	it('counts a burst of attempts on one account as they arrive', async () => {
		const throttle = make(8);
		const waits = await burst(100, (i) => throttle.claimLogin('d@example.com', `10.0.5.${i}`));
		// The free attempts and the one that opens the first wait; every other gets the wait.
		expect(allowed(waits)).toBe(FREE_ACCOUNT_FAILURES + 1);
		// The wait is the whole first window (capped at 8 s here).
		expect(Math.min(...waits.filter(Boolean))).toBeGreaterThanOrEqual(7);
	});

	it('counts a burst from one address across accounts the same way', async () => {
		const throttle = make(8);
		const waits = await burst(100, (i) => throttle.claimLogin(`user${i}@example.com`, '10.0.2.1'));
		expect(allowed(waits)).toBe(FREE_IP_FAILURES + 1);
		expect(await throttle.claimLogin('fresh@example.com', '10.0.2.2')).toBe(0);
		// Refused attempts were never tried, so they did not eat into the accounts' budgets.
		expect(allowed(await burst(FREE_ACCOUNT_FAILURES, () => throttle.claimLogin('user99@example.com', '10.0.2.3')))).toBe(FREE_ACCOUNT_FAILURES);
	});

	it('claims sign-ups as they arrive, and gives back one that made no account', async () => {
		const throttle = make();
		expect(allowed(await burst(20, () => throttle.claimSignup('10.0.3.1')))).toBe(SIGNUPS_PER_HOUR);
		const wait = await throttle.claimSignup('10.0.3.1');
		expect(wait).toBeGreaterThan(0);
		expect(wait).toBeLessThanOrEqual(3600);
		expect(await throttle.claimSignup('10.0.3.2')).toBe(0);
		await throttle.signupAbandoned('10.0.3.2');
		expect(allowed(await burst(SIGNUPS_PER_HOUR + 1, () => throttle.claimSignup('10.0.3.2')))).toBe(SIGNUPS_PER_HOUR);
	});

	it('takes another sign-up limit from its options', async () => {
		const throttle = make(1, { signupsPerHour: 2 });
		expect(allowed(await burst(5, () => throttle.claimSignup('10.0.4.1')))).toBe(2);
	});

	it('claims password resets per email as they arrive', async () => {
		const throttle = make();
		expect(allowed(await burst(20, (i) => throttle.claimReset('e@example.com', `10.0.6.${i}`)))).toBe(RESETS_PER_EMAIL_PER_HOUR);
		expect(await throttle.claimReset('f@example.com', '10.0.6.1')).toBe(0);
	});
});
