import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

const projects = [{ name: 'pglite', env: { STORE_TEST_DB: 'pglite' } }];
if (process.env.TEST_DATABASE_URL) projects.push({ name: 'postgres', env: { STORE_TEST_DB: 'postgres' } });

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		projects: projects.map(({ name, env }) => ({
			extends: true,
			test: {
				name,
				env,
				include: ['src/**/*.spec.ts', 'server/**/*.spec.ts'],
				environment: 'node',
				testTimeout: 30_000,
				hookTimeout: 60_000
			}
		}))
	}
});
