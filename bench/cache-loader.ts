// The load generator of bench:cache, in a process of its own so that it never shares an
// event loop with a server: runs autocannon as BENCH_CACHE_LOAD says, prints "started" when
// it begins and its report (a LoadReport, one JSON line) when it ends.
import { createRequire } from 'node:module';
import { BROWSER_HEADERS, type LoadReport, type LoadSpec } from './cache-load';

/** The part of autocannon's API used here (it ships no types). */
type Autocannon = (options: {
	url: string;
	connections: number;
	duration: number;
	headers: Record<string, string>;
	requests: { method: 'GET'; path: string }[];
}) => PromiseLike<{
	duration: number;
	errors: number;
	timeouts: number;
	non2xx: number;
}> & { on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void };

if (!process.env.BENCH_CACHE_LOAD) throw new Error('BENCH_CACHE_LOAD names the load to run: this script is started by bench/cache.ts');
const spec = JSON.parse(process.env.BENCH_CACHE_LOAD) as LoadSpec;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
const latencies: number[] = [];
const cpu = process.cpuUsage();
const run = autocannon({
	url: spec.base,
	connections: spec.connections,
	duration: spec.seconds,
	headers: BROWSER_HEADERS,
	requests: spec.paths.map((p) => ({ method: 'GET', path: p }))
});
run.on('response', (_client, _status, _bytes, ms) => latencies.push(Math.round(ms * 100) / 100));
process.stdout.write('started\n');
const result = await run;
const used = process.cpuUsage(cpu);
const report: LoadReport = { latencies, seconds: result.duration, errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, cpuMs: (used.user + used.system) / 1000 };
process.stdout.write(`${JSON.stringify(report)}\n`);
process.exit(0);
