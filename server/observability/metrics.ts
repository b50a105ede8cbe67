import { createHash, timingSafeEqual } from 'node:crypto';
import { and, count, isNull } from 'drizzle-orm';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../db/client';
import { outboxEvents, outboxEventTypes, pushDeliveries } from '../db/schema';
import { log } from './log';

/** The app's own registry (not prom-client's global one), served at /metrics. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const httpRequests = new Counter({
	name: 'http_requests_total',
	help: 'HTTP requests answered, by method, route and status.',
	labelNames: ['method', 'route', 'status'] as const,
	registers: [registry]
});

export const httpDuration = new Histogram({
	name: 'http_request_duration_seconds',
	help: 'Time to answer an HTTP request (until the response starts), by method and route.',
	labelNames: ['method', 'route'] as const,
	buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
	registers: [registry]
});

/** Cache code increments this: `cacheLookups.inc({ cache: 'catalog', result: 'hit' })`. */
export const cacheLookups = new Counter({
	name: 'cache_lookups_total',
	help: 'Cache lookups, by cache and result (hit or miss).',
	labelNames: ['cache', 'result'] as const,
	registers: [registry]
});

let readCacheUsage: (() => { bytes: number; entries: number }) | undefined;

/** What the read cache's in-process copies take, every compressed form counted; set at each scrape. */
export const readCacheBytes = new Gauge({
	name: 'read_cache_bytes',
	help: 'Bytes held by the in-process read cache (answers in every form, and their keys).',
	registers: [registry],
	collect() {
		const usage = readCacheUsage?.();
		if (usage) this.set(usage.bytes);
	}
});

export const readCacheEntries = new Gauge({
	name: 'read_cache_entries',
	help: 'Answers held by the in-process read cache.',
	registers: [registry],
	collect() {
		const usage = readCacheUsage?.();
		if (usage) this.set(usage.entries);
	}
});

/** Makes `read_cache_bytes` and `read_cache_entries` report this cache (the app calls it once, when it makes its cache). */
export function measureReadCache(usage: () => { bytes: number; entries: number }): void {
	readCacheUsage = usage;
}

/** Sync code increments this once per `sync.push` / `sync.pull` served. */
export const syncOperations = new Counter({
	name: 'sync_operations_total',
	help: 'Sync operations served, by op (push or pull).',
	labelNames: ['op'] as const,
	registers: [registry]
});

let outboxDb: (() => Promise<Db>) | undefined;
const OUTBOX_TIMEOUT_MS = 1000;

/** Emails (by kind) and pushes (`push`) waiting to go out (neither sent nor failed for good), counted at each scrape. */
export const outboxDepth = new Gauge({
	name: 'outbox_depth',
	help: 'Outbox events not yet delivered (pending emails by kind, and pushes), by kind.',
	labelNames: ['kind'] as const,
	registers: [registry],
	async collect() {
		const source = outboxDb;
		if (!source) return;
		try {
			const rows = await withTimeout(OUTBOX_TIMEOUT_MS, source().then(pendingByKind));
			for (const kind of [...outboxEventTypes, 'push']) this.set({ kind }, rows.get(kind) ?? 0);
		} catch (error) {
			// The database is away: keep the last values rather than fail the whole scrape.
			log.warn({ err: error }, 'Counting the email outbox for metrics failed');
		}
	}
});

/** Makes `outbox_depth` count the outbox of this database (the app calls it once at start). */
export function measureOutboxOf(db: (() => Promise<Db>) | undefined): void {
	outboxDb = db;
}

async function pendingByKind(db: Db): Promise<Map<string, number>> {
	const rows = await db
		.select({ kind: outboxEvents.type, n: count() })
		.from(outboxEvents)
		.where(and(isNull(outboxEvents.sentAt), isNull(outboxEvents.failedAt)))
		.groupBy(outboxEvents.type);
	const pushes = await db.$count(pushDeliveries, and(isNull(pushDeliveries.sentAt), isNull(pushDeliveries.failedAt)));
	return new Map([...rows.map((r) => [r.kind, Number(r.n)] as const), ['push', pushes]]);
}

async function withTimeout<T>(ms: number, promise: Promise<T>): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const expired = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
	});
	try {
		return await Promise.race([promise, expired]);
	} finally {
		clearTimeout(timer);
	}
}

/** Procedure paths a tRPC URL may name; anything else is one label, so labels stay bounded. */
export function trpcRoute(pathname: string, procedures: ReadonlySet<string>): string {
	const names = decodeURIComponent(pathname.replace(/^\/api\/trpc\/?/, '')).split(',');
	if (!names.every((name) => procedures.has(name))) return 'trpc:unknown';
	// The app calls one procedure per request; batches from other clients share one label.
	return names.length === 1 ? `trpc:${names[0]}` : 'trpc:batch';
}

/** The `route` label: SvelteKit's route id, refined for tRPC; `unmatched` for anything unrouted. */
export function routeLabel(routeId: string | null, pathname: string, procedures: ReadonlySet<string>): string {
	if (!routeId) return 'unmatched';
	if (routeId === '/api/trpc/[...trpc]') {
		try {
			return trpcRoute(pathname, procedures);
		} catch {
			return 'trpc:unknown';
		}
	}
	return routeId;
}

/** Counts one answered request. */
export function observeRequest(method: string, route: string, status: number, seconds: number): void {
	// Methods are client-chosen text: keep the standard ones, fold the rest.
	const m = STANDARD_METHODS.has(method) ? method : 'OTHER';
	httpRequests.inc({ method: m, route, status: String(status) });
	httpDuration.observe({ method: m, route }, seconds);
}

const STANDARD_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Whether an `Authorization` header carries `Bearer <token>`, compared in constant time. */
export function bearerMatches(authorization: string | null, token: string): boolean {
	const match = /^Bearer (.+)$/i.exec(authorization?.trim() ?? '');
	// Digests have one length, so the comparison takes as long whatever was sent.
	return timingSafeEqual(digest(match?.[1] ?? ''), digest(token)) && match !== null;
}

/**
 * The answer to GET /metrics: the registry in Prometheus text format, or 401 when a
 * token is configured and the request does not carry it.
 */
export async function metricsResponse(request: Request, token: string | undefined): Promise<Response> {
	if (token && !bearerMatches(request.headers.get('authorization'), token)) {
		return new Response('Unauthorized', {
			status: 401,
			headers: { 'content-type': 'text/plain', 'www-authenticate': 'Bearer realm="metrics"' }
		});
	}
	return new Response(await registry.metrics(), {
		headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' }
	});
}
