import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** The endpoints with a budget; sign-up, login and password reset have theirs in `throttle.ts`. */
export const LIMIT_NAMES = ['checkout', 'push', 'pull', 'reviews', 'assistant', 'alerts'] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];

/** Requests per window, for one account and for one address (several people may share one). */
export type LimitRule = { perUser: number; perIp: number; seconds: number };

export const DEFAULT_LIMITS: Record<LimitName, LimitRule> = {
	checkout: { perUser: 10, perIp: 30, seconds: 60 },
	push: { perUser: 120, perIp: 600, seconds: 60 },
	// A device pulls on focus, on each live event and every 30 s; many devices may share an address.
	pull: { perUser: 300, perIp: 1200, seconds: 60 },
	reviews: { perUser: 10, perIp: 30, seconds: 600 },
	assistant: { perUser: 30, perIp: 90, seconds: 60 },
	// Turning pushes on or off, and the watch list a device hands over after a sync that changed it.
	alerts: { perUser: 30, perIp: 120, seconds: 60 }
};

/** `RATE_LIMIT_CHECKOUT=10/30/60`: per user / per address / window in seconds. */
export function parseLimit(text: string | undefined, fallback: LimitRule): LimitRule {
	const match = text?.trim().match(/^(\d+)\/(\d+)\/(\d+)$/);
	if (!match) {
		if (text?.trim()) throw new Error(`A rate limit reads "per user/per address/seconds", such as 10/30/60; got "${text}".`);
		return fallback;
	}
	const [perUser, perIp, seconds] = match.slice(1).map(Number) as [number, number, number];
	if (!perUser || !perIp || !seconds) throw new Error(`Rate limits must be positive; got "${text}".`);
	return { perUser, perIp, seconds };
}

/** Thrown (as a tRPC error's cause) when a budget is spent: the seconds until it allows one more. */
export class RateLimited extends Error {
	constructor(readonly retryAfterSeconds: number) {
		super(`Too many requests. Try again in ${retryAfterSeconds} s.`);
	}
}

export type RateLimitOptions = {
	/** Counters shared by every app instance; memory otherwise, and memory while Redis is down. */
	redis?: Redis;
	prefix?: string;
	limits?: Partial<Record<LimitName, LimitRule>>;
};

function limiterOf(options: RateLimitOptions, key: string, points: number, duration: number): RateLimiterAbstract {
	const keyPrefix = `${options.prefix ?? 'limit'}:${key}`;
	const memory = new RateLimiterMemory({ keyPrefix, points, duration });
	return options.redis
		? new RateLimiterRedis({
				storeClient: options.redis,
				keyPrefix,
				points,
				duration,
				// Counts in this process while Redis is unreachable, rather than failing requests.
				insuranceLimiter: memory
			})
		: memory;
}

/** Claims one point for `key`: 0 when granted, else the seconds until one is free. */
async function spend(limiter: RateLimiterAbstract, key: string): Promise<number> {
	try {
		await limiter.consume(key);
		return 0;
	} catch (refusal) {
		if (refusal instanceof RateLimiterRes) return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
		throw refusal;
	}
}

/**
 * `points` per `seconds` for any key, such as the pushes one account may receive an hour.
 * `take` claims a point before the work it pays for: 0 means go, else the seconds to wait.
 */
export function createBudget(options: RateLimitOptions & { name: string; points: number; seconds: number }) {
	const limiter = limiterOf(options, options.name, options.points, options.seconds);
	return { take: (key: string): Promise<number> => spend(limiter, key) };
}

export type Budget = ReturnType<typeof createBudget>;

/** Per-user and per-address request budgets for the endpoints that cost the shop most. */
export function createRateLimits(options: RateLimitOptions = {}) {
	const budgets = Object.fromEntries(
		LIMIT_NAMES.map((name) => {
			const rule = { ...DEFAULT_LIMITS[name], ...options.limits?.[name] };
			return [name, { user: limiterOf(options, `${name}:user`, rule.perUser, rule.seconds), ip: limiterOf(options, `${name}:ip`, rule.perIp, rule.seconds) }];
		})
	) as Record<LimitName, { user: RateLimiterAbstract; ip: RateLimiterAbstract }>;

	return {
		/** Counts one request; throws `RateLimited` when the caller's account or address is over budget. */
		async take(name: LimitName, caller: { userId: string | null; ip: string | null }): Promise<void> {
			const budget = budgets[name];
			const waits = await Promise.all([
				caller.userId ? spend(budget.user, caller.userId) : 0,
				caller.ip ? spend(budget.ip, caller.ip) : 0
			]);
			const wait = Math.max(...waits);
			if (wait) throw new RateLimited(wait);
		}
	};
}

export type RateLimits = ReturnType<typeof createRateLimits>;
