import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

/** What every log line written while handling one request carries. */
export type RequestContext = { reqId: string };

const requests = new AsyncLocalStorage<RequestContext>();

/** `LOG_LEVEL` when it names a level; quiet under tests unless asked; `info` otherwise. */
export function logLevel(env: NodeJS.ProcessEnv = process.env): string {
	const asked = env.LOG_LEVEL?.trim().toLowerCase();
	if (asked && (asked === 'silent' || asked in pino.levels.values)) return asked;
	if (env.NODE_ENV === 'test' || env.VITEST) return 'silent';
	return 'info';
}

/**
 * A logger writing one JSON object per line (stdout unless told otherwise), for a log
 * shipper to read. Lines written inside `withRequestContext` carry that request's `reqId`.
 */
export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
	const settings: LoggerOptions = {
		level: options.level ?? logLevel(),
		base: { pid: process.pid },
		timestamp: pino.stdTimeFunctions.isoTime,
		formatters: { level: (label) => ({ level: label }) },
		mixin: () => {
			const context = requests.getStore();
			return context ? { reqId: context.reqId } : {};
		}
	};
	return options.destination ? pino(settings, options.destination) : pino(settings);
}

/** The process's logger. */
export const log: Logger = createLogger();

// A token a proxy or client may have minted already; anything else is replaced, so a
// header can neither bloat nor forge log lines.
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The incoming `x-request-id` when it is a sane token, else a new UUID. */
export function requestIdFrom(header: string | null | undefined): string {
	return header && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}

/** Runs `fn` (and everything it awaits) with `context` attached to every log line. */
export function withRequestContext<T>(context: RequestContext, fn: () => T): T {
	return requests.run(context, fn);
}

/** The context of the request being handled, if any. */
export function currentRequest(): RequestContext | undefined {
	return requests.getStore();
}
