import type { Handle } from '@sveltejs/kit';
import { config } from '$server/config';

/**
 * Browser features the shop never uses, denied to it and to every frame it embeds.
 * `payment` stays open to Stripe's Payment Element (wallets such as Apple Pay run in its frame).
 */
const PERMISSIONS_POLICY = [
	'accelerometer=()',
	'camera=()',
	'display-capture=()',
	'geolocation=()',
	'gyroscope=()',
	'hid=()',
	'magnetometer=()',
	'microphone=()',
	'midi=()',
	'serial=()',
	'usb=()',
	'xr-spatial-tracking=()',
	'payment=(self "https://js.stripe.com")'
].join(', ');

/** For what no browser should render as a document: JSON, images, webhook answers. */
const NOTHING_POLICY = "default-src 'none'; frame-ancestors 'none'";

const HSTS = 'max-age=31536000';

/**
 * Headers every response that goes through the hooks carries. Pages get their
 * Content-Security-Policy from Kit (`kit.csp` in svelte.config.js); a response Kit gave none,
 * and that is not HTML, gets one that allows nothing. A header the route set itself (such as
 * reset-password's `no-referrer`) is kept.
 */
export function addSecurityHeaders(response: Response, origin = config.origin): Response {
	const type = response.headers.get('content-type') ?? '';
	const defaults: Record<string, string> = {
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'strict-origin-when-cross-origin',
		'x-frame-options': 'DENY',
		'permissions-policy': PERMISSIONS_POLICY
	};
	// Over plain http the header is ignored anyway, and a local run must not pin localhost to https.
	if (origin.startsWith('https://')) defaults['strict-transport-security'] = HSTS;
	if (!type.startsWith('text/html')) defaults['content-security-policy'] = NOTHING_POLICY;
	return withDefaults(response, defaults);
}

export const securityHeaders: Handle = async ({ event, resolve }) => addSecurityHeaders(await resolve(event));

/** Sets what the response lacks, on a copy when its headers are immutable (a fetched or redirect response). */
function withDefaults(response: Response, defaults: Record<string, string>): Response {
	const missing = Object.entries(defaults).filter(([name]) => !response.headers.has(name));
	if (missing.length === 0) return response;
	try {
		for (const [name, value] of missing) response.headers.set(name, value);
		return response;
	} catch {
		const copy = new Response(response.body, response);
		for (const [name, value] of missing) copy.headers.set(name, value);
		return copy;
	}
}
