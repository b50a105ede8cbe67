import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createRateLimits, DEFAULT_LIMITS, parseLimit, RateLimited } from './rate-limit';

const redisUrl = process.env.TEST_REDIS_URL;
const caller = (userId: string | null, ip: string | null) => ({ userId, ip });

async function refusal(promise: Promise<void>): Promise<RateLimited | null> {
	try {
		await promise;
		return null;
	} catch (error) {
		if (error instanceof RateLimited) return error;
		throw error;
	}
}

describe('rate limits', () => {
	it('counts per account and per address, and says how long to wait', async () => {
		const limits = createRateLimits({ prefix: randomUUID(), limits: { checkout: { perUser: 2, perIp: 3, seconds: 60 } } });
		await limits.take('checkout', caller('ann', '10.0.0.1'));
		await limits.take('checkout', caller('ann', '10.0.0.2'));
		const third = await refusal(limits.take('checkout', caller('ann', '10.0.0.3')));
		expect(third?.retryAfterSeconds).toBeGreaterThan(55);
		// Another account on an address with budget left goes through, until the address is spent.
		await limits.take('checkout', caller('bob', '10.0.0.1'));
		await limits.take('checkout', caller('cy', '10.0.0.1'));
		expect(await refusal(limits.take('checkout', caller('dee', '10.0.0.1')))).toBeInstanceOf(RateLimited);
		// Budgets are per endpoint.
		await limits.take('assistant', caller('ann', '10.0.0.3'));
	});

	it('reads RATE_LIMIT_* values and refuses nonsense at start-up', () => {
		expect(parseLimit(undefined, DEFAULT_LIMITS.push)).toEqual(DEFAULT_LIMITS.push);
		expect(parseLimit(' 5/20/30 ', DEFAULT_LIMITS.push)).toEqual({ perUser: 5, perIp: 20, seconds: 30 });
		expect(() => parseLimit('lots', DEFAULT_LIMITS.push)).toThrow(/per user\/per address\/seconds/);
		expect(() => parseLimit('0/1/1', DEFAULT_LIMITS.push)).toThrow(/positive/);
	});

	it('keeps counting in memory while Redis is unreachable', async () => {
		const dead = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
		dead.on('error', () => {});
		const limits = createRateLimits({ redis: dead, prefix: randomUUID(), limits: { reviews: { perUser: 1, perIp: 10, seconds: 60 } } });
		await limits.take('reviews', caller('ann', '10.0.0.1'));
		expect(await refusal(limits.take('reviews', caller('ann', '10.0.0.1')))).toBeInstanceOf(RateLimited);
		dead.disconnect();
	});

	it.runIf(redisUrl)('holds across app instances that share Redis', async () => {
		const prefix = randomUUID();
		const [a, b] = [new Redis(redisUrl!), new Redis(redisUrl!)];
		const rule = { checkout: { perUser: 3, perIp: 100, seconds: 60 } };
		const instanceA = createRateLimits({ redis: a, prefix, limits: rule });
		const instanceB = createRateLimits({ redis: b, prefix, limits: rule });
		await instanceA.take('checkout', caller('ann', '10.0.0.1'));
		await instanceB.take('checkout', caller('ann', '10.0.0.2'));
		await instanceA.take('checkout', caller('ann', '10.0.0.3'));
		expect(await refusal(instanceB.take('checkout', caller('ann', '10.0.0.4')))).toBeInstanceOf(RateLimited);
		a.disconnect();
		b.disconnect();
	});
});
