import http from 'node:http';
import { expect, test } from './fixtures';
import { startInstance, type Instance } from './instance';

// A keep-alive connection stays usable after any answer, read body or not (sveltejs/kit#15526):
// a client that reuses its one connection gets its next answer at once. Checked against the
// production build with Node's own keep-alive agent, one socket per case.
test.describe.configure({ mode: 'default' });

const PORT = 4194;
/** Over the ~130 KB that Node and Kit buffer before Kit pauses the request. */
const BODY = 200_000;
/** Over adapter-node's default BODY_SIZE_LIMIT (512K). */
const TOO_LARGE = 600_000;
const PRODUCT = '00000000-0000-4000-8000-000000000000';

let app: Instance;

test.beforeAll(async ({}, info) => {
	test.skip(info.project.name !== 'desktop', 'one run of the process checks is enough');
	test.setTimeout(180_000);
	app = await startInstance(PORT);
});
test.afterAll(async () => app?.stop());

type Sent = {
	path: string;
	type: string;
	/** Sent without a content-length, in chunks. */
	chunked?: boolean;
	origin?: string;
};

type Answer = { status: number; connection: string | undefined; request: http.ClientRequest };

/** Sends `size` bytes (of `declared`, when that is more) and resolves with the answer once its body has arrived. */
function send(agent: http.Agent, sent: Sent, size: number, declared = size): Promise<Answer> {
	// As a browser's form post asks: Kit answers a form action's redirect with a 303, not JSON.
	const headers: http.OutgoingHttpHeaders = { accept: 'text/html', 'content-type': sent.type, origin: sent.origin ?? app.url };
	if (sent.chunked) headers['transfer-encoding'] = 'chunked';
	else headers['content-length'] = declared;
	return new Promise((resolve, reject) => {
		const request = http.request(`${app.url}${sent.path}`, { method: 'POST', agent, headers }, (response) => {
			response.resume();
			response.on('end', () => resolve({ status: response.statusCode!, connection: response.headers.connection, request }));
		});
		// After the answer, an error (the server closing on a body it will not read) changes nothing.
		request.on('error', reject);
		const body = Buffer.alloc(size, 'a');
		// In 64 KB pieces: a chunked body written in much smaller ones never got stuck.
		for (let at = 0; at < size; at += 65_536) request.write(body.subarray(at, at + 65_536));
		if (size === declared) request.end();
	});
}

/** The next request on the agent: its status and whether it went over the same connection. */
function next(agent: http.Agent): Promise<{ status: number; reused: boolean }> {
	return new Promise((resolve, reject) => {
		const request = http.get(`${app.url}/healthz`, { agent, signal: AbortSignal.timeout(2000) }, (response) => {
			response.resume();
			response.on('end', () => resolve({ status: response.statusCode!, reused: request.reusedSocket }));
		});
		request.on('error', reject);
	});
}

/** Resolves once the server has closed the connection the request went over; fails after 2 s. */
function closed(request: http.ClientRequest): Promise<void> {
	return new Promise((resolve, reject) => {
		const socket = request.socket!;
		if (socket.destroyed) return resolve();
		const timer = setTimeout(() => reject(new Error('the connection is still open')), 2000);
		socket.once('close', () => {
			clearTimeout(timer);
			resolve();
		});
	});
}

const json = 'application/json';
const form = 'application/x-www-form-urlencoded';
const unread: (Sent & { status: number })[] = [
	{ path: '/api/trpc/admin.products.update', type: json, status: 401 },
	{ path: '/api/trpc/account.update', type: json, status: 401 },
	{ path: '/api/trpc/checkout.start', type: json, status: 401 },
	{ path: '/api/trpc/catalog.list', type: json, status: 405 },
	{ path: '/login', type: json, status: 415 },
	{ path: '/api/stripe/webhook', type: json, status: 404 },
	{ path: '/no-such-page', type: 'text/plain', status: 404 },
	// Kit refuses a cross-site form post before any of our hooks runs.
	{ path: '/login', type: form, origin: 'http://elsewhere.test', status: 403 },
	// Form actions that turn a visitor away before reading the form: an edit and an image upload.
	{ path: `/admin/products/${PRODUCT}?/update`, type: form, status: 303 },
	{ path: `/admin/products/${PRODUCT}?/addImage`, type: 'multipart/form-data; boundary=x', status: 303 },
	{ path: `/uploads/products/${PRODUCT}.png`, type: 'image/png', status: 405 },
	{ path: '/api/trpc/account.update', type: json, chunked: true, status: 401 },
	{ path: '/no-such-page', type: 'text/plain', chunked: true, status: 404 },
	// Read, then refused: this one always worked.
	{ path: '/api/trpc/sync.push', type: json, status: 400 }
];

for (const { status, ...sent } of unread) {
	test(`POST ${sent.path}${sent.chunked ? ' (chunked)' : ''} answered ${status}: the connection takes the next request`, async () => {
		const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
		try {
			const first = await send(agent, sent, BODY);
			expect(first.status).toBe(status);
			expect(first.connection).toBe('keep-alive');
			expect(await next(agent)).toEqual({ status: 200, reused: true });
		} finally {
			agent.destroy();
		}
	});
}

const tooLarge: (Sent & { status: number })[] = [
	{ path: '/login', type: form, status: 413 },
	{ path: '/login', type: form, chunked: true, status: 413 },
	// Declared over the limit and never read at all.
	{ path: '/no-such-page', type: 'text/plain', status: 404 }
];

for (const { status, ...sent } of tooLarge) {
	test(`POST ${sent.path}${sent.chunked ? ' (chunked)' : ''} over the body limit is answered ${status} and its connection closed`, async () => {
		const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
		try {
			// Claims far more than it sends: the server must answer and close without waiting for the rest.
			const first = await send(agent, sent, TOO_LARGE, 64 * 1024 * 1024);
			expect(first.status).toBe(status);
			expect(first.connection).toBe('close');
			await closed(first.request);
			expect(await next(agent)).toEqual({ status: 200, reused: false });
		} finally {
			agent.destroy();
		}
	});
}

test('a chunked body nobody reads that goes on past the body limit: its connection is closed', async () => {
	const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	try {
		// Never ended: what is thrown away after the answer stops at the limit, not at the body's end.
		const first = await send(agent, { path: '/no-such-page', type: 'text/plain', chunked: true }, 2 * TOO_LARGE, Infinity);
		expect(first.status).toBe(404);
		await closed(first.request);
		expect(await next(agent)).toEqual({ status: 200, reused: false });
	} finally {
		agent.destroy();
	}
});
