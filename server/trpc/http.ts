import { createHash } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { config } from '../config';
import { MAX_PULL } from '../../src/lib/shared/sync';
import { RateLimited } from '../auth/rate-limit';
import { chooseForm, compressed, encodeOnce } from '../http/compress';
import { log } from '../observability/log';
import { canonicalJson, type CachedAnswer, type ReadCache } from '../services/read-cache';
import type { Context } from './context';
import { appRouter } from './root';

const ENDPOINT = '/api/trpc';
/**
 * Reads that are the same for every caller: shared caches (a CDN, the browser) may keep a
 * visitor's answer, and the read cache keeps every answer. None spends a rate limit.
 */
const PUBLIC_READS = new Set(['catalog.list', 'catalog.product', 'catalog.collections', 'reviews.list', 'sync.snapshot']);
/** Fresh for a minute at a CDN, then served stale while it asks again; browsers always ask (cheaply, by ETag). */
const PUBLIC_CACHE = 'public, max-age=0, s-maxage=60, stale-while-revalidate=300';
/** What tRPC says an answer varies by; a kept answer says the same. */
const TRPC_VARY = 'trpc-accept, accept';

/** Calls one request may batch; the app's own client never batches, so this only bounds what others send. */
export const MAX_BATCH = 10;

/**
 * Answers one `/api/trpc/*` request. A single public read is answered from the read cache
 * when it holds it, before tRPC parses anything; otherwise the app router answers (a miss
 * fills the cache). A batch of more than `MAX_BATCH` calls gets 400; its pulls share one
 * allowance of `MAX_PULL` catalog rows; each call spends its own rate-limit points.
 */
export async function handleTrpcRequest(request: Request, context: Context, cache?: ReadCache): Promise<Response> {
	const read = cache ? cacheableRead(request) : null;
	const response = read && cache ? await throughCache(request, context, cache, read) : await answer(request, context);
	return compressed(request, response);
}

/** The app router's answer, with shared-cache headers on a visitor's public read. */
async function answer(request: Request, context: Context): Promise<Response> {
	return cacheablePublicRead(request, await routerAnswer(request, context), context);
}

function routerAnswer(request: Request, context: Context): Promise<Response> {
	return fetchRequestHandler({
		endpoint: ENDPOINT,
		req: withBodyLimit(request),
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
}

/**
 * The request as tRPC reads it, where a body over the server's limit (adapter-node's
 * `BODY_SIZE_LIMIT`, which refuses it with a 413 as it is read) is a 413 that says so, not a
 * 400 with the adapter's words.
 */
function withBodyLimit(request: Request): Request {
	if (!request.body) return request;
	const text = () =>
		request.text().catch((cause: unknown) => {
			if ((cause as { status?: unknown } | null)?.status !== 413) throw cause;
			const most = `${Math.floor(config.bodySizeLimit / 1024)} kB`;
			throw new TRPCError({ code: 'PAYLOAD_TOO_LARGE', message: `That request is too large: the shop reads at most ${most}.`, cause });
		});
	return new Proxy(request, {
		get(target, key) {
			if (key === 'text') return text;
			const value: unknown = Reflect.get(target, key);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
}

/**
 * The procedure and canonical input of a request the read cache may answer: a plain GET of
 * one public read (no batch, no streaming, nothing besides `input`), or null. Whatever
 * else tRPC would do with the request is left to tRPC.
 */
function cacheableRead(request: Request): { name: string; input: string } | null {
	if (request.method !== 'GET' || request.headers.has('content-type') || request.headers.has('trpc-accept')) return null;
	if (request.headers.get('accept')?.includes('application/jsonl')) return null;
	const url = new URL(request.url);
	const name = url.pathname.slice(ENDPOINT.length + 1);
	if (!PUBLIC_READS.has(name) || [...url.searchParams.keys()].some((key) => key !== 'input') || url.searchParams.getAll('input').length > 1) return null;
	const raw = url.searchParams.get('input');
	// tRPC reads an absent or empty `input` as none; '-' is never JSON, so it cannot collide.
	if (!raw) return { name, input: '-' };
	try {
		return { name, input: canonicalJson(JSON.parse(raw)) };
	} catch {
		return null;
	}
}

/** A public read from the read cache, or from the router and then kept (only a 200 is kept). */
async function throughCache(request: Request, context: Context, cache: ReadCache, read: { name: string; input: string }): Promise<Response> {
	const found = await cache.lookup(context.db, read.name, read.input);
	if (found.answer) return fromCache(request, found.answer, context);
	let own: Response | undefined;
	const made = await cache.through(found.key, async () => {
		own = await routerAnswer(request, context);
		if (own.status !== 200) return undefined;
		const plain = Buffer.from(await own.arrayBuffer());
		return { etag: etagOf(plain), ...(await encodeOnce(plain)) };
	});
	if (made) return fromCache(request, made, context);
	// Nothing kept: this request's own refusal, or, when it waited on another's that came to nothing, its own answer.
	return own ?? answer(request, context);
}

/**
 * A kept answer in the form this request accepts. A visitor's carries the ETag and
 * shared-cache headers, and is 304 when the request holds that ETag; a signed-in person
 * gets the same bytes (they are the same for everyone) and the session marks them private.
 */
function fromCache(request: Request, answer: CachedAnswer, context: Context): Response {
	const headers = new Headers({ vary: TRPC_VARY });
	if (!context.user) {
		headers.set('etag', answer.etag);
		headers.set('cache-control', PUBLIC_CACHE);
		if (holds(request, answer.etag)) {
			if (answer.gzip || answer.br) headers.append('vary', 'Accept-Encoding');
			return new Response(null, { status: 304, headers });
		}
	}
	headers.set('content-type', 'application/json');
	const body = chooseForm(request, answer, headers);
	return new Response(new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength), { status: 200, headers });
}

const etagOf = (body: Buffer) => `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

function holds(request: Request, etag: string): boolean {
	const held = request.headers.get('if-none-match')?.split(',').map((tag) => tag.trim());
	return Boolean(held?.includes(etag) || held?.includes('*'));
}

/**
 * A visitor's successful public read gets an ETag and shared-cache headers, and a request
 * that already holds that version gets 304 with no body. Anything personal is left alone.
 */
async function cacheablePublicRead(request: Request, response: Response, context: Context): Promise<Response> {
	if (request.method !== 'GET' || response.status !== 200 || context.user) return response;
	const paths = new URL(request.url).pathname.slice(ENDPOINT.length + 1).split(',');
	if (!paths.every((path) => PUBLIC_READS.has(path))) return response;
	const body = Buffer.from(await response.arrayBuffer());
	const etag = etagOf(body);
	const headers = new Headers(response.headers);
	headers.set('etag', etag);
	headers.set('cache-control', PUBLIC_CACHE);
	if (holds(request, etag)) {
		headers.delete('content-type');
		headers.delete('content-length');
		return new Response(null, { status: 304, headers });
	}
	return new Response(body, { status: 200, headers });
}
