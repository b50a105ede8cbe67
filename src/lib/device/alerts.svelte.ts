import type { AlertRecord, WatchRecord } from './db';
import { device, expose } from './device.svelte';

type Permission = NotificationPermission | 'unsupported';
type Listener = (arrived: AlertRecord[]) => void;
type Product = { id: string; priceMinor: number; inventory: number };

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
	/** What the shopper asked of products beyond their favorites: hear when one is back, or when it costs at most a price. */
	wishes = $state<WatchRecord[]>([]);
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
			(rt) => rt.db.watches.filter((w) => w.asked || w.targetPriceMinor != null).toArray(),
			(rows) => (this.wishes = rows)
		);
	}

	/** Hears of alerts that arrive while this tab is open (the toasts). Answers a function that stops it. */
	listen(listener: Listener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	isAsked(productId: string): boolean {
		return this.wishes.some((w) => w.productId === productId && w.asked);
	}

	/** The price the shopper waits for on a product, if they named one. */
	targetOf(productId: string): number | null {
		return this.wishes.find((w) => w.productId === productId)?.targetPriceMinor ?? null;
	}

	/** "Notify me when it's back" on a sold-out product, or the shopper changed their mind. */
	notifyMe(product: Product, asked: boolean): Promise<void> {
		return this.wish(product, { asked });
	}

	/** "Tell me when it costs at most …": a price fall above it says nothing; null hears of any fall again. */
	setTarget(product: Product, targetPriceMinor: number | null): Promise<void> {
		return this.wish(product, { targetPriceMinor });
	}

	/** Stops every wish on a product (a favorite stays watched). */
	forget(product: Product): Promise<void> {
		return this.wish(product, { asked: false, targetPriceMinor: null });
	}

	private async wish(product: Product, wish: Partial<Pick<WatchRecord, 'asked' | 'targetPriceMinor'>>): Promise<void> {
		const rt = await device.running();
		const { setWatch } = await rt.sync();
		await setWatch(rt.db, product, wish);
		// The sync that follows hands the server the new watch list, when pushes are on.
		rt.poke();
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
