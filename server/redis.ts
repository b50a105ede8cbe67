import { Redis } from 'ioredis';
import { config } from './config';
import { log } from './observability/log';

let shared: Redis | undefined;

/**
 * A Redis client that fails fast while Redis is away (callers fall back or answer 503)
 * instead of queueing commands, and keeps reconnecting in the background.
 */
export function createRedis(url: string): Redis {
	const client = new Redis(url, {
		enableOfflineQueue: false,
		maxRetriesPerRequest: 1,
		connectTimeout: 1000,
		// How long `disconnect()` lets a socket end gracefully. ioredis also arms this timer for
		// a socket that is already gone (Redis down), which would hold the exit for its 2 s default.
		disconnectTimeout: 250,
		// Never give up: back off to one attempt every 5 s.
		retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 6), 5000)
	});
	// One warning per outage, not one per reconnect attempt; an unhandled 'error' would crash.
	let down = false;
	client.on('error', (error: Error) => {
		if (down) return;
		down = true;
		log.warn({ err: error }, 'Redis is unavailable; retrying in the background');
	});
	client.on('ready', () => {
		if (down) log.info('Redis is reachable again');
		down = false;
	});
	return client;
}

/** The app's shared Redis client (made on first use), or `undefined` when REDIS_URL is unset. */
export function getRedis(): Redis | undefined {
	if (!shared && config.redisUrl) shared = createRedis(config.redisUrl);
	return shared;
}

/** Closes the shared client, so it keeps the process alive no longer. */
export async function closeRedis(): Promise<void> {
	const client = shared;
	shared = undefined;
	if (!client) return;
	if (client.status !== 'ready') {
		client.disconnect();
		return;
	}
	const quit = client.quit().then(
		() => undefined,
		() => undefined
	);
	const timer = new Promise<void>((resolve) => setTimeout(resolve, 1000).unref());
	await Promise.race([quit, timer]);
	client.disconnect();
}
