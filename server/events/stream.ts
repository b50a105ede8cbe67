import type { ChangeEvent, ChangeFeed } from './feed';

export type StreamOptions = {
	/** Whose cart, favorites and orders events this stream may carry; a visitor gets none. */
	userId: string | null;
	/** The catalog version the tab last heard of; it is told at once when the catalog is past it. */
	since: number | null;
	/** A comment line this often keeps proxies from closing a quiet stream. */
	heartbeatMs?: number;
	/** The stream ends after this long and the tab reconnects, so a signed-out session does not listen on. */
	lifetimeMs?: number;
	/** Unread messages a tab may fall behind by before the stream is closed on it. */
	maxBacklog?: number;
	/** Called once when the stream ends, however it ends (to give back its slot). */
	onClose?: () => void;
};

const open = new Set<() => void>();
const held = new Map<string, number>();

/**
 * Claims one open stream for each of `slots` (say `user:<id>` and `ip:<address>`), each
 * allowed `limit` at once on this instance, before the stream opens. Answers the release
 * to call when it closes, or null (and claims nothing) when any slot is at its limit.
 */
export function claimStreamSlots(slots: { key: string; limit: number }[]): (() => void) | null {
	if (slots.some(({ key, limit }) => (held.get(key) ?? 0) >= limit)) return null;
	for (const { key } of slots) held.set(key, (held.get(key) ?? 0) + 1);
	let released = false;
	return () => {
		if (released) return;
		released = true;
		for (const { key } of slots) {
			const left = (held.get(key) ?? 1) - 1;
			if (left > 0) held.set(key, left);
			else held.delete(key);
		}
	};
}
let closingOnSignal = false;

/** Ends every open stream (their tabs reconnect elsewhere), so a stopping instance can drain. */
export function closeAllStreams(): void {
	for (const close of [...open]) close();
}

/** `?version=` as sent by a tab: absent, or a whole number; anything else is refused. */
export function parseSince(value: string | null): number | null | undefined {
	if (value === null || value === '') return null;
	return /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}

function message(event: string, data: object): string {
	return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * A Server-Sent Events stream of what a tab needs to pull again: `catalog` with the
 * committed version, and `user` (cart, favorites or orders) for the signed-in user only.
 */
export function openEventStream(feed: ChangeFeed, options: StreamOptions): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	const maxBacklog = options.maxBacklog ?? 64;
	let cleanup = () => {};
	if (!closingOnSignal) {
		closingOnSignal = true;
		for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, closeAllStreams);
	}
	return new ReadableStream<Uint8Array>({
		start(controller) {
			let closed = false;
			const send = (text: string) => {
				if (closed) return;
				// A tab that stopped reading is not worth memory: it reconnects when it wakes.
				if ((controller.desiredSize ?? 0) < -maxBacklog) return close();
				controller.enqueue(encoder.encode(text));
			};
			const close = () => {
				if (closed) return;
				closed = true;
				cleanup();
				controller.close();
			};
			const onChange = (event: ChangeEvent) => {
				if (event.type === 'catalog') send(message('catalog', { version: event.version }));
				else if (event.userId === options.userId) send(message('user', { what: event.what }));
			};
			const unsubscribe = feed.subscribe(onChange);
			const heartbeat = setInterval(() => send(': keep-alive\n\n'), options.heartbeatMs ?? 20_000);
			const lifetime = setTimeout(close, options.lifetimeMs ?? 10 * 60_000);
			cleanup = () => {
				options.onClose?.();
				unsubscribe();
				clearInterval(heartbeat);
				clearTimeout(lifetime);
				open.delete(close);
			};
			open.add(close);
			send(': connected\n\n');
			if (options.since === null || feed.catalogVersion > options.since) onChange({ type: 'catalog', version: feed.catalogVersion });
		},
		cancel() {
			cleanup();
		}
	});
}
