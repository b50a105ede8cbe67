// The tables bench:cache prints at the end, to paste into the README.
import os from 'node:os';
import type { TabFigures } from './cache-events';
import { WRITES, WRITE_GAP_MS } from './cache-events';
import type { Figures } from './cache-load';

export type Triple = { database: string; healthz: Figures; off: Figures; on: Figures & { hitRatio: number } };
type Target = { ofHealthz: Record<string, number>; p99: number; tabP95: number };

const percent = (ratio: number) => `${(ratio * 100).toFixed(0)}%`;

export function printReadmeTables({ products: PRODUCTS, connections, seconds, target: TARGET, triples, shared, tabs }: {
	products: number;
	connections: number;
	seconds: number;
	target: Target;
	triples: Triple[];
	shared: { each: Figures[]; combined: Figures } | undefined;
	tabs: TabFigures[];
}) {
	const ms = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? n.toFixed(1) : '–');
	const mark = (ok: boolean) => (ok ? 'met' : 'missed');
	const row = (cells: (string | number)[]) => console.log(`| ${cells.join(' | ')} |`);
	const measured = (f: Figures) => [f.rps.toFixed(0), ms(f.p50), ms(f.p95), ms(f.p99), `${f.errors} / ${f.non2xx}`, f.cpuPerRequest === undefined ? '–' : f.cpuPerRequest.toFixed(2)];
	console.log(`\n### Public-read cache: catalog.list, ${PRODUCTS.toLocaleString('en')} products, ${connections} connections, ${seconds} s (${os.cpus().length} cores shared by server, database and load generator)\n`);
	row(['database', 'instances', 'run', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors / non-2xx', 'server CPU ms/req']);
	row(Array(9).fill('---'));
	for (const t of triples) {
		row([t.database, 1, '`/healthz`', ...measured(t.healthz)]);
		row([t.database, 1, 'catalog.list, cache off', ...measured(t.off)]);
		row([t.database, 1, `catalog.list, cache on (${(t.on.hitRatio * 100).toFixed(1)}% hits)`, ...measured(t.on)]);
	}
	if (shared) {
		for (const r of shared.each) row(['Postgres + Redis', r.label, 'catalog.list, cache on', ...measured(r)]);
		row(['Postgres + Redis', '2, combined', 'catalog.list, cache on', ...measured(shared.combined)]);
	}
	console.log('');
	// Req/s also measures how much of the machine the server got; CPU per request does not.
	row(['database', 'cached ÷ `/healthz`, req/s', 'target', 'cached ÷ `/healthz`, server CPU per request', 'cached ÷ uncached', `cached p99 ≤ ${TARGET.p99} ms`]);
	row(Array(6).fill('---'));
	for (const t of triples) {
		const ofHealthz = t.on.rps / t.healthz.rps;
		const target = TARGET.ofHealthz[t.database]!;
		const cpu = t.healthz.cpuPerRequest! / t.on.cpuPerRequest!;
		row([t.database, percent(ofHealthz), `≥ ${percent(target)}, ${mark(ofHealthz >= target)}`, percent(cpu), `${(t.on.rps / t.off.rps).toFixed(2)}×`, `${ms(t.on.p99)} ms, ${mark(t.on.p99 <= TARGET.p99)}`]);
	}
	console.log('');
	row([`write → open tab (${WRITES} writes, ${WRITE_GAP_MS} ms apart)`, 'events heard', 'p50 ms', 'p95 ms', 'max ms', `p95 ≤ ${TARGET.tabP95} ms`]);
	row(Array(6).fill('---'));
	for (const t of tabs) row([`${t.label}: ${t.how}`, `${t.delivered}/${WRITES}`, ms(t.p50), ms(t.p95), ms(t.max), mark(t.delivered === WRITES && t.p95 <= TARGET.tabP95)]);
}
