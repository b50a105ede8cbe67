import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { config } from '../config';
import { getRedis } from '../redis';

export type ThrottleOptions = {
	/** Shared counters for many app instances; in-process counters otherwise. */
	redis?: Redis;
	/** Namespaces the keys (tests use their own). */
	prefix?: string;
	/** The first delay after the free failures; each further failure doubles it. */
	baseDelaySeconds?: number;
	maxDelaySeconds?: number;
	/** Accounts one address may create per hour (more behind a shared NAT, say). */
	signupsPerHour?: number;
};

/** Failed logins for one account that cost nothing; after them the waits grow. */
export const FREE_ACCOUNT_FAILURES = 5;
/** Failed logins from one address per hour before that address waits too. */
export const FREE_IP_FAILURES = 20;
/** Accounts created from one address per hour, unless `signupsPerHour` says otherwise. */
export const SIGNUPS_PER_HOUR = 5;
/** Password reset emails one address (to) may be sent per hour, and reset requests one client address may make. */
export const RESETS_PER_EMAIL_PER_HOUR = 3;
export const RESETS_PER_IP_PER_HOUR = 20;

/**
 * Login and sign-up throttling. An account or address past its free failures waits
 * base × 2^(n−1) seconds (capped) before the next attempt; a success clears the account's
 * count. Each answer is 0 (go ahead) or the seconds to wait, for a `Retry-After` header.
 */
export function createThrottle(options: ThrottleOptions = {}) {
	const prefix = options.prefix ?? 'throttle';
	const base = options.baseDelaySeconds ?? 30;
	const max = options.maxDelaySeconds ?? 15 * 60;
	const limiter = (name: string, points: number, duration: number): RateLimiterAbstract => {
		const memory = new RateLimiterMemory({ keyPrefix: `${prefix}:${name}`, points, duration });
		// While Redis is unreachable, counts go on in this process rather than failing sign-ins.
		return options.redis
			? new RateLimiterRedis({ storeClient: options.redis, keyPrefix: `${prefix}:${name}`, points, duration, insuranceLimiter: memory })
			: memory;
	};

	const accountFailures = limiter('login-account', 1_000_000, 24 * 3600);
	const ipFailures = limiter('login-ip', 1_000_000, 3600);
	const blocks = limiter('login-block', 1, 1);
	const signupsPerHour = options.signupsPerHour ?? SIGNUPS_PER_HOUR;
	const signups = limiter('signup-ip', signupsPerHour, 3600);
	const resetEmails = limiter('reset-email', RESETS_PER_EMAIL_PER_HOUR, 3600);
	const resetIps = limiter('reset-ip', RESETS_PER_IP_PER_HOUR, 3600);

	const delayFor = (failures: number, free: number) => Math.min(base * 2 ** (failures - free - 1), max);

	async function waitFor(key: string): Promise<number> {
		const res = await blocks.get(key);
		return res && res.consumedPoints > 1 ? Math.ceil(res.msBeforeNext / 1000) : 0;
	}

	return {
		async checkLogin(email: string, ip: string): Promise<number> {
			return Math.max(await waitFor(`account:${email}`), await waitFor(`ip:${ip}`));
		},
		async loginFailed(email: string, ip: string): Promise<void> {
			const account = (await accountFailures.penalty(email, 1)).consumedPoints;
			if (account > FREE_ACCOUNT_FAILURES) await blocks.block(`account:${email}`, delayFor(account, FREE_ACCOUNT_FAILURES));
			const address = (await ipFailures.penalty(ip, 1)).consumedPoints;
			if (address > FREE_IP_FAILURES) await blocks.block(`ip:${ip}`, delayFor(address, FREE_IP_FAILURES));
		},
		async loginSucceeded(email: string): Promise<void> {
			await Promise.all([accountFailures.delete(email), blocks.delete(`account:${email}`)]);
		},
		/** Seconds this address must wait before creating another account. */
		async signupWait(ip: string): Promise<number> {
			const res = await signups.get(ip);
			return res && res.consumedPoints >= signupsPerHour ? Math.ceil(res.msBeforeNext / 1000) : 0;
		},
		/** Counts an account created from this address (a refused attempt costs nothing). */
		async signedUp(ip: string): Promise<void> {
			await signups.penalty(ip, 1);
		},
		/**
		 * Seconds before another password reset may be asked for this email or from this
		 * address. Known and unknown emails count alike, so a wait tells nothing about accounts.
		 */
		async resetWait(email: string, ip: string): Promise<number> {
			const [byEmail, byIp] = await Promise.all([resetEmails.get(email), resetIps.get(ip)]);
			const wait = (res: typeof byEmail, limit: number) => (res && res.consumedPoints >= limit ? Math.ceil(res.msBeforeNext / 1000) : 0);
			return Math.max(wait(byEmail, RESETS_PER_EMAIL_PER_HOUR), wait(byIp, RESETS_PER_IP_PER_HOUR));
		},
		async resetRequested(email: string, ip: string): Promise<void> {
			await Promise.all([resetEmails.penalty(email, 1), resetIps.penalty(ip, 1)]);
		}
	};
}

export type Throttle = ReturnType<typeof createThrottle>;

let shared: Throttle | undefined;

/** The app's throttle: in Redis when REDIS_URL is set, so all instances share it. */
export function getThrottle(): Throttle {
	shared ??= createThrottle({
		redis: getRedis(),
		signupsPerHour: config.signupsPerHour
	});
	return shared;
}
