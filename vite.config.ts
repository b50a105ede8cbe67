import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';

// Everything runs on embedded PGlite; the server suites run again on real Postgres when given one.
const projects = [{ name: 'pglite', env: { STORE_TEST_DB: 'pglite' }, include: ['src/**/*.spec.ts', 'server/**/*.spec.ts'] }];
if (process.env.TEST_DATABASE_URL) {
	projects.push({ name: 'postgres', env: { STORE_TEST_DB: 'postgres' }, include: ['server/**/*.spec.ts'] });
}

export default defineConfig({
	plugins: [
		sveltekit(),
		// Our own worker (src/sw.ts, bundled by Kit: see svelte.config.js) with the precache list
		// injected: the offline shell, cached images, and Background Sync of the device's outbox.
		SvelteKitPWA({
			strategies: 'injectManifest',
			srcDir: 'src',
			filename: 'sw.ts',
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
			injectManifest: {
				globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,woff2,webmanifest}', 'prerendered/**/*.{html,json}'],
				globIgnores: ['client/images/**', 'client/screenshots/**']
			}
		})
	],
	build: {
		rolldownOptions: {
			treeshake: { moduleSideEffects: (id: string) => !id.includes('/node_modules/@trpc/') }
		}
	},
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
