import { error, type RequestEvent } from '@sveltejs/kit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handleError } from '../../src/hooks.server';
import { observe, startDraining } from './handle';
import { currentRequest, log } from './log';
import { registry } from './metrics';

type Resolve = Parameters<typeof observe>[0]['resolve'];

function eventFor(url: string, routeId: string | null, init: RequestInit = {}, userId?: string): RequestEvent {
	return {
		request: new Request(url, init),
		url: new URL(url),
		route: { id: routeId },
		locals: { user: userId ? { id: userId, email: 'someone@example.com', role: 'customer' } : null, session: null }
	} as unknown as RequestEvent;
}

async function run(event: RequestEvent, resolve: Resolve): Promise<Response> {
	return observe({ event, resolve });
}

const sample = (text: string, series: string) =>
	Number(text.split('\n').find((l) => l.startsWith(`${series} `))?.slice(series.length + 1) ?? NaN);

afterEach(() => vi.restoreAllMocks());

describe('the observe handle', () => {
	it('echoes a sane x-request-id and uses it for the lines logged while handling the request', async () => {
		const seen: (string | undefined)[] = [];
		const info = vi.spyOn(log, 'info').mockImplementation(() => seen.push(currentRequest()?.reqId));
		const response = await run(eventFor('http://shop.test/products/linen?q=secret', '/products/[slug]', { headers: { 'x-request-id': 'lb-7f3a.1' } }), async () => {
			log.info('inside');
			return new Response('ok');
		});
		expect(response.headers.get('x-request-id')).toBe('lb-7f3a.1');
		expect(seen).toEqual(['lb-7f3a.1', 'lb-7f3a.1']);
		expect(info).toHaveBeenCalledTimes(2);
	});

	it('replaces an unsafe x-request-id with a new UUID', async () => {
		const response = await run(eventFor('http://shop.test/', '/', { headers: { 'x-request-id': 'x'.repeat(65) } }), async () => new Response('ok'));
		expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
		const plain = await run(eventFor('http://shop.test/', '/'), async () => new Response('ok'));
		expect(plain.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
		expect(plain.headers.get('x-request-id')).not.toBe(response.headers.get('x-request-id'));
	});

	it('writes one access line: method, path without query, status, ms, user id; no cookies or emails', async () => {
		const info = vi.spyOn(log, 'info').mockImplementation(() => {});
		await run(
			eventFor('http://shop.test/account/orders?email=someone@example.com', '/account/orders', { headers: { cookie: 'session=abc.def' } }, 'user-42'),
			async () => new Response('ok', { status: 200 })
		);
		expect(info).toHaveBeenCalledTimes(1);
		const [line, message] = info.mock.calls[0] as unknown as [Record<string, unknown>, string];
		expect(message).toBe('request');
		expect(line).toMatchObject({ method: 'GET', path: '/account/orders', status: 200, userId: 'user-42' });
		expect(typeof line.ms).toBe('number');
		expect(JSON.stringify(line)).not.toMatch(/example\.com|abc\.def|email=|\?/);
	});

	it('records the request metrics, tRPC calls by procedure, with the status of an error thrown further in', async () => {
		vi.spyOn(log, 'info').mockImplementation(() => {});
		await run(eventFor('http://shop.test/api/trpc/catalog.list?input=%7B%7D', '/api/trpc/[...trpc]'), async () => new Response('[]'));
		await run(eventFor('http://shop.test/api/trpc/catalog.list', '/api/trpc/[...trpc]'), async () => new Response('[]'));
		await run(eventFor('http://shop.test/no/such/page', null), async () => new Response('Not found', { status: 404 }));
		await expect(
			run(eventFor('http://shop.test/cart', '/cart', { method: 'POST' }), async () => error(403, 'Cross-site requests are not allowed.'))
		).rejects.toMatchObject({ status: 403 });
		// A response with immutable headers (as from fetch or Response.redirect) still gets its id.
		const redirected = await run(eventFor('http://shop.test/old', '/old'), async () => Response.redirect('http://shop.test/new', 308));
		expect(redirected.headers.get('x-request-id')).toBeTruthy();

		const text = await registry.metrics();
		expect(sample(text, 'http_requests_total{method="GET",route="trpc:catalog.list",status="200"}')).toBe(2);
		expect(sample(text, 'http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1);
		expect(sample(text, 'http_requests_total{method="POST",route="/cart",status="403"}')).toBe(1);
		expect(sample(text, 'http_requests_total{method="GET",route="/old",status="308"}')).toBe(1);
		expect(sample(text, 'http_request_duration_seconds_count{method="GET",route="trpc:catalog.list"}')).toBe(2);
	});

	it('asks clients to close their connections once the instance is draining', async () => {
		const before = await run(eventFor('http://shop.test/', '/'), async () => new Response('ok'));
		expect(before.headers.get('connection')).toBeNull();
		startDraining();
		const after = await run(eventFor('http://shop.test/', '/'), async () => new Response('ok'));
		expect(after.headers.get('connection')).toBe('close');
	});

	it("logs an unexpected error with the request's id and answers Kit's safe message", async () => {
		const seen: unknown[] = [];
		const logged = vi.spyOn(log, 'error').mockImplementation((...args: unknown[]) => void seen.push(currentRequest()?.reqId, ...args));
		const boom = new Error('database exploded');
		const answer = await run(eventFor('http://shop.test/cart', '/cart', { headers: { 'x-request-id': 'req-err' } }), async () => {
			const event = eventFor('http://shop.test/cart', '/cart');
			return Response.json(await handleError({ error: boom, event, status: 500, message: 'Internal Error' }));
		});
		expect(await answer.json()).toEqual({ message: 'Internal Error' });
		expect(logged).toHaveBeenCalledTimes(1);
		expect(seen[0]).toBe('req-err');
		expect(seen[1]).toMatchObject({ err: boom, status: 500, path: '/cart' });
	});
});
