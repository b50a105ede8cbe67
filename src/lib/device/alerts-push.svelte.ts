import { alerts } from './alerts.svelte';
import { device } from './device.svelte';
import { readMeta } from './meta';

/**
 * The alerts store's opt-in half: "Tell me even when the app is closed" on this device. Kept
 * apart so that only the pages offering it load it (the work itself, push.ts, loads with the
 * device's sync code).
 */
class AlertPushes {
	/** Whether this device is told of what it watches even while the app is closed (a signed-in shopper opted in). */
	on = $state(false);
	/** Turning it on or off is under way. */
	busy = $state(false);
	/** Whether this browser can take pushes at all. */
	readonly supported = typeof window !== 'undefined' && 'PushManager' in window && 'serviceWorker' in navigator;

	constructor() {
		device.watch(
			(rt) => readMeta(rt.db, 'pushEndpoint'),
			(endpoint) => (this.on = Boolean(endpoint))
		);
	}

	/** On or off, from a button the shopper pressed: turning it on asks the browser's permission there and then. */
	async set(on: boolean): Promise<void> {
		this.busy = true;
		try {
			const rt = await device.running();
			const { switchPush } = await rt.sync();
			await switchPush(rt.db, on);
			if (typeof Notification !== 'undefined') alerts.permission = Notification.permission;
		} finally {
			this.busy = false;
		}
	}
}

export const alertPushes = new AlertPushes();
