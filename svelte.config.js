import adapter from '@sveltejs/adapter-node';

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
		// Absolute asset paths: the offline shell is served for every page, at any depth.
		paths: { relative: false },
		// A page's small stylesheets come inside its HTML: no round trip stands before its first paint.
		inlineStyleThreshold: 5120
	}
};
