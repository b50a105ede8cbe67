import { describe, expect, it } from 'vitest';
import { safeNext } from './forms';
import { HOSTILE_NEXT } from './hostile-next';

const at = (next: string) => {
	const url = new URL('http://shop.test/login');
	url.searchParams.set('next', next);
	return safeNext(url);
};

describe('safeNext', () => {
	it('keeps paths on this site', () => {
		expect(at('/products/x?y=1#reviews')).toBe('/products/x?y=1#reviews');
		expect(at('/admin')).toBe('/admin');
		expect(at('/admin/orders?status=paid&page=2')).toBe('/admin/orders?status=paid&page=2');
		expect(at('/products/caf%C3%A9')).toBe('/products/caf%C3%A9');
		expect(at('/collections/a%2Fb')).toBe('/collections/a%2Fb');
	});

	it.each(HOSTILE_NEXT)('never leaves the site for %j', (next) => {
		expect(at(next)).toBe('/account');
	});

	it('drops control characters instead of failing', () => {
		expect(at('/account\r\nSet-Cookie: x=1')).toBe('/account');
	});
});
