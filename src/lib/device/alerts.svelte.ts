import type { AlertRecord } from './db';
import { device, expose } from './device.svelte';

type Permission = NotificationPermission | 'unsupported';
type Listener = (arrived: AlertRecord[]) => void;

/**
 * What the shopper watches and what it told them: every favorite is watched, and so is a
 * sold-out product they asked to hear about. The sync compares each pull with what the
 * device knew (see `watching.ts`); this store reads the alerts it kept, in every tab.
 */
class Alerts {
	/** Newest first. */
	list = $state<AlertRecord[]>([]);
	/** Whether the device has read this browser's alerts yet. */
	ready = $state(false);
	unread = $derived(this.list.filter((a) => !a.read).length);
	/** Sold-out products the shopper asked to hear about without favoriting them. */
	asked = $state<string[]>([]);
	/** Whether this browser may show system notifications; the shopper is asked only from a button they press. */
	permission = $state<Permission>(typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);

	/** Alerts raised from now on are news in this tab (earlier ones were told where they were raised). */
	private readonly openedAt = new Date().toISOString();
	private readonly told = new Set<string>();
	private readonly listeners = new Set<Listener>();

	constructor() {
		device.watch(
			(rt) => rt.db.alerts.orderBy('at').reverse().toArray(),
			(rows) => {
				const arrived = rows.filter((a) => !a.read && a.at >= this.openedAt && !this.told.has(a.id));
				for (const a of arrived) this.told.add(a.id);
				this.list = rows;
				this.ready = true;
				if (arrived.length) for (const listener of this.listeners) listener(arrived);
			}
		);
		device.watch(
			(rt) => rt.db.watches.filter((w) => w.asked).primaryKeys(),
			(ids) => (this.asked = ids)
		);
	}

	/** Hears of alerts that arrive while this tab is open (the toasts). Answers a function that stops it. */
	listen(listener: Listener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	isAsked(productId: string): boolean {
		return this.asked.includes(productId);
	}

	/** "Notify me when it's back" on a sold-out product, or the shopper changed their mind. */
	async notifyMe(product: { id: string; priceMinor: number; inventory: number }, asked: boolean): Promise<void> {
		const rt = await device.running();
		const { askToNotify } = await rt.sync();
		await askToNotify(rt.db, product, asked);
	}

	/** The shopper has seen the list: every alert in it is read. */
	async markAllRead(): Promise<void> {
		const { db } = await device.opened();
		await db.alerts.toCollection().modify({ read: true });
	}

	/** Asks the browser for system notifications (only ever from a button the shopper pressed). */
	async askPermission(): Promise<void> {
		if (typeof Notification === 'undefined') return;
		this.permission = await Notification.requestPermission();
	}
}

export const alerts = new Alerts();
expose('alerts', alerts);
