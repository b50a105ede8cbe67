import { describe, expect, it } from 'vitest';
import { parentOf, stepsBack } from './back-link';

describe('the installed app’s back control', () => {
	it('is absent on the top level, where the header’s own links lead', () => {
		for (const path of ['/', '/collections/coffee-tea', '/favorites', '/cart', '/account', '/login', '/signup', '/forgot-password', '/admin', '/products']) {
			expect(parentOf(path), path).toBeNull();
		}
	});

	it('leads from a page below the top level to its parent, and says where', () => {
		expect(parentOf('/products/oak-pepper-mill')).toEqual({ href: '/', label: 'Back to the shop' });
		expect(parentOf('/checkout')).toEqual({ href: '/cart', label: 'Back to your cart' });
		expect(parentOf('/checkout/success')).toEqual({ href: '/account/orders', label: 'Back to your orders' });
		expect(parentOf('/account/orders')).toEqual({ href: '/account', label: 'Back to your account' });
		expect(parentOf('/account/addresses/')).toEqual({ href: '/account', label: 'Back to your account' });
		expect(parentOf('/account/orders/1042')).toEqual({ href: '/account/orders', label: 'Back to your orders' });
		expect(parentOf('/admin/orders')).toEqual({ href: '/admin', label: 'Back to the admin' });
		expect(parentOf('/admin/products/4f1c')).toEqual({ href: '/admin/products', label: 'Back to products' });
	});

	it('steps back through the app’s history when the page was reached in the app, but not into a finished payment', () => {
		expect(stepsBack('/products/oak-pepper-mill', true)).toBe(true);
		expect(stepsBack('/products/oak-pepper-mill', false)).toBe(false);
		expect(stepsBack('/checkout/success', true)).toBe(false);
	});
});
