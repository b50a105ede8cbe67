import { isHttpError, isRedirect, type Handle } from '@sveltejs/kit';
import { appRouter } from '../trpc/root';
import { log, requestIdFrom, withRequestContext } from './log';
import { observeRequest, routeLabel } from './metrics';

const trpcProcedures: ReadonlySet<string> = new Set(Object.keys(appRouter._def.procedures));
// Probes and scrapes come every few seconds: their lines are for debugging only.
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

let draining = false;

/**
 * From now on every response asks its client to close the connection: a keep-alive client
 * would otherwise hold an idle connection open, and so the drain, for the server's
 * keep-alive timeout after its last request.
 */
export function startDraining(): void {
	draining = true;
}

/**
 * The first handle: gives the request an id (the caller's `x-request-id` when sane) that
 * every log line written while handling it carries and the response echoes, then writes
 * one access log line and records the request metrics. It never logs cookies, emails or
 * query strings.
 */
export const observe: Handle = ({ event, resolve }) => {
	const reqId = requestIdFrom(event.request.headers.get('x-request-id'));
	return withRequestContext({ reqId }, async () => {
		const started = performance.now();
		let status = 500;
		try {
			let response = withHeader(await resolve(event), 'x-request-id', reqId);
			// A 413's body is never read to its end, so its connection cannot carry another request.
			if (draining || response.status === 413) response = withHeader(response, 'connection', 'close');
			status = response.status;
			return response;
		} catch (thrown) {
			// An `error()` or `redirect()` thrown by a later handle: Kit turns it into the response.
			if (isHttpError(thrown) || isRedirect(thrown)) status = thrown.status;
			throw thrown;
		} finally {
			const ms = performance.now() - started;
			const { method } = event.request;
			const path = event.url.pathname;
			observeRequest(method, routeLabel(event.route.id, path, trpcProcedures), status, ms / 1000);
			const line = { method, path, status, ms: Math.round(ms * 10) / 10, userId: event.locals.user?.id };
			if (PROBES.has(path)) log.debug(line, 'request');
			else log.info(line, 'request');
		}
	});
};

/** Sets a header, on a copy when the response's headers are immutable (a fetched or redirect response). */
function withHeader(response: Response, name: string, value: string): Response {
	try {
		response.headers.set(name, value);
		return response;
	} catch {
		const copy = new Response(response.body, response);
		copy.headers.set(name, value);
		return copy;
	}
}
