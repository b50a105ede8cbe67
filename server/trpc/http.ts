import { createHash } from 'node:crypto';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { MAX_PULL } from '../../src/lib/shared/sync';
import { RateLimited } from '../auth/rate-limit';
import { log } from '../observability/log';
import type { Context } from './context';
import { appRouter } from './root';

/** Reads that are the same for every visitor, so shared caches (a CDN, the browser) may keep them. */
const PUBLIC_READS = new Set(['catalog.list', 'catalog.product', 'catalog.collections', 'reviews.list', 'sync.snapshot']);
/** Fresh for a minute at a CDN, then served stale while it asks again; browsers always ask (cheaply, by ETag). */
const PUBLIC_CACHE = 'public, max-age=0, s-maxage=60, stale-while-revalidate=300';

/** Calls one request may batch; the app's own client never batches, so this only bounds what others send. */
export const MAX_BATCH = 10;

/**
 * Answers one `/api/trpc/*` request with the app router. A batch of more than `MAX_BATCH`
 * calls gets 400; its pulls share one allowance of `MAX_PULL` catalog rows; each call spends
 * its own rate-limit points.
 */
export async function handleTrpcRequest(request: Request, context: Context): Promise<Response> {
	const response = await fetchRequestHandler({
		endpoint: '/api/trpc',
		req: request,
		router: appRouter,
		maxBatchSize: MAX_BATCH,
		createContext: () => ({ ...context, pullRows: { left: MAX_PULL } }),
		responseMeta({ errors }) {
			const wait = Math.max(0, ...errors.map((e) => (e.cause instanceof RateLimited ? e.cause.retryAfterSeconds : 0)));
			return wait ? { headers: new Headers({ 'retry-after': String(wait) }) } : {};
		},
		onError({ error, path }) {
			if (error.code === 'INTERNAL_SERVER_ERROR') log.error({ err: error.cause ?? error, procedure: path ?? '?' }, 'tRPC procedure failed');
		}
	});
	return cacheablePublicRead(request, response, context);
}

/**
 * A visitor's successful public read gets an ETag and shared-cache headers, and a request
 * that already holds that version gets 304 with no body. Anything personal is left alone.
 */
async function cacheablePublicRead(request: Request, response: Response, context: Context): Promise<Response> {
	if (request.method !== 'GET' || response.status !== 200 || context.user) return response;
	const paths = new URL(request.url).pathname.replace(/^\/api\/trpc\//, '').split(',');
	if (!paths.every((path) => PUBLIC_READS.has(path))) return response;
	const body = Buffer.from(await response.arrayBuffer());
	const etag = `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
	const headers = new Headers(response.headers);
	headers.set('etag', etag);
	headers.set('cache-control', PUBLIC_CACHE);
	const held = request.headers.get('if-none-match')?.split(',').map((tag) => tag.trim());
	if (held?.includes(etag) || held?.includes('*')) {
		headers.delete('content-type');
		headers.delete('content-length');
		return new Response(null, { status: 304, headers });
	}
	return new Response(body, { status: 200, headers });
}
