import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/** One production server (build/index.js, built by the webServer of playwright.config.ts) that a spec starts for itself. */
export type Instance = {
	url: string;
	child: ChildProcess;
	/** Everything the process wrote so far. */
	output(): string;
	/** Its JSON log lines so far. */
	lines(): Record<string, unknown>[];
	/** Resolves with the exit code and signal once the process has exited. */
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	stop(): Promise<void>;
};

/** Starts an instance on its own empty embedded database; resolves once it answers /healthz. */
export async function startInstance(port: number, env: Record<string, string> = {}): Promise<Instance> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-ops-'));
	const url = `http://localhost:${port}`;
	const child = spawn(process.execPath, [path.join(ROOT, 'build', 'index.js')], {
		cwd: ROOT,
		env: {
			...process.env,
			PORT: String(port),
			DATA_DIR: dataDir,
			DATABASE_URL: '',
			REDIS_URL: '',
			ORIGIN: url,
			STRIPE_SECRET_KEY: '',
			METRICS_TOKEN: '',
			LOG_LEVEL: 'info',
			// What `npm start` (scripts/start.js) defaults to.
			SHUTDOWN_TIMEOUT: '8',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal }))
	);
	const instance: Instance = {
		url,
		child,
		output: () => output,
		lines: () =>
			output
				.split('\n')
				.filter((line) => line.startsWith('{'))
				.map((line) => JSON.parse(line) as Record<string, unknown>),
		exited,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) {
				child.kill('SIGTERM');
				const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
				await exited;
				clearTimeout(killer);
			}
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
	// Up once it answers /healthz (the server listens only after init: migrations, demo shop).
	const deadline = Date.now() + 120_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`the instance exited with ${child.exitCode}:\n${output}`);
		if (Date.now() > deadline) {
			await instance.stop();
			throw new Error(`the instance did not answer /healthz in time:\n${output}`);
		}
		try {
			if ((await fetch(`${url}/healthz`)).ok) return instance;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}
