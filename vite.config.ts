import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';

// Everything runs on embedded PGlite; the server suites run again on real Postgres when given one.
const projects = [{ name: 'pglite', env: { STORE_TEST_DB: 'pglite' }, include: ['src/**/*.spec.ts', 'server/**/*.spec.ts'] }];
if (process.env.TEST_DATABASE_URL) {
	projects.push({ name: 'postgres', env: { STORE_TEST_DB: 'postgres' }, include: ['server/**/*.spec.ts'] });
}

// Pages that are private, authoritative or need the server: never answered by the shell.
// A shopper's orders and addresses are the exception: the device keeps them to show offline.
const networkOnlyPages = [/^\/api\//, /^\/admin/, /^\/login/, /^\/signup/, /^\/forgot-password/, /^\/reset-password/, /^\/logout/, /^\/account(?!\/(orders|addresses))/, /^\/checkout/, /^\/healthz/, /^\/readyz/, /^\/metrics/];

export default defineConfig({
	plugins: [
		sveltekit(),
		SvelteKitPWA({
			registerType: 'prompt',
			injectRegister: false,
			manifest: {
				name: 'Store',
				short_name: 'Store',
				description: 'Thoughtfully made things for home, kitchen and travel — browse, keep favorites and fill your cart, even offline.',
				start_url: '/',
				scope: '/',
				display: 'standalone',
				theme_color: '#1f4d3f',
				background_color: '#faf8f4',
				icons: [
					{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
					{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
					{ src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
				],
				screenshots: [
					{ src: '/screenshots/catalog-wide.png', sizes: '1280x900', type: 'image/png', form_factor: 'wide', label: 'The catalog' },
					{ src: '/screenshots/catalog-narrow.png', sizes: '390x844', type: 'image/png', form_factor: 'narrow', label: 'The catalog on a phone' }
				]
			},
			workbox: {
				globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,woff2,webmanifest}', 'prerendered/**/*.{html,json}'],
				globIgnores: ['client/images/**', 'client/screenshots/**'],
				navigateFallback: '/shell',
				navigateFallbackDenylist: networkOnlyPages,
				cleanupOutdatedCaches: true,
				runtimeCaching: [
					{
						urlPattern: ({ url, sameOrigin }) => sameOrigin && (url.pathname.startsWith('/images/') || url.pathname.startsWith('/uploads/')),
						handler: 'CacheFirst',
						options: {
							cacheName: 'store-images',
							expiration: { maxEntries: 400, maxAgeSeconds: 30 * 24 * 3600 },
							cacheableResponse: { statuses: [200] }
						}
					}
				]
			}
		})
	],
	test: {
		projects: projects.map(({ name, env, include }) => ({
			extends: true,
			test: {
				name,
				env,
				include,
				environment: 'node',
				testTimeout: 30_000,
				hookTimeout: 60_000
			}
		}))
	}
});
