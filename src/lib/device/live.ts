export type LiveOptions = {
	/** The catalog version the device holds, to resume from after a reconnect. */
	since: () => Promise<number | null>;
	/** Something this device shows changed on the server: pull. */
	onChange: () => void;
	url?: string;
};

/**
 * Listens to `/api/events` and calls `onChange` when the catalog moves past what the
 * device holds, or the signed-in user's cart, favorites, orders or addresses change. A dropped
 * connection comes back after 1 s, 2 s, 4 s … (at most 30 s), at once when the network
 * returns, and resumes from the last version it heard. Returns a function that stops it.
 */
export function listenForChanges(options: LiveOptions): () => void {
	let source: EventSource | null = null;
	let retry: ReturnType<typeof setTimeout> | undefined;
	let failures = 0;
	let heard: number | null = null;
	let stopped = false;

	const connect = async () => {
		clearTimeout(retry);
		source?.close();
		const since = heard ?? (await options.since());
		if (stopped) return;
		const url = `${options.url ?? '/api/events'}${since === null ? '' : `?version=${since}`}`;
		const opened = new EventSource(url);
		source = opened;
		opened.onopen = () => (failures = 0);
		opened.addEventListener('catalog', (event) => {
			const version = Number(JSON.parse((event as MessageEvent<string>).data).version);
			if (heard !== null && version <= heard) return;
			heard = version;
			options.onChange();
		});
		opened.addEventListener('user', () => options.onChange());
		opened.onerror = () => {
			// Reconnect on our own schedule rather than the browser's fixed one.
			opened.close();
			if (stopped || source !== opened) return;
			failures++;
			retry = setTimeout(() => void connect(), Math.min(30_000, 1000 * 2 ** (failures - 1)));
		};
	};
	const reconnectNow = () => {
		failures = 0;
		void connect();
	};

	addEventListener('online', reconnectNow);
	void connect();
	return () => {
		stopped = true;
		clearTimeout(retry);
		source?.close();
		removeEventListener('online', reconnectNow);
	};
}
