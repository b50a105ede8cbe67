/**
 * What every page of the shop does with no network, by route. A `device` page opens from
 * what this device holds (`missing` is what it says when the device lacks that one thing);
 * a `network` page needs the server, and opening it offline shows its own `note` instead,
 * with `also` the pages that do open. The error page reads this when a page could not
 * reach the shop; `offline-routes.spec.ts` keeps it complete, and the e2e route table
 * visits every entry offline.
 */
export type OfflineAnswer =
	| { from: 'device'; missing?: string }
	| { from: 'network'; note: string; also?: { href: string; label: string }[] };

const DEVICE: OfflineAnswer = { from: 'device' };
const ADMIN: OfflineAnswer = {
	from: 'network',
	note: 'The admin needs the network — the shop’s own pages keep working on this device until it is back.'
};

export const offlineRoutes: Record<string, OfflineAnswer> = {
	'/': DEVICE,
	'/collections/[slug]': DEVICE,
	'/products/[slug]': { from: 'device', missing: 'This product is not on this device yet — it opens when you are back online.' },
	'/cart': DEVICE,
	'/favorites': DEVICE,
	'/alerts': DEVICE,
	'/checkout': DEVICE,
	'/checkout/success': DEVICE,
	'/login': { from: 'network', note: 'Signing in needs the network — you can keep browsing and filling your cart.' },
	'/signup': { from: 'network', note: 'Creating an account needs the network — you can keep browsing and filling your cart.' },
	'/forgot-password': DEVICE,
	'/reset-password': {
		from: 'network',
		note: 'Choosing a new password needs the network — the link from your email still works once you are back online.'
	},
	'/logout': { from: 'network', note: 'Signing out needs the network — this device keeps you signed in until it is back.' },
	'/account': {
		from: 'network',
		note: 'Your profile needs the network — your orders and addresses open from this device.',
		also: [
			{ href: '/account/orders', label: 'Your orders' },
			{ href: '/account/addresses', label: 'Your addresses' }
		]
	},
	'/account/addresses': DEVICE,
	'/account/orders': DEVICE,
	'/account/orders/[number]': { from: 'device', missing: 'This device does not hold that order — it opens when you are back online.' },
	'/admin': ADMIN,
	'/admin/audit': ADMIN,
	'/admin/collections': ADMIN,
	'/admin/customers': ADMIN,
	'/admin/customers/[id]': ADMIN,
	'/admin/emails': ADMIN,
	'/admin/emails/[id]': ADMIN,
	'/admin/orders': ADMIN,
	'/admin/orders/[number]': ADMIN,
	'/admin/products': ADMIN,
	'/admin/products/new': ADMIN,
	'/admin/products/[id]': ADMIN,
	'/admin/reviews': ADMIN,
	'/admin/shipping': ADMIN
};

const NOT_ON_DEVICE = 'This page is not on this device yet — it opens when you are back online.';

/** The route of the table that a path belongs to: a fixed segment wins over a parameter (`/admin/products/new`). */
export function routeOf(pathname: string): string | null {
	const segments = pathname.split('/').filter(Boolean);
	let best: { id: string; params: number } | null = null;
	for (const id of Object.keys(offlineRoutes)) {
		const parts = id.split('/').filter(Boolean);
		if (parts.length !== segments.length || !parts.every((part, i) => part.startsWith('[') || part === segments[i])) continue;
		const params = parts.filter((part) => part.startsWith('[')).length;
		if (!best || params < best.params) best = { id, params };
	}
	return best?.id ?? null;
}

/** What a page that could not reach the shop says, and where else to go. */
export function offlineNote(pathname: string): { note: string; also: { href: string; label: string }[] } {
	const route = routeOf(pathname);
	const answer = route ? offlineRoutes[route] : undefined;
	if (answer?.from === 'network') return { note: answer.note, also: answer.also ?? [] };
	return { note: answer?.missing ?? NOT_ON_DEVICE, also: [] };
}
