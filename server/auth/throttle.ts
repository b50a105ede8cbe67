import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
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

const secondsOf = (refusal: unknown): number => {
	if (refusal instanceof RateLimiterRes) return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
	throw refusal;
};

/**
 * Login, sign-up and password-reset throttling. Every attempt claims its point before the
 * work it guards (the password check, the account, the email), in one atomic step of the
 * store, so a burst of parallel requests is counted as it arrives, not after its work is
 * done. Each claim answers 0 (go ahead) or the seconds to wait, for a `Retry-After` header.
 *
 * Sign-in: an account or address past its free failures may try once per wait, the wait
 * being base × 2^(n−1) seconds (capped) after its n-th failure past the free ones; a
 * success clears the account's count.
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

	/** One point per attempt, taken before the password is checked; a success gives it back. */
	const failureBudget = (name: string, free: number, seconds: number) => {
		const attempts = limiter(name, Number.MAX_SAFE_INTEGER, seconds);
		// Past the free attempts, one attempt per wait: the first to claim the gate opens it for its window.
		const gate = limiter(`${name}-gate`, 1, 1);
		return {
			async claim(key: string): Promise<number> {
				const n = (await attempts.penalty(key, 1)).consumedPoints;
				if (n <= free) return 0;
				try {
					await gate.consume(key, 1, { customDuration: Math.min(base * 2 ** (n - free - 1), max) });
					return 0;
				} catch (refusal) {
					// A refused attempt was never tried: it does not lengthen the next wait.
					await attempts.reward(key, 1);
					return secondsOf(refusal);
				}
			},
			giveBack: (key: string) => attempts.reward(key, 1),
			clear: (key: string) => Promise.all([attempts.delete(key), gate.delete(key)])
		};
	};
	const accounts = failureBudget('login-account', FREE_ACCOUNT_FAILURES, 24 * 3600);
	const addresses = failureBudget('login-ip', FREE_IP_FAILURES, 3600);
	const signups = limiter('signup-ip', options.signupsPerHour ?? SIGNUPS_PER_HOUR, 3600);
	const resetEmails = limiter('reset-email', RESETS_PER_EMAIL_PER_HOUR, 3600);
	const resetIps = limiter('reset-ip', RESETS_PER_IP_PER_HOUR, 3600);

	/** Takes a point, or answers the seconds until one is free. */
	const take = (budget: RateLimiterAbstract, key: string): Promise<number> => budget.consume(key).then(() => 0, secondsOf);

	return {
		/** Claims a sign-in attempt for this account from this address; counted as failed until `loginSucceeded`. */
		async claimLogin(email: string, ip: string): Promise<number> {
			const addressWait = await addresses.claim(ip);
			if (addressWait) return addressWait;
			const accountWait = await accounts.claim(email);
			if (accountWait) await addresses.giveBack(ip);
			return accountWait;
		},
		/** The claimed attempt was the right password: the account starts afresh, and the address is not charged. */
		async loginSucceeded(email: string, ip: string): Promise<void> {
			await Promise.all([accounts.clear(email), addresses.giveBack(ip)]);
		},
		/** Claims one account from this address; `signupAbandoned` gives it back when none was made. */
		claimSignup: (ip: string): Promise<number> => take(signups, ip),
		async signupAbandoned(ip: string): Promise<void> {
			await signups.reward(ip, 1);
		},
		/**
		 * Claims one password reset for this email from this address. Known and unknown
		 * emails count alike, so a wait tells nothing about accounts.
		 */
		async claimReset(email: string, ip: string): Promise<number> {
			const byIp = await take(resetIps, ip);
			if (byIp) return byIp;
			const byEmail = await take(resetEmails, email);
			if (byEmail) await resetIps.reward(ip, 1);
			return byEmail;
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
