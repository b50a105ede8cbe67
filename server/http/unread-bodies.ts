import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';

type Exchange = { request: IncomingMessage; response: ServerResponse };

/**
 * Keeps a keep-alive connection usable when a response goes out before its request body was
 * read (a 401, 404 or 405 to a POST, Kit's own cross-site 403). Kit's Node request wrapper
 * listens for `data`, so Node no longer drains the body itself, and pauses the request under
 * backpressure; nothing resumes it when the body is never read, and the next request on that
 * connection waits forever (sveltejs/kit#15526). Node's diagnostics channels see every
 * request the server takes, including those Kit answers before any `handle` runs.
 *
 * - A request that declares a body over `limit` is answered with `Connection: close`, so
 *   the connection closes once the answer is written and the body is never read.
 * - Otherwise, once the response is sent, what is left of the body is read and thrown
 *   away; when more than `limit` bytes still come (a chunked body), the connection closes.
 */
export function discardUnreadBodies(limit: number): void {
	subscribe('http.server.request.start', (message) => {
		const { request, response } = message as Exchange;
		if (Number(request.headers['content-length']) > limit) response.setHeader('connection', 'close');
	});
	subscribe('http.server.response.finish', (message) => {
		const { request } = message as Exchange;
		if (request.complete || request.destroyed) return;
		const socket = request.socket;
		// Kit's listener would pause the request again and keep what it reads.
		request.removeAllListeners('data');
		let left = limit;
		request.on('data', (chunk: Buffer) => {
			left -= chunk.length;
			if (left < 0) socket.destroy();
		});
		request.resume();
	});
}
