// `npm test`: type checks, the Vitest suites (PGlite, and Postgres when TEST_DATABASE_URL is
// set), then the Playwright suite in Chromium, installing Playwright's browser only when no
// Chromium is found on the machine.
import { spawnSync } from 'node:child_process';
import { findChromium } from '../e2e/browser.js';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** @param {string} title @param {string[]} args */
function step(title, args) {
	console.log(`\n▶ ${title}`);
	const result = spawnSync(npx, args, { stdio: 'inherit' });
	if (result.status !== 0) {
		console.error(`✖ ${title} failed`);
		process.exit(result.status ?? 1);
	}
}

step('Type check', ['svelte-kit', 'sync']);
step('svelte-check', ['svelte-check', '--tsconfig', './tsconfig.json', '--fail-on-warnings']);
step('Unit and integration tests', ['vitest', 'run']);
if (!findChromium()) step('Install Chromium for Playwright', ['playwright', 'install', 'chromium']);
step('End-to-end tests', ['playwright', 'test']);
