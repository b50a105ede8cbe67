import { once } from 'node:events';
import { sql } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import type { Db } from '../db/client';

/** `reason` is safe to show anyone; `detail` (the error) is for the logs. */
export type Readiness = { ready: true } | { ready: false; reason: string; detail: string };

export type ReadinessChecks = {
	/** The app's database; a rejection counts as unavailable. */
	db: () => Promise<Db>;
	/** The shared Redis client, or undefined when the app runs without Redis. */
	redis: () => Redis | undefined;
	/** How long each dependency may take to answer. */
	timeoutMs?: number;
};

class Timeout extends Error {}

/** `promise`, or a rejection after `ms`: a dependency that hangs counts as down. */
async function within<T>(ms: number, promise: Promise<T>): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const expired = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Timeout(`no answer within ${ms} ms`)), ms);
	});
	try {
		return await Promise.race([promise, expired]);
	} finally {
		clearTimeout(timer);
	}
}

async function pingRedis(redis: Redis, signal: AbortSignal): Promise<void> {
	// A client that lost its connection is down until it reconnects; one that is still making
	// its first connection gets the rest of the time budget (a connection error ends it early).
	if (redis.status === 'reconnecting' || redis.status === 'end' || redis.status === 'close') throw new Error(`connection ${redis.status}`);
	if (redis.status === 'wait') void redis.connect().catch(() => {});
	if (redis.status !== 'ready') await once(redis, 'ready', { signal });
	const answer = await redis.ping();
	if (answer !== 'PONG') throw new Error(`PING answered ${answer}`);
}

/**
 * Whether this instance can serve: the database answers `select 1` and, when the app
 * uses Redis, Redis answers PING, each within `timeoutMs`. Never throws.
 */
export async function checkReadiness(checks: ReadinessChecks): Promise<Readiness> {
	const timeoutMs = checks.timeoutMs ?? 1000;
	try {
		await within(
			timeoutMs,
			checks.db().then((db) => db.execute(sql`select 1`))
		);
	} catch (error) {
		return { ready: false, reason: 'database unavailable', detail: describe(error) };
	}
	const redis = checks.redis();
	if (redis) {
		const abort = new AbortController();
		try {
			await within(timeoutMs, pingRedis(redis, abort.signal));
		} catch (error) {
			return { ready: false, reason: 'redis unavailable', detail: describe(error) };
		} finally {
			abort.abort();
		}
	}
	return { ready: true };
}

function describe(error: unknown): string {
	return error instanceof Error ? error.message || error.name : String(error);
}
