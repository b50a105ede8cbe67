/** Paths that prove who is calling by a signature instead of by origin. */
const SIGNED_ENDPOINTS = new Set(['/api/stripe/webhook']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a request may change data here: reads always may; a write must come from a page
 * of this app (its `Origin` is ours). Kit's own check covers form posts only; this covers
 * every write, tRPC JSON calls included.
 */
export function writeAllowed(request: Request, url: URL): boolean {
	if (SAFE_METHODS.has(request.method) || SIGNED_ENDPOINTS.has(url.pathname)) return true;
	return request.headers.get('origin') === url.origin;
}
