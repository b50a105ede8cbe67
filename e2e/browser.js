import fs from 'node:fs';
import { chromium } from '@playwright/test';

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

// What a headless Chromium needs where it runs as root on a machine with a closed network.
const SYSTEM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];

/**
 * The browser the e2e suite drives: `CHROMIUM_PATH` when set, else Playwright's own
 * Chromium when installed, else the system's. `null` means none is installed yet.
 * @returns {{ executablePath?: string, args: string[] } | null}
 */
export function findChromium() {
	const override = process.env.CHROMIUM_PATH;
	if (override) return { executablePath: override, args: SYSTEM_ARGS };
	if (fs.existsSync(chromium.executablePath())) return { args: [] };
	const system = SYSTEM_CHROMIUM.find((candidate) => fs.existsSync(candidate));
	return system ? { executablePath: system, args: SYSTEM_ARGS } : null;
}
