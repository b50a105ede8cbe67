// What the benchmarks share: seeding a large catalog, finding a port, and running the
// production build as a child process.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { serverEntry } from '../scripts/ensure-build.js';

export const root = path.resolve(import.meta.dirname, '..');

/** Runs `npx tsx scripts/db-seed.ts --products N` in its own process; returns milliseconds. */
export function seed(env: NodeJS.ProcessEnv, products: number): number {
	const started = performance.now();
	const result = spawnSync('npx', ['tsx', 'scripts/db-seed.ts', '--products', String(products)], {
		cwd: root,
		env,
		stdio: ['ignore', 'ignore', 'inherit']
	});
	if (result.status !== 0) throw new Error(`seeding failed (exit ${result.status})`);
	return performance.now() - started;
}

export async function freePort(from: number): Promise<number> {
	for (let port = from; port < from + 100; port++) {
		const free = await new Promise<boolean>((resolve) => {
			const probe = net.createServer().once('error', () => resolve(false));
			probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
		});
		if (free) return port;
	}
	throw new Error(`no free port from ${from}`);
}

/** Starts the production build and waits until it is ready. */
export async function startServer(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
	const child = spawn(process.execPath, [serverEntry], {
		cwd: root,
		env: { ...env, PORT: String(port), ORIGIN: `http://localhost:${port}` }
	});
	// Keep the tail of its output for a failure message; draining the pipes also keeps it from blocking.
	let output = '';
	const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline && child.exitCode === null) {
		const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status === 200, () => false);
		if (ready) return child;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	await stopServer(child);
	throw new Error(`server did not become ready on port ${port}:\n${output}`);
}

export async function stopServer(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
	await exited;
	clearTimeout(timer);
}

export function percentile(sorted: number[], q: number): number {
	return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}
