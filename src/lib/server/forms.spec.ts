import { describe, expect, it } from 'vitest';
import { safeNext } from './forms';

const at = (next: string) => {
	const url = new URL('http://shop.test/login');
	url.searchParams.set('next', next);
	return safeNext(url);
};

describe('safeNext', () => {
	it('keeps paths on this site', () => {
		expect(at('/products/x?y=1#reviews')).toBe('/products/x?y=1#reviews');
		expect(at('/admin')).toBe('/admin');
	});

	it('never leaves the site, however the path is disguised', () => {
		for (const next of ['//evil.example', '/\\evil.example', '/\t/evil.example/x', '/\n/evil.example', 'https://evil.example', 'javascript:alert(1)', '']) {
			expect(at(next), JSON.stringify(next)).toBe('/account');
		}
	});

	it('drops control characters instead of failing', () => {
		expect(at('/account\r\nSet-Cookie: x=1')).not.toMatch(/[\r\n]/);
	});
});
