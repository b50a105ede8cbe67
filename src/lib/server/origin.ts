/** Paths that prove who is calling by a signature instead of by origin. */
const SIGNED_ENDPOINTS = new Set(['/api/stripe/webhook']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a request may change data here: page reads always may; a write must come from a page
 * of this app (its `Origin` is ours). Kit's own check covers form posts only; this covers
 * every write, tRPC JSON calls included.
 */
export function writeAllowed(request: Request, url: URL): boolean {
	if (SIGNED_ENDPOINTS.has(url.pathname)) return true;
	// The API serves this app's pages (and tools that are no browser): a browser calling it
	// from another site, even a GET such as `sync.pull` that can bind a device, is refused.
	if (url.pathname.startsWith('/api/') && request.headers.get('sec-fetch-site') === 'cross-site') return false;
	if (SAFE_METHODS.has(request.method)) return true;
	return request.headers.get('origin') === url.origin;
}
