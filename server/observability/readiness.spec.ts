import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../db/client';
import { openTestDatabase } from '../db/test-database';
import { closeRedis, getRedis } from '../redis';
import { checkReadiness } from './readiness';

let database: Database;
const db = async (): Promise<Db> => database.db;
const noRedis = () => undefined;

beforeAll(async () => {
	database = await openTestDatabase();
});
afterAll(() => database?.close());

const savedRedisUrl = process.env.REDIS_URL;
afterEach(async () => {
	await closeRedis();
	if (savedRedisUrl === undefined) delete process.env.REDIS_URL;
	else process.env.REDIS_URL = savedRedisUrl;
});

describe('readiness', () => {
	it('is ready when the database answers and no Redis is configured', async () => {
		delete process.env.REDIS_URL;
		expect(getRedis()).toBeUndefined();
		expect(await checkReadiness({ db, redis: getRedis })).toEqual({ ready: true });
	});

	it('is not ready when the database fails or does not answer in time', async () => {
		const failed = await checkReadiness({ db: () => Promise.reject(new Error('ECONNREFUSED')), redis: noRedis });
		expect(failed).toMatchObject({ ready: false, reason: 'database unavailable', detail: 'ECONNREFUSED' });

		const started = Date.now();
		const hung = await checkReadiness({ db: () => new Promise<Db>(() => {}), redis: noRedis, timeoutMs: 300 });
		expect(Date.now() - started).toBeLessThan(1500);
		expect(hung).toMatchObject({ ready: false, reason: 'database unavailable' });
	});

	it('is not ready, quickly and without throwing, when Redis is configured but down', async () => {
		process.env.REDIS_URL = 'redis://127.0.0.1:1';
		const redis = getRedis();
		expect(redis).toBeDefined();
		expect(getRedis()).toBe(redis);
		for (let attempt = 0; attempt < 3; attempt++) {
			const started = Date.now();
			const readiness = await checkReadiness({ db, redis: getRedis });
			// At most the 1 s budget, never the minutes a queued command could wait.
			expect(Date.now() - started).toBeLessThan(2000);
			expect(readiness).toMatchObject({ ready: false, reason: 'redis unavailable' });
		}
		// Commands fail at once instead of queueing until Redis is back.
		const started = Date.now();
		await expect(redis!.get('anything')).rejects.toThrow();
		expect(Date.now() - started).toBeLessThan(1500);
	});

	it.skipIf(!process.env.TEST_REDIS_URL)('is ready when Redis answers PING (TEST_REDIS_URL)', async () => {
		process.env.REDIS_URL = process.env.TEST_REDIS_URL;
		// Checked right after the client is made: readiness waits for its connection.
		expect(await checkReadiness({ db, redis: getRedis })).toEqual({ ready: true });
		expect(await checkReadiness({ db, redis: getRedis })).toEqual({ ready: true });
	});
});

describe('closeRedis', () => {
	it('lets a process whose Redis is down exit at once, not after a reconnect or disconnect timer', async () => {
		const redisModule = path.resolve(import.meta.dirname, '../redis.ts');
		const script = `
			const { closeRedis, getRedis } = await import(${JSON.stringify(redisModule)});
			getRedis();
			await new Promise((resolve) => setTimeout(resolve, 300));
			const closed = Date.now();
			await closeRedis();
			process.on('exit', () => console.log(Date.now() - closed));
		`;
		const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
			env: { ...process.env, REDIS_URL: 'redis://127.0.0.1:1', LOG_LEVEL: 'silent' },
			timeout: 20_000
		});
		// The exit follows within ioredis's (shortened) disconnect grace, far below its 2 s default.
		expect(Number(stdout.trim())).toBeLessThan(1000);
	});
});
