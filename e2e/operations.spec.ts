import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import postgres from 'postgres';
import { expect, test } from './fixtures';
import { startInstance, type Instance } from './instance';

// Process-level checks of the production build (build/index.js, built by the webServer of
// playwright.config.ts): each test starts its own instance on its own empty embedded
// database, and stops it. They need no browser, so they run in the desktop project only,
// one after another (two of them use the same port).
test.describe.configure({ mode: 'default' });
test.beforeEach(({}, info) => test.skip(info.project.name !== 'desktop', 'one run of the process checks is enough'));

const TOKEN = 'e2e-metrics-token';

/** The value of one series in Prometheus text, or undefined when it is absent. */
function sample(text: string, series: string): number | undefined {
	const line = text.split('\n').find((l) => l.startsWith(`${series} `));
	return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

test('an instance reports ready, logs JSON lines with request ids, and serves metrics behind its token', async () => {
	test.setTimeout(180_000);
	const app = await startInstance(4195, { METRICS_TOKEN: TOKEN });
	try {
		const ready = await fetch(`${app.url}/readyz`);
		expect(ready.status).toBe(200);
		expect(await ready.text()).toBe('ready');

		// The caller's request id comes back, and the access log line carries it; the query string does not.
		const page = await fetch(`${app.url}/?q=private-words`, { headers: { 'x-request-id': 'e2e-ops-1' } });
		expect(page.status).toBe(200);
		expect(page.headers.get('x-request-id')).toBe('e2e-ops-1');
		const invented = await fetch(`${app.url}/healthz`, { headers: { 'x-request-id': 'not a token!' } });
		expect(invented.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
		const trpc = await fetch(`${app.url}/api/trpc/catalog.collections`);
		expect(trpc.status).toBe(200);
		await expect.poll(() => app.lines().find((l) => l.reqId === 'e2e-ops-1' && l.msg === 'request')).toMatchObject({
			level: 'info',
			method: 'GET',
			path: '/',
			status: 200
		});
		expect(app.output()).not.toContain('private-words');

		for (const authorization of [undefined, 'Bearer wrong-token']) {
			const refused = await fetch(`${app.url}/metrics`, { headers: authorization ? { authorization } : {} });
			expect(refused.status).toBe(401);
			expect(await refused.text()).not.toContain('http_requests_total');
		}
		const metrics = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
		expect(metrics.status).toBe(200);
		expect(metrics.headers.get('content-type')).toContain('text/plain');
		const text = await metrics.text();
		expect(sample(text, 'http_requests_total{method="GET",route="/",status="200"}')).toBe(1);
		expect(sample(text, 'http_requests_total{method="GET",route="/readyz",status="200"}')).toBe(1);
		expect(sample(text, 'http_requests_total{method="GET",route="/metrics",status="401"}')).toBe(2);
		// Ours, plus the page's own server-side call while rendering /.
		expect(sample(text, 'http_requests_total{method="GET",route="trpc:catalog.collections",status="200"}')).toBeGreaterThanOrEqual(1);
		expect(sample(text, 'http_request_duration_seconds_count{method="GET",route="/"}')).toBe(1);
		// Counted from the embedded database's outbox at scrape time: a new shop has no emails waiting.
		expect(text).toContain('outbox_depth{kind="order_created"} 0');
		expect(text).toContain('process_resident_memory_bytes');
	} finally {
		await app.stop();
	}
});

test('on SIGTERM an instance stops accepting, finishes the request in flight, then exits 0 within 10 s', async () => {
	test.setTimeout(180_000);
	const app = await startInstance(4196);
	// The request in flight is a sign-in whose form body is still arriving when SIGTERM
	// lands: the server has begun handling it (the action waits for the body), so the drain
	// must wait for it. That is what is measured here, not a request made slow on purpose.
	const body = 'email=shopper%40store.test&password=shopper-demo-password';
	const half = body.indexOf('&');
	const request = http.request(`${app.url}/login`, {
		method: 'POST',
		headers: {
			origin: app.url,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			'content-length': Buffer.byteLength(body)
		}
	});
	const response = new Promise<http.IncomingMessage>((resolve, reject) => request.on('response', resolve).on('error', reject));
	request.write(body.slice(0, half));
	try {
		await new Promise((resolve) => setTimeout(resolve, 500));
		const signalled = Date.now();
		app.child.kill('SIGTERM');
		await new Promise((resolve) => setTimeout(resolve, 1500));
		// Still draining: alive, and no longer taking new connections.
		expect(app.child.exitCode).toBeNull();
		await expect(fetch(`${app.url}/healthz`)).rejects.toThrow();

		request.end(body.slice(half));
		const answer = await response;
		const heldMs = Date.now() - signalled;
		answer.resume();
		expect(answer.statusCode).toBe(303);
		expect(answer.headers['set-cookie']?.join(';')).toContain('session');
		// The keep-alive client is asked to let go, so its idle connection does not hold the drain.
		expect(answer.headers.connection).toBe('close');

		const { code, signal } = await app.exited;
		const tookMs = Date.now() - signalled;
		expect({ code, signal }).toEqual({ code: 0, signal: null });
		expect(tookMs).toBeLessThan(10_000);
		// Once the last request is answered, closing down takes moments, not a keep-alive timeout.
		expect(tookMs - heldMs).toBeLessThan(2000);
		expect(app.output()).toContain('Shut down: requests drained');
		// It exited because nothing held it, not through the last-resort exit.
		expect(app.output()).not.toContain('exiting anyway');
		console.log(`operations: exited ${tookMs} ms after SIGTERM, ${tookMs - heldMs} ms after the request in flight was answered`);
	} finally {
		request.destroy();
		await app.stop();
	}
});

/** A TCP proxy in front of Postgres that the test can cut. */
async function startProxy(target: { host: string; port: number }, port = 0) {
	const sockets = new Set<net.Socket>();
	const server = net.createServer((client) => {
		const upstream = net.connect(target.port, target.host);
		for (const socket of [client, upstream]) {
			sockets.add(socket);
			socket.on('close', () => sockets.delete(socket));
			socket.on('error', () => {
				client.destroy();
				upstream.destroy();
			});
		}
		client.pipe(upstream).pipe(client);
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	return {
		port: (server.address() as net.AddressInfo).port,
		async stop() {
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => server.close(resolve));
		}
	};
}

test('readiness turns 503 when Postgres goes away, and 200 again when it is back', async () => {
	const base = process.env.TEST_DATABASE_URL;
	test.skip(!base, 'needs TEST_DATABASE_URL');
	test.setTimeout(180_000);
	const target = new URL(base!);
	const name = `store_e2e_ops_${randomBytes(5).toString('hex')}`;
	const admin = postgres(base!, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database "${name}"`);
	let proxy = await startProxy({ host: target.hostname, port: Number(target.port || 5432) });
	const through = new URL(base!);
	through.hostname = '127.0.0.1';
	through.port = String(proxy.port);
	through.pathname = `/${name}`;
	let app: Instance | undefined;
	try {
		app = await startInstance(4195, { DATABASE_URL: through.toString() });
		expect((await fetch(`${app.url}/readyz`)).status).toBe(200);

		await proxy.stop();
		const started = Date.now();
		const down = await fetch(`${app.url}/readyz`, { signal: AbortSignal.timeout(10_000) });
		expect(down.status).toBe(503);
		expect(await down.text()).toBe('database unavailable');
		expect(Date.now() - started).toBeLessThan(5000);
		// The process is still up and answering.
		expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
		expect(app.child.exitCode).toBeNull();

		proxy = await startProxy({ host: target.hostname, port: Number(target.port || 5432) }, proxy.port);
		await expect.poll(async () => (await fetch(`${app!.url}/readyz`)).status, { timeout: 15_000 }).toBe(200);
	} finally {
		await app?.stop();
		await proxy.stop().catch(() => {});
		await admin.unsafe(`drop database if exists "${name}" with (force)`);
		await admin.end();
	}
});
