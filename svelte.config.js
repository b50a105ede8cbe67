import { createHash } from 'node:crypto';
import adapter from '@sveltejs/adapter-node';

/**
 * @param {string} text
 * @returns {`sha256-${string}`}
 */
const sha256 = (text) => `sha256-${createHash('sha256').update(text).digest('base64')}`;

const STRIPE_SCRIPTS = /** @type {const} */ (['https://js.stripe.com', 'https://*.js.stripe.com']);

/** @type {import('@sveltejs/kit').Config} */
export default {
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: 'build' }),
		alias: { $server: 'server' },
		// The service worker is ours (src/sw.ts): Kit bundles it, @vite-pwa/sveltekit injects the
		// precache list and names it /sw.js, and the page registers it through workbox-window.
		files: { serviceWorker: 'src/sw' },
		serviceWorker: { register: false },
		// Every write is checked against the page's origin in hooks.server.ts (tRPC calls
		// included), and its refusal carries the shop's security headers; Kit's own check, for
		// form posts only, would answer before those headers are set, so it stands aside.
		csrf: { trustedOrigins: ['*'] },
		// Absolute asset paths: the offline shell is served for every page, at any depth.
		paths: { relative: false },
		// A page's small stylesheets come inside its HTML: no round trip stands before its first paint.
		inlineStyleThreshold: 5120,
		csp: {
			// Nonces on rendered pages, hashes on the prerendered offline shell (there the policy
			// is a <meta> tag, which cannot carry frame-ancestors: see src/lib/server/security-headers.ts).
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				// Stripe's Payment Element: its script, its frames (3-D Secure on hooks.stripe.com) and its API.
				'script-src': ['self', ...STRIPE_SCRIPTS],
				// Svelte writes `onload`/`onerror="this.__e=event"` on server-rendered images so that
				// an event before hydration is not lost (sveltejs/svelte#14014); that handler, and no other.
				'script-src-attr': ['unsafe-hashes', sha256('this.__e=event')],
				'frame-src': [...STRIPE_SCRIPTS, 'https://hooks.stripe.com'],
				'connect-src': ['self', 'https://api.stripe.com'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				// Kit puts a nonce (or hash) on the <style> it inlines; the style *attributes* that
				// Svelte and the toasts write cannot carry one. With a nonce present a browser ignores
				// 'unsafe-inline' in style-src, so attributes get their own directive.
				'style-src': ['self'],
				'style-src-attr': ['unsafe-inline'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};
