import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createThrottle, FREE_ACCOUNT_FAILURES, FREE_IP_FAILURES, SIGNUPS_PER_HOUR } from './throttle';

const redisUrl = process.env.TEST_REDIS_URL;
const redis = redisUrl ? new Redis(redisUrl) : undefined;
afterAll(() => redis?.quit());

const stores = [{ name: 'in memory', redis: undefined }, ...(redis ? [{ name: 'in Redis', redis }] : [])];

describe.each(stores)('throttle $name', ({ redis }) => {
	const make = (base = 1, options: { signupsPerHour?: number } = {}) =>
		createThrottle({ redis, prefix: `test-${randomUUID()}`, baseDelaySeconds: base, maxDelaySeconds: 8, ...options });

	it('lets the free failures through, then makes the account wait longer each time', async () => {
		const throttle = make(2);
		for (let i = 0; i < FREE_ACCOUNT_FAILURES; i++) {
			expect(await throttle.checkLogin('a@example.com', '10.0.0.1')).toBe(0);
			await throttle.loginFailed('a@example.com', '10.0.0.1');
		}
		expect(await throttle.checkLogin('a@example.com', '10.0.0.1')).toBe(0);
		await throttle.loginFailed('a@example.com', '10.0.0.1');
		const first = await throttle.checkLogin('a@example.com', '10.0.0.2');
		expect(first).toBeGreaterThanOrEqual(1);
		expect(first).toBeLessThanOrEqual(2);
		await throttle.loginFailed('a@example.com', '10.0.0.1');
		expect(await throttle.checkLogin('a@example.com', '10.0.0.3')).toBeGreaterThan(2);
		// Other accounts are not affected.
		expect(await throttle.checkLogin('b@example.com', '10.0.0.4')).toBe(0);
	});

	it('releases the account when the wait is over, and a success clears it', async () => {
		const throttle = make(1);
		for (let i = 0; i <= FREE_ACCOUNT_FAILURES; i++) await throttle.loginFailed('c@example.com', '10.0.1.1');
		expect(await throttle.checkLogin('c@example.com', '10.0.1.1')).toBeGreaterThan(0);
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		expect(await throttle.checkLogin('c@example.com', '10.0.1.1')).toBe(0);
		await throttle.loginSucceeded('c@example.com');
		await throttle.loginFailed('c@example.com', '10.0.1.1');
		expect(await throttle.checkLogin('c@example.com', '10.0.1.1')).toBe(0);
	});

	it('makes one address wait after many failures across accounts', async () => {
		const throttle = make(1);
		for (let i = 0; i <= FREE_IP_FAILURES; i++) await throttle.loginFailed(`user${i}@example.com`, '10.0.2.1');
		expect(await throttle.checkLogin('fresh@example.com', '10.0.2.1')).toBeGreaterThan(0);
		expect(await throttle.checkLogin('fresh@example.com', '10.0.2.2')).toBe(0);
	});

	it('limits accounts created per address per hour', async () => {
		const throttle = make();
		for (let i = 0; i < SIGNUPS_PER_HOUR; i++) {
			expect(await throttle.signupWait('10.0.3.1')).toBe(0);
			await throttle.signedUp('10.0.3.1');
		}
		const wait = await throttle.signupWait('10.0.3.1');
		expect(wait).toBeGreaterThan(0);
		expect(wait).toBeLessThanOrEqual(3600);
		expect(await throttle.signupWait('10.0.3.2')).toBe(0);
	});

	it('takes another sign-up limit from its options', async () => {
		const throttle = make(1, { signupsPerHour: 2 });
		for (let i = 0; i < 2; i++) await throttle.signedUp('10.0.4.1');
		expect(await throttle.signupWait('10.0.4.1')).toBeGreaterThan(0);
	});
});
