// How bench:cache loads a server and reads the figures: autocannon in a process of its own
// (`cache-loader.ts`), the figures of its reports, and their table.
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { commandCpuMs, machineCpuMs, percentile, processCpuMs, root } from './harness';

// What a browser's fetch sends along: the app gzips answers for those who accept it, and that is part of the cost.
export const BROWSER_HEADERS = { accept: '*/*', 'accept-encoding': 'gzip, deflate, br' };

export const WARM_UP_SECONDS = 2;
const STORES = ['postgres', 'redis-server']; // their processes' CPU is counted apart

export type LoadSpec = { base: string; paths: string[]; connections: number; seconds: number };
export type LoadReport = { latencies: number[]; seconds: number; errors: number; timeouts: number; non2xx: number; cpuMs: number };

/** The load processes still running, so that the benchmark can stop them however it ends. */
export const loaders = new Set<ChildProcess>();

export function startLoad(spec: LoadSpec): { started: Promise<void>; report: Promise<LoadReport> } {
	const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'cache-loader.ts')], {
		cwd: root,
		env: { ...process.env, BENCH_CACHE_LOAD: JSON.stringify(spec) },
		stdio: ['ignore', 'pipe', 'inherit'],
		detached: true // its own process group, so it can be killed whole
	});
	loaders.add(child);
	const lines = readline.createInterface({ input: child.stdout! });
	let started!: () => void;
	const startedPromise = new Promise<void>((resolve) => (started = resolve));
	const report = new Promise<LoadReport>((resolve, reject) => {
		let last = '';
		lines.on('line', (line) => (line === 'started' ? started() : (last = line)));
		child.once('exit', (code) => {
			loaders.delete(child);
			started();
			if (code === 0 && last) resolve(JSON.parse(last) as LoadReport);
			else reject(new Error(`autocannon process exited with ${code}`));
		});
	});
	return { started: startedPromise, report };
}

export type Figures = { label: string; requests: number; rps: number; p50: number; p95: number; p99: number; errors: number; non2xx: number; cpuPerRequest?: number; lookups?: number; hitRatio?: number };

export function figures(label: string, reports: LoadReport[]): Figures {
	const latencies = reports.flatMap((r) => r.latencies).sort((a, b) => a - b);
	const rps = reports.reduce((sum, r) => sum + r.latencies.length / r.seconds, 0);
	const errors = reports.reduce((sum, r) => sum + r.errors + r.timeouts, 0);
	const non2xx = reports.reduce((sum, r) => sum + r.non2xx, 0);
	return { label, requests: latencies.length, rps, p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), p99: percentile(latencies, 0.99), errors, non2xx };
}

export function printRuns(rows: (Figures & { lookups?: number; hitRatio?: number })[]) {
	const table = [
		['run', 'requests', 'errors', 'non-2xx', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'server CPU ms/req', 'cache hits'],
		...rows.map((r) => [
			r.label,
			String(r.requests),
			String(r.errors),
			String(r.non2xx),
			r.rps.toFixed(0),
			r.p50.toFixed(1),
			r.p95.toFixed(1),
			r.p99.toFixed(1),
			r.cpuPerRequest === undefined ? '' : r.cpuPerRequest.toFixed(2),
			r.lookups === undefined ? '' : r.lookups === 0 ? 'no lookups' : `${(r.hitRatio! * 100).toFixed(1)}% of ${r.lookups}`
		])
	];
	const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
	for (const row of table) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
}


async function cacheLookups(base: string, metricsToken: string): Promise<{ hit: number; miss: number }> {
	const text = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).text();
	const counts = { hit: 0, miss: 0 };
	for (const line of text.split('\n')) {
		if (!line.startsWith('cache_lookups_total{') || !line.includes('cache="catalog.list"')) continue;
		const value = Number(line.slice(line.lastIndexOf(' ') + 1));
		if (line.includes('result="hit"')) counts.hit += value;
		else if (line.includes('result="miss"')) counts.miss += value;
	}
	return counts;
}

/**
 * Warms up, then loads every target at once (each with its own autocannon process) and says
 * where the machine's CPU went meanwhile: both the load and the server run on these cores.
 */
export async function load(targets: { label: string; base: string; child: ChildProcess; connections: number }[], paths: string[], seconds: number, metricsToken: string) {
	const specs = targets.map((t) => ({ base: t.base, paths, connections: t.connections }));
	await Promise.all(specs.map((spec) => startLoad({ ...spec, seconds: WARM_UP_SECONDS }).report));
	const before = await Promise.all(targets.map((t) => cacheLookups(t.base, metricsToken)));
	const runs = specs.map((spec) => startLoad({ ...spec, seconds }));
	await Promise.all(runs.map((r) => r.started));
	const cpu0 = { machine: machineCpuMs(), servers: targets.map((t) => processCpuMs(t.child.pid)), stores: commandCpuMs(STORES), self: process.cpuUsage() };
	const reports = await Promise.all(runs.map((r) => r.report));
	const machine = machineCpuMs();
	const serverMs = targets.map((t, i) => processCpuMs(t.child.pid) - cpu0.servers[i]!);
	const storesMs = commandCpuMs(STORES) - cpu0.stores;
	const self = process.cpuUsage(cpu0.self);
	const after = await Promise.all(targets.map((t) => cacheLookups(t.base, metricsToken)));

	const each = targets.map((t, i) => {
		const hits = after[i]!.hit - before[i]!.hit;
		const lookups = hits + after[i]!.miss - before[i]!.miss;
		const f = figures(t.label, [reports[i]!]);
		return { ...f, cpuPerRequest: serverMs[i]! / f.requests, lookups, hitRatio: lookups ? hits / lookups : NaN };
	});
	const combined = figures('combined', reports);
	const wall = machine.total - cpu0.machine.total; // summed over cores
	const share = (ms: number) => `${Math.round((ms / wall) * 100 * os.cpus().length)}%`;
	const loaderMs = reports.reduce((sum, r) => sum + r.cpuMs, 0);
	const selfMs = (self.user + self.system) / 1000;
	const busy = machine.busy - cpu0.machine.busy;
	const allServersMs = serverMs.reduce((a, b) => a + b, 0);
	const otherMs = busy - allServersMs - storesMs - loaderMs - selfMs;
	const cpu =
		`CPU while measured (100% = one core, ${os.cpus().length} cores): ` +
		`${serverMs.map((ms, i) => `server${targets.length > 1 ? ` ${targets[i]!.label}` : ''} ${share(ms)}`).join(', ')}, ` +
		`Postgres + Redis ${share(storesMs)}, autocannon ${share(loaderMs)}, this script ${share(selfMs)}, other work on the machine ${share(otherMs)}, idle ${share(wall - busy)}`;
	return { each, combined: { ...combined, cpuPerRequest: allServersMs / combined.requests }, cpu };
}

