import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// Everything runs on embedded PGlite; the server suites run again on real Postgres when given one.
const projects = [{ name: 'pglite', env: { STORE_TEST_DB: 'pglite' }, include: ['src/**/*.spec.ts', 'server/**/*.spec.ts'] }];
if (process.env.TEST_DATABASE_URL) {
	projects.push({ name: 'postgres', env: { STORE_TEST_DB: 'postgres' }, include: ['server/**/*.spec.ts'] });
}

export default defineConfig({
	plugins: [sveltekit()],
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
