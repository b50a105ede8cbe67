import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from './fixtures';

// A release deployed while a tab is open. Two copies of the production build (the second
// with a changed service worker, as every release has) take turns on one port and one data
// directory of their own, so this test touches nothing the other tests use. The copies
// live inside the project, so their imports find its node_modules.
const ROOT = path.resolve('.e2e-update');
const PORTS: Record<string, number> = { desktop: 4191, phone: 4192 };

function release(dir: string, change?: string) {
	fs.rmSync(dir, { recursive: true, force: true });
	fs.cpSync('build', dir, { recursive: true });
	if (!change) return;
	const sw = path.join(dir, 'client', 'sw.js');
	fs.appendFileSync(sw, `\n// ${change}\n`);
	// The precompressed copies hold the old bytes: let the server send the file itself.
	fs.rmSync(`${sw}.br`, { force: true });
	fs.rmSync(`${sw}.gz`, { force: true });
}

async function serve(dir: string, port: number, dataDir: string): Promise<ChildProcess> {
	const child = spawn(process.execPath, [path.join(dir, 'index.js')], {
		env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: '', ORIGIN: `http://localhost:${port}`, EMAIL_WORKER: 'off' },
		stdio: 'ignore'
	});
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`the server of ${dir} stopped (${child.exitCode})`);
		try {
			if ((await fetch(`http://localhost:${port}/readyz`)).ok) return child;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	child.kill('SIGKILL');
	throw new Error(`the server of ${dir} did not get ready`);
}

async function stop(child: ChildProcess) {
	if (child.exitCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	await exited;
}

const device = (page: Page) =>
	page.evaluate(() => {
		const { device, cart } = window.store;
		return { pending: device.pending, units: cart.count };
	});

test('a release deployed while a tab is open: the update toast, then the new version with the cart and pending changes intact', async ({ page }, testInfo) => {
	test.slow();
	const port = PORTS[testInfo.project.name]!;
	const base = `http://localhost:${port}`;
	const work = path.join(ROOT, testInfo.project.name);
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-update-'));
	release(path.join(work, 'current'));
	release(path.join(work, 'next'), `release ${Date.now()}`);
	let server = await serve(path.join(work, 'current'), port, dataDir);
	try {
		await page.goto(`${base}/`);
		await page.evaluate(() => navigator.serviceWorker.ready);
		await page.reload();
		await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);

		await page.goto(`${base}/products/walnut-serving-board`);
		await page.getByRole('button', { name: 'Add to cart' }).click();
		await expect.poll(() => device(page)).toEqual({ pending: 0, units: 1 });

		// The deploy: the old server goes away; a change made meanwhile waits on the device.
		await stop(server);
		await page.getByRole('button', { name: 'One more' }).click();
		await expect.poll(async () => (await device(page)).units).toBe(2);
		expect((await device(page)).pending, 'the change waits on the device').toBeGreaterThan(0);
		server = await serve(path.join(work, 'next'), port, dataDir);

		// The tab finds the new version (browsers check on navigation and now and then; ask now).
		await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
		const banner = page.getByRole('status').filter({ hasText: 'A new version of the shop is ready.' });
		await expect(banner).toBeVisible({ timeout: 20_000 });
		const reloaded = page.waitForEvent('load');
		await banner.getByRole('button', { name: 'Update' }).click();
		await reloaded;
		await page.locator('body[data-hydrated]').waitFor({ state: 'attached' });

		await expect(banner).toBeHidden();
		const worker = await page.evaluate(async () => {
			const registration = await navigator.serviceWorker.getRegistration();
			const script = await (await fetch('/sw.js')).text();
			return { waiting: Boolean(registration?.waiting), controlled: Boolean(navigator.serviceWorker.controller), release: script.includes('// release ') };
		});
		expect(worker).toEqual({ waiting: false, controlled: true, release: true });
		// The cart came through, and the change made during the deploy reached the server.
		await expect(page.getByRole('group', { name: 'Quantity of Walnut Serving Board in your cart' }).locator('output')).toHaveText('2 in cart');
		await expect.poll(() => device(page), { timeout: 15_000 }).toEqual({ pending: 0, units: 2 });
	} finally {
		await stop(server);
		fs.rmSync(work, { recursive: true, force: true });
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
});
