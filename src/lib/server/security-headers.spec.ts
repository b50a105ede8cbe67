import type { RequestEvent } from '@sveltejs/kit';
import { afterEach, describe, expect, it } from 'vitest';
import { addSecurityHeaders, securityHeaders } from './security-headers';

const html = (headers: Record<string, string> = {}) =>
	new Response('<!doctype html><p>hi</p>', {
		headers: { 'content-type': 'text/html', 'content-security-policy': "script-src 'self' 'nonce-abc'; frame-ancestors 'none'", ...headers }
	});
const json = () => new Response('{}', { headers: { 'content-type': 'application/json' } });

describe('addSecurityHeaders', () => {
	const before = process.env.ORIGIN;
	afterEach(() => {
		if (before === undefined) delete process.env.ORIGIN;
		else process.env.ORIGIN = before;
	});

	it('gives a page the defaults and keeps the policy Kit wrote', () => {
		const headers = addSecurityHeaders(html(), 'http://localhost:3000').headers;
		expect(headers.get('content-security-policy')).toBe("script-src 'self' 'nonce-abc'; frame-ancestors 'none'");
		expect(headers.get('x-content-type-options')).toBe('nosniff');
		expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
		expect(headers.get('x-frame-options')).toBe('DENY');
		expect(headers.get('permissions-policy')).toMatch(/camera=\(\).*microphone=\(\)/);
		expect(headers.get('permissions-policy')).toContain('payment=(self "https://js.stripe.com")');
	});

	it('asks for https only when the configured origin is https', () => {
		expect(addSecurityHeaders(html(), 'http://localhost:3000').headers.has('strict-transport-security')).toBe(false);
		expect(addSecurityHeaders(html(), 'https://shop.example').headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
		process.env.ORIGIN = 'https://shop.example';
		expect(addSecurityHeaders(json()).headers.has('strict-transport-security')).toBe(true);
		process.env.ORIGIN = 'http://shop.example';
		expect(addSecurityHeaders(json()).headers.has('strict-transport-security')).toBe(false);
	});

	it('gives what is not HTML a policy that allows nothing, and keeps a route’s own headers', () => {
		expect(addSecurityHeaders(json()).headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
		const image = new Response(new Uint8Array([1]), {
			headers: { 'content-type': 'image/png', 'cache-control': 'public, max-age=31536000, immutable', 'x-content-type-options': 'nosniff' }
		});
		const headers = addSecurityHeaders(image).headers;
		expect(headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
		expect(headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		expect(headers.get('x-content-type-options')).toBe('nosniff');
	});

	it('keeps a referrer policy the route set (reset-password’s no-referrer)', () => {
		const headers = addSecurityHeaders(html({ 'referrer-policy': 'no-referrer' })).headers;
		expect(headers.get('referrer-policy')).toBe('no-referrer');
	});

	it('copies a response whose headers cannot change', () => {
		const redirect = Response.redirect('http://localhost:3000/elsewhere', 302);
		const answer = addSecurityHeaders(redirect);
		expect(answer.status).toBe(302);
		expect(answer.headers.get('location')).toBe('http://localhost:3000/elsewhere');
		expect(answer.headers.get('x-frame-options')).toBe('DENY');
	});
});

describe('securityHeaders', () => {
	it('passes a stream through as it is, so events keep flowing', async () => {
		const body = new ReadableStream<Uint8Array>({ start: () => undefined });
		const stream = new Response(body, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store, no-transform' } });
		const answer = await securityHeaders({ event: {} as RequestEvent, resolve: async () => stream });
		expect(answer.body).toBe(body);
		expect(answer.headers.get('cache-control')).toBe('no-store, no-transform');
		expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
	});
});
