import toast from 'svelte-french-toast';
import { api, clientMistake } from '$lib/api';
import type { PushSubscribeInput } from '$lib/shared/alerts';
import type { StoreDb } from './db';
import { readMeta, writeMeta } from './meta';
import { watchedProductIds } from './watching';

// "Tell me even when the app is closed": this device's Web Push subscription, and the list of
// watched product ids the server keeps for it while it is on. Everything else about watching
// stays on the device (watching.ts).

/** The shop's side of it (`alerts.*`). */
export type PushApi = {
	vapidPublicKey(): Promise<{ publicKey: string }>;
	subscribe(input: PushSubscribeInput): Promise<unknown>;
	watches(input: { endpoint: string; productIds: string[] }): Promise<unknown>;
	unsubscribe(input: { endpoint: string }): Promise<unknown>;
};

/** The browser's side: the permission prompt and the service worker's push manager. */
export type PushBrowser = {
	requestPermission(): Promise<NotificationPermission>;
	pushManager(): Promise<PushManager | null>;
};

export const httpPushApi: PushApi = {
	vapidPublicKey: () => api.alerts.vapidPublicKey.query(),
	subscribe: (input) => api.alerts.subscribe.mutate(input),
	watches: (input) => api.alerts.watches.mutate(input),
	unsubscribe: (input) => api.alerts.unsubscribe.mutate(input)
};

const browserPush: PushBrowser = {
	requestPermission: () => Notification.requestPermission(),
	pushManager: async () => (await navigator.serviceWorker?.ready)?.pushManager ?? null
};

const base64url = (key: ArrayBuffer | null | undefined) =>
	key ? btoa(String.fromCharCode(...new Uint8Array(key))).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '') : null;

export type PushOutcome = 'on' | 'off' | 'denied' | 'unsupported';

/**
 * Turns pushes on for this device, from the shopper's press of the button (the only place
 * the browser's permission is asked): subscribes with the shop's key, then hands the server
 * the subscription and the ids of what this device watches.
 */
export async function turnPushOn(db: StoreDb, { server = httpPushApi, browser = browserPush } = {}): Promise<PushOutcome> {
	if ((await browser.requestPermission()) !== 'granted') return 'denied';
	const manager = await browser.pushManager();
	if (!manager) return 'unsupported';
	const { publicKey } = await server.vapidPublicKey();
	let subscription = await manager.getSubscription();
	// Made with another key (the shop's changed): it cannot carry the shop's pushes.
	if (subscription && base64url(subscription.options.applicationServerKey) !== publicKey) {
		await subscription.unsubscribe();
		subscription = null;
	}
	subscription ??= await manager.subscribe({ userVisibleOnly: true, applicationServerKey: publicKey });
	const productIds = await watchedProductIds(db);
	const json = subscription.toJSON() as PushSubscribeInput['subscription'];
	await server.subscribe({ subscription: { endpoint: subscription.endpoint, expirationTime: json.expirationTime ?? null, keys: json.keys }, applicationServerKey: publicKey, productIds });
	await writeMeta(db, 'pushEndpoint', subscription.endpoint);
	await writeMeta(db, 'pushWatchesSent', productIds.join(','));
	return 'on';
}

/** Turns pushes off: the server deletes the subscription and its watch list, and the browser drops it. */
export async function turnPushOff(db: StoreDb, { server = httpPushApi, browser = browserPush } = {}): Promise<PushOutcome> {
	const endpoint = await readMeta(db, 'pushEndpoint');
	const subscription = await (await browser.pushManager())?.getSubscription();
	const target = endpoint ?? subscription?.endpoint;
	if (target) await server.unsubscribe({ endpoint: target });
	await subscription?.unsubscribe();
	await writeMeta(db, 'pushEndpoint', null);
	await writeMeta(db, 'pushWatchesSent', null);
	return 'off';
}

/** The shopper pressed the button: pushes on or off, and what went wrong said in a toast. */
export async function switchPush(db: StoreDb, on: boolean): Promise<void> {
	try {
		const outcome = on ? await turnPushOn(db) : await turnPushOff(db);
		if (outcome === 'denied') toast.error('Notifications are blocked for this shop in your browser’s settings, so it cannot tell you while the app is closed.');
		if (outcome === 'unsupported') toast.error('This browser cannot take pushes from the shop.');
	} catch (error) {
		if (error instanceof DOMException) toast.error('This browser’s push service could not be reached. Try again in a moment.');
		else toast.error(clientMistake(error)?.message ?? 'The shop could not be reached. Try again in a moment.');
	}
}

/** The databases whose subscription the server confirmed since the page loaded. */
const confirmed = new WeakSet<StoreDb>();

/**
 * After each sync, while pushes are on: hands the server the watch list if it changed since
 * it last took it (and once per page load, to learn whether it still holds the subscription:
 * it does not after a sign-out elsewhere, or once the push service said it is gone).
 */
export async function followPushWatches(db: StoreDb, server: PushApi = httpPushApi): Promise<void> {
	const endpoint = await readMeta(db, 'pushEndpoint');
	if (!endpoint) return;
	const productIds = await watchedProductIds(db);
	const list = productIds.join(',');
	if (confirmed.has(db) && list === (await readMeta(db, 'pushWatchesSent'))) return;
	try {
		await server.watches({ endpoint, productIds });
	} catch (error) {
		if (clientMistake(error)?.status !== 404) throw error;
		await writeMeta(db, 'pushEndpoint', null);
		return;
	}
	confirmed.add(db);
	await writeMeta(db, 'pushWatchesSent', list);
}
