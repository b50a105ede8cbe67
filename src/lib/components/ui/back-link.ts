/**
 * The installed app has no browser bar, so its header offers a way back on the pages below
 * the top level. The top level (the catalog and its collections, favorites, the cart, the
 * account, signing in, the admin's home) has none: the header's own links reach it.
 */

/** A page's parent: where its back control leads when there is no earlier page of the app to return to. */
export type Parent = { href: string; label: string };

const ACCOUNT = { href: '/account', label: 'Back to your account' };
const ORDERS = { href: '/account/orders', label: 'Back to your orders' };

/** The parent of the page at `pathname`, or null for a page of the top level. */
export function parentOf(pathname: string): Parent | null {
	const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
	const [first, second, third] = path.split('/').slice(1);
	switch (first) {
		case 'products':
			return second ? { href: '/', label: 'Back to the shop' } : null;
		case 'checkout':
			return second === 'success' ? ORDERS : { href: '/cart', label: 'Back to your cart' };
		case 'account':
			if (second === 'orders' && third) return ORDERS;
			return second ? ACCOUNT : null;
		case 'admin': {
			if (!second) return null;
			const up = path.slice(0, path.lastIndexOf('/'));
			return up === '/admin' ? { href: up, label: 'Back to the admin' } : { href: up, label: `Back to ${second}` };
		}
		default:
			return null;
	}
}

/**
 * Whether the back control should step back through the app's history rather than go up to
 * the parent: only when an earlier page of the app is there to go back to (opened at a link
 * from an email there is none), and never back into a payment that is finished (the pay step
 * would only send the shopper on again).
 */
export function stepsBack(pathname: string, canGoBack: boolean): boolean {
	return canGoBack && pathname !== '/checkout/success';
}
