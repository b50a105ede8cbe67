import { createRateLimits, type RateLimits } from './auth/rate-limit';
import { config } from './config';
import { log } from './observability/log';
import { cacheLookups, measureReadCache } from './observability/metrics';
import { getRedis } from './redis';
import { createReadCache, type ReadCache } from './services/read-cache';

let limits: RateLimits | undefined;
let cache: ReadCache | undefined;

/** The app's request budgets, counted in Redis when REDIS_URL is set (so across instances). */
export function appRateLimits(): RateLimits {
	limits ??= createRateLimits({ redis: getRedis(), limits: config.rateLimits });
	return limits;
}

/** The app's cache of public reads: in this process, and in Redis when REDIS_URL is set; none when READ_CACHE=off. */
export function appReadCache(): ReadCache | undefined {
	if (!cache && config.readCache) {
		const made = createReadCache({
			redis: getRedis(),
			onLookup: (name, result) => cacheLookups.inc({ cache: name, result }),
			onRedisError: (error) => log.warn({ err: error }, 'Redis read failed; reading from the database')
		});
		measureReadCache(() => made.usage());
		cache = made;
	}
	return cache;
}
