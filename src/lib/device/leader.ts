/**
 * Runs `work` in one tab of this browser at a time (Web Locks): when the tab holding the
 * lock closes, another waiting tab takes over. Returns a function that steps down.
 */
export function whileLeader(name: string, work: () => () => void): () => void {
	const controller = new AbortController();
	if (!('locks' in navigator)) {
		// Without Web Locks every tab syncs; the server's exactly-once push keeps that safe.
		const stop = work();
		return () => stop();
	}
	navigator.locks
		.request(name, { signal: controller.signal }, () => {
			const stop = work();
			return new Promise<void>((resolve) =>
				controller.signal.addEventListener('abort', () => {
					stop();
					resolve();
				})
			);
		})
		.catch((error: unknown) => {
			if ((error as Error)?.name !== 'AbortError') throw error;
		});
	return () => controller.abort();
}
