// What the benchmarks share: seeding a large catalog, finding a port, running the
// production build as a child process, throwaway Postgres databases, and CPU accounting.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
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

/** Starts the production build (or a copy of it, see `snapshotBuild`) and waits until it is ready. */
export async function startServer(env: NodeJS.ProcessEnv, port: number, entry = serverEntry): Promise<ChildProcess> {
	const child = spawn(process.execPath, [entry], {
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

/** Linux counts CPU time in USER_HZ ticks, 100 a second on every mainstream build. */
const TICK_MS = 10;

/** CPU time a process of ours has used so far, in ms (Linux /proc; NaN elsewhere). */
export function processCpuMs(pid: number | undefined): number {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		// Fields after the command name, which may itself hold spaces: utime and stime are the 12th and 13th.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
	} catch {
		return NaN;
	}
}

/** CPU time used so far by every process with one of these command names (e.g. `postgres`), in ms. */
export function commandCpuMs(commands: string[]): number {
	let sum = 0;
	for (const pid of fs.readdirSync('/proc', { withFileTypes: true })) {
		if (!/^\d+$/.test(pid.name)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${pid.name}/stat`, 'utf8');
			if (commands.includes(stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')))) sum += processCpuMs(Number(pid.name));
		} catch {
			// It ended meanwhile.
		}
	}
	return sum;
}

/** The whole machine's CPU time so far, in ms summed over cores: busy, and busy + idle. */
export function machineCpuMs(): { busy: number; total: number } {
	try {
		const [, ...ticks] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
		const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
		const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
		return { busy: (total - idle) * TICK_MS, total: total * TICK_MS };
	} catch {
		return { busy: NaN, total: NaN };
	}
}

/** A new, empty database on the Postgres server of `baseUrl`, and a way to drop it. */
export async function createPostgresDatabase(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
	const name = `store_bench_${randomBytes(6).toString('hex')}`;
	const admin = postgres(baseUrl, { max: 1, connect_timeout: 3, onnotice: () => {} });
	try {
		await admin.unsafe(`create database "${name}"`);
	} catch (error) {
		await admin.end({ timeout: 1 });
		throw error;
	}
	const url = new URL(baseUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		async drop() {
			await admin.unsafe(`drop database if exists "${name}" with (force)`);
			await admin.end();
		}
	};
}

/**
 * A private copy of the production build for one run: a rebuild of `build/` meanwhile (by
 * another command in this working tree) would otherwise swap the code under running servers,
 * whose routes load lazily. Call `remove` when done.
 */
export function snapshotBuild(): { entry: string; remove: () => void } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-build-'));
	const remove = () => fs.rmSync(dir, { recursive: true, force: true });
	try {
		// Bare imports resolve from here, and the files are ES modules, as in the repository.
		fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
		fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
		const copy = path.join(dir, 'build');
		// A build that finished during the copy leaves a mix of two: copy again.
		for (let attempt = 1; ; attempt++) {
			const before = fs.statSync(serverEntry).mtimeMs;
			fs.rmSync(copy, { recursive: true, force: true });
			fs.cpSync(path.dirname(serverEntry), copy, { recursive: true });
			if (fs.statSync(serverEntry, { throwIfNoEntry: false })?.mtimeMs === before) break;
			if (attempt === 5) throw new Error('build/ kept changing while it was copied');
		}
		return { entry: path.join(copy, 'index.js'), remove };
	} catch (error) {
		remove();
		throw error;
	}
}
