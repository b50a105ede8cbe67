import { describe, expect, it } from 'vitest';
import { createLogger, currentRequest, logLevel, requestIdFrom, withRequestContext } from './log';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request ids', () => {
	it('keeps a sane incoming id', () => {
		expect(requestIdFrom('abc-123_x.y')).toBe('abc-123_x.y');
		expect(requestIdFrom('a'.repeat(64))).toBe('a'.repeat(64));
	});

	it('replaces a missing, long or odd id with a new UUID', () => {
		for (const header of [null, undefined, '', 'a'.repeat(65), 'has space', 'semi;colon', 'new\nline', 'ünïcode', '{"json":1}']) {
			const id = requestIdFrom(header);
			expect(id).toMatch(UUID);
			expect(id).not.toBe(header);
		}
		expect(requestIdFrom(null)).not.toBe(requestIdFrom(null));
	});
});

describe('logger', () => {
	function capture() {
		const lines: Record<string, unknown>[] = [];
		const logger = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
		return { lines, logger };
	}

	it('tags every line written while handling a request with its reqId, across awaits', async () => {
		const { lines, logger } = capture();
		logger.info('before');
		await withRequestContext({ reqId: 'req-1' }, async () => {
			logger.info('start');
			await new Promise((resolve) => setTimeout(resolve, 5));
			logger.child({ part: 'db' }).warn('later');
			expect(currentRequest()).toEqual({ reqId: 'req-1' });
		});
		await Promise.all([
			withRequestContext({ reqId: 'req-a' }, async () => {
				await new Promise((resolve) => setTimeout(resolve, 10));
				logger.info('a');
			}),
			withRequestContext({ reqId: 'req-b' }, async () => logger.info('b'))
		]);
		logger.info('after');
		const byMsg = Object.fromEntries(lines.map((l) => [l.msg, l]));
		expect(byMsg.before?.reqId).toBeUndefined();
		expect(byMsg.start).toMatchObject({ reqId: 'req-1', level: 'info' });
		expect(byMsg.later).toMatchObject({ reqId: 'req-1', level: 'warn', part: 'db' });
		expect(byMsg.a?.reqId).toBe('req-a');
		expect(byMsg.b?.reqId).toBe('req-b');
		expect(byMsg.after?.reqId).toBeUndefined();
		expect(typeof byMsg.start?.time).toBe('string');
	});

	it('takes LOG_LEVEL, is silent under tests unless told, info otherwise', () => {
		expect(logLevel({ LOG_LEVEL: 'debug' })).toBe('debug');
		expect(logLevel({ LOG_LEVEL: 'WARN', VITEST: 'true' })).toBe('warn');
		expect(logLevel({ VITEST: 'true' })).toBe('silent');
		expect(logLevel({ NODE_ENV: 'test' })).toBe('silent');
		expect(logLevel({})).toBe('info');
		expect(logLevel({ LOG_LEVEL: 'loud' })).toBe('info');
	});
});
