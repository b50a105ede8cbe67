import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { findChromium } from './e2e/browser.js';
import { STAND_IN_CERT } from './server/testing/localhost-certificate';

// E2E_PORT lets a second run (one spec, say) share the machine with a full one.
const PORT = Number(process.env.E2E_PORT) || 4173;
const browser = findChromium();
// Every run starts from an empty embedded database, which the server seeds on start.
const dataDir = path.join(os.tmpdir(), `store-e2e-${process.pid}`);
// The server sends pushes to the push-service stand-in a test starts on localhost: it trusts its certificate.
const standInCa = path.join(os.tmpdir(), `store-e2e-push-ca-${process.pid}.pem`);
fs.writeFileSync(standInCa, STAND_IN_CERT);

export default defineConfig({
	testDir: 'e2e',
	fullyParallel: true,
	workers: process.env.CI ? 2 : undefined,
	retries: process.env.CI ? 1 : 0,
	reporter: process.env.CI ? 'line' : 'list',
	use: {
		baseURL: `http://localhost:${PORT}`,
		trace: 'retain-on-failure',
		launchOptions: { executablePath: browser?.executablePath, args: browser?.args ?? [] }
	},
	projects: [
		{ name: 'desktop', use: { ...devices['Desktop Chrome'] } },
		{ name: 'phone', use: { ...devices['Pixel 7'] } }
	],
	webServer: {
		command: 'npm run build && node build/index.js',
		url: `http://localhost:${PORT}/readyz`,
		timeout: 180_000,
		reuseExistingServer: false,
		env: {
			PORT: String(PORT),
			DATA_DIR: dataDir,
			DATABASE_URL: '',
			ORIGIN: `http://localhost:${PORT}`,
			// Every test of both projects, and each retry, shares one address and signs up shoppers of its own.
			SIGNUPS_PER_HOUR: '200',
			RATE_LIMIT_PUSH: '120/6000/60',
			RATE_LIMIT_PULL: '600/60000/60',
			// Every tab of every test shares one address: only the per-account limit (the shop's 10) is tried.
			EVENT_STREAMS: '10/1000',
			STRIPE_SECRET_KEY: '',
			NODE_EXTRA_CA_CERTS: standInCa,
			PUSH_POLL_MS: '200'
		}
	}
});
