import { describe, expect, it } from 'vitest';
import { writeAllowed } from './origin';

const url = new URL('https://shop.example/api/trpc/account.update');
const request = (method: string, origin?: string, path = url.href) =>
	new Request(path, { method, headers: origin ? { origin } : {} });

describe('writeAllowed', () => {
	it('lets reads through from anywhere', () => {
		for (const method of ['GET', 'HEAD', 'OPTIONS']) expect(writeAllowed(request(method, 'https://evil.example'), url)).toBe(true);
	});

	it('lets writes through only from the app’s own origin', () => {
		expect(writeAllowed(request('POST', 'https://shop.example'), url)).toBe(true);
		for (const origin of [undefined, 'https://evil.example', 'http://shop.example', 'https://shop.example.evil.example', 'null']) {
			for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
				expect(writeAllowed(request(method, origin), url), `${method} ${origin}`).toBe(false);
			}
		}
	});

	it('refuses any cross-site browser call to the API, reads included', () => {
		const get = new Request(url.href, { headers: { 'sec-fetch-site': 'cross-site' } });
		expect(writeAllowed(get, url)).toBe(false);
		const page = new URL('https://shop.example/products/x');
		expect(writeAllowed(new Request(page.href, { headers: { 'sec-fetch-site': 'cross-site' } }), page)).toBe(true);
		expect(writeAllowed(new Request(url.href, { headers: { 'sec-fetch-site': 'same-origin' } }), url)).toBe(true);
	});

	it('leaves signed webhooks to their signature check', () => {
		const webhook = new URL('https://shop.example/api/stripe/webhook');
		expect(writeAllowed(request('POST', undefined, webhook.href), webhook)).toBe(true);
	});
});
