import { invalidate } from '$app/navigation';

/** What a load declares (`depends(NETWORK)`) when it answers from the device for want of a network. */
export const NETWORK = 'store:network';

/**
 * Whether this browser has a network, for every page: one reactive value that notes and
 * buttons read, so they change the moment the network goes or returns. When it returns,
 * the loads that answered from the device instead (and a page that could not open at all)
 * run again, so what the page says is the shop's word again without a reload.
 */
class Network {
	online = $state(true);

	constructor() {
		if (typeof window === 'undefined') return;
		this.online = navigator.onLine;
		addEventListener('offline', () => (this.online = false));
		addEventListener('online', () => {
			this.online = true;
			invalidate(NETWORK).catch(() => {});
		});
	}
}

export const network = new Network();

/** Thrown by a load that the device cannot answer while offline: the page says what waits for the network. */
export class NeedsNetwork extends Error {
	constructor() {
		super('This page needs the network.');
	}
}

// fetch() rejects with a TypeError when nothing answered: Chromium, Firefox and Safari word it so.
const NO_ANSWER = /fetch|network|load failed/i;

/** Whether a failure came from having no network (nothing answered), not from an answer of the shop's. */
export function isNetworkFailure(error: unknown): boolean {
	if (error instanceof NeedsNetwork || !network.online) return true;
	for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
		if (e instanceof TypeError && NO_ANSWER.test(e.message)) return true;
	}
	return false;
}
