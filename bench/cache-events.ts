// How bench:cache times a catalog write reaching an open tab: a reader of /api/events, and
// WRITES writes timed from just before their commit to the event that tells of them.
import { percentile } from './harness';

export const WRITES = 100;
export const WRITE_GAP_MS = 50;
export const EVENT_TIMEOUT_MS = 5_000;

/** An open tab's view of /api/events: every `catalog` event, with when it arrived. */
export async function listen(base: string) {
	const abort = new AbortController();
	const heard: { version: number; at: number }[] = [];
	let wake = () => {};
	const response = await fetch(`${base}/api/events`, { signal: abort.signal });
	if (response.status !== 200 || !response.body) throw new Error(`/api/events answered ${response.status}: ${await response.text()}`);
	const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
	void (async () => {
		let buffer = '';
		for (;;) {
			const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
			if (done) return;
			const at = performance.now();
			buffer += value;
			let end;
			while ((end = buffer.indexOf('\n\n')) >= 0) {
				const lines = buffer.slice(0, end).split('\n');
				buffer = buffer.slice(end + 2);
				const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
				if (lines.includes('event: catalog') && data) heard.push({ version: (JSON.parse(data) as { version: number }).version, at });
			}
			wake();
		}
	})();
	/** When an event of at least this version arrived (waiting for it), or null after the timeout. */
	async function arrival(version: number, timeoutMs = EVENT_TIMEOUT_MS): Promise<number | null> {
		const deadline = performance.now() + timeoutMs;
		for (;;) {
			const found = heard.find((h) => h.version >= version);
			if (found) return found.at;
			const left = deadline - performance.now();
			if (left <= 0) return null;
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, left);
				wake = () => (clearTimeout(timer), resolve());
			});
		}
	}
	await arrival(0); // the stream opens with the current version
	return { arrival, latest: () => heard.at(-1)?.version ?? 0, close: () => abort.abort() };
}

export type TabFigures = { label: string; how: string; delivered: number; p50: number; p95: number; max: number };

/** WRITES product writes, one at a time and WRITE_GAP_MS apart; each timed from just before its commit to the tab. */
export async function tabLatency(label: string, how: string, tab: Awaited<ReturnType<typeof listen>>, write: (i: number) => Promise<{ sentAt: number; version: number }>): Promise<TabFigures> {
	const delays: number[] = [];
	for (let i = 0; i < WRITES; i++) {
		const { sentAt, version } = await write(i);
		const at = await tab.arrival(version);
		if (at !== null) delays.push(at - sentAt);
		await new Promise((resolve) => setTimeout(resolve, WRITE_GAP_MS));
	}
	delays.sort((a, b) => a - b);
	return { label, how, delivered: delays.length, p50: percentile(delays, 0.5), p95: percentile(delays, 0.95), max: delays.at(-1) ?? NaN };
}

export function printTab(t: TabFigures) {
	const missed = WRITES - t.delivered;
	console.log(`write → open tab (${t.how}): ${t.delivered}/${WRITES} events heard${missed ? ` (${missed} not within ${EVENT_TIMEOUT_MS} ms)` : ''}, p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms, max ${t.max.toFixed(1)} ms`);
}

