import type { OrderRequestRecord, StoreDb } from '$lib/device/db';
import { readMeta } from '$lib/device/meta';
import type { SyncApi } from './sync-api';
import { SyncEngine } from './engine';
import { currentIdentity } from './identity';
import { SYNC_LOCK } from './names';


/** What the service worker tells open windows after it sent an order request, so they can say so. */
export type OrderRequestsMessage = { type: 'order-requests'; records: OrderRequestRecord[] };

/** What a decided request says to the shopper, in a toast or a system notification. */
export function orderRequestNews(record: OrderRequestRecord): string {
	return record.state === 'placed'
		? `Order ${record.orderNumber} placed. Pay for it to complete it.`
		: (record.message ?? 'Your order request could not be placed.');
}

export type BackgroundOptions = {
	api: SyncApi;
	/** Web Locks of this origin; without them (an old browser) the worker sends anyway: the push is exactly-once. */
	locks?: Pick<LockManager, 'request'>;
	/** Told of the order requests the server decided; awaited before the run ends. */
	announce?: (decided: OrderRequestRecord[]) => Promise<void> | void;
};

export type BackgroundOutcome = 'sent' | 'tab leads' | 'no device';

/**
 * One run of the device's outbox from the service worker, with no tab needed: the same
 * engine a tab runs, pushing what is queued and pulling the server's answer. When a tab
 * holds the sync lock, that tab pushes, and this does nothing. A failure (still offline,
 * the server down) is thrown, so the browser tries the sync again later.
 */
export async function sendOutboxInBackground(db: StoreDb, options: BackgroundOptions): Promise<BackgroundOutcome> {
	const run = async (): Promise<BackgroundOutcome> => {
		// A device that never synced has no group, so nothing of it can be sent.
		if (!(await readMeta(db, 'clientGroupId'))) return 'no device';
		const announced: Promise<void>[] = [];
		const engine = new SyncEngine(db, {
			api: options.api,
			identity: () => currentIdentity(db),
			onOrderRequests: (decided) => {
				if (options.announce) announced.push(Promise.resolve(options.announce(decided)));
			}
		});
		try {
			await engine.sync();
		} finally {
			// What was decided before a later step failed is still news.
			await Promise.allSettled(announced);
		}
		return 'sent';
	};
	if (!options.locks) return run();
	return options.locks.request(SYNC_LOCK, { ifAvailable: true }, (lock) => (lock ? run() : 'tab leads'));
}

type WindowLike = { url: string; focused: boolean; focus(): Promise<unknown>; navigate(url: string): Promise<WindowLike | null> };
type ClientsLike = { matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<readonly WindowLike[]>; openWindow(url: string): Promise<unknown> };

/**
 * Where a tapped notification leads: a window already there is focused, else an open
 * window of the shop moves there, else a new one opens. Only ever a page of this origin.
 */
export async function openFromNotification(clients: ClientsLike, url: string | undefined, origin: string): Promise<void> {
	const target = new URL(url ?? '/', origin);
	const href = target.origin === origin ? target.href : new URL('/', origin).href;
	const windows = await clients.matchAll({ type: 'window', includeUncontrolled: true });
	const there = windows.find((w) => w.url === href);
	if (there) {
		await there.focus();
		return;
	}
	const other = windows.find((w) => w.focused) ?? windows[0];
	if (other) {
		try {
			const moved = await other.navigate(href);
			if (moved) {
				await moved.focus();
				return;
			}
		} catch {
			// A window this worker does not control cannot be moved: open one instead.
		}
	}
	await clients.openWindow(href);
}
