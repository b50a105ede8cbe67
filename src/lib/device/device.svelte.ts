import { afterFirstPaint } from './first-paint';
import type { Meta } from './db';
import type { MutationArgs, MutationName } from '$lib/shared/mutations';
import type { SyncApi } from './sync-api';
import type { SyncStatus } from './engine';
import type { DeviceRuntime } from './runtime';
import { whenLoaded } from './when-loaded';

/** A query over what the device holds, kept current: `next` hears every new answer. */
export type Watcher<T = unknown> = { query: (runtime: DeviceRuntime) => Promise<T>; next: (value: T) => void };

/**
 * The shopper's device, for every page of one tab: its sync status, and the way in for the
 * domain stores beside it (cart, favorites, orders, address book, changes, catalog), which
 * each watch and write their own part of what the device holds. The code behind it (Dexie,
 * the sync engine, the API client) loads once the first screen is shown, or at once when a
 * page needs it sooner, so it never stands between a shopper and that screen.
 */
class Device {
	readonly clientId = crypto.randomUUID();
	status = $state<SyncStatus>('idle');
	/** How many changes wait to be sent. */
	pending = $state(0);
	syncedAt = $state<string | null>(null);
	/** Whether this tab is the one that syncs for the browser. */
	leading = $state(false);
	/** What the domain stores watch; the runtime subscribes each one when it starts. */
	readonly watchers: Watcher[] = [];

	private runtime: Promise<DeviceRuntime> | null = null;
	private started: Promise<void> | null = null;
	private wake = () => {};
	private readonly woken = new Promise<void>((resolve) => (this.wake = resolve));

	constructor() {
		this.watch(
			(rt) => rt.syncState(),
			(s) => Object.assign(this, s)
		);
	}

	/**
	 * Starts (or restarts, when the signed-in user changed) the device for this tab: once the
	 * first screen is shown, unless something needs the device sooner.
	 */
	start(user: Meta['user'], api?: SyncApi): Promise<void> {
		this.started = (async () => {
			await this.started?.catch(() => {});
			await Promise.race([afterFirstPaint(), this.woken]);
			await (await this.opened()).start(user, api, this.woken);
		})();
		return this.started;
	}

	/** Keeps `next` told of what `query` reads, from now on (the stores call this once, when they load). */
	watch<T>(query: Watcher<T>['query'], next: Watcher<T>['next']) {
		const watcher = { query, next } as Watcher;
		this.watchers.push(watcher);
		void this.runtime?.then((rt) => rt.subscribe(watcher));
	}

	/** Adds, removes or changes something on the device now; the server hears of it soon. */
	async act<N extends MutationName>(name: N, args: MutationArgs<N>): Promise<boolean> {
		return (await this.running()).act(name, args);
	}

	/** Asks for a sync now, e.g. after a server-side change this tab caused (a review). */
	syncSoon() {
		void this.running().then((rt) => rt.poke());
	}

	/** Who was signed in when this device last reached the server. */
	async lastUser(): Promise<Meta['user']> {
		return (await this.opened()).lastUser();
	}

	/**
	 * For the pages that show only what the device holds: they bring the device's code with
	 * them, so it is neither fetched nor waited for, even if the network drops at once.
	 */
	bring(runtime: typeof import('./runtime'), sync: typeof import('./sync-code')) {
		if (typeof window === 'undefined') return;
		this.runtime ??= Promise.resolve(new runtime.DeviceRuntime(this));
		runtime.provideSync(sync);
		this.wake();
	}

	/** The working half, loaded on first use (again once the network is back, if it dropped before the code arrived). Usable before `start()`. */
	opened(): Promise<DeviceRuntime> {
		return (this.runtime ??= whenLoaded(() => import('./runtime')).then(({ DeviceRuntime }) => new DeviceRuntime(this)));
	}

	/** The working half once started: a shopper's action does not wait for the browser to be idle. */
	async running(): Promise<DeviceRuntime> {
		this.wake();
		await this.started;
		return this.opened();
	}
}

export const device = new Device();

/** Handles for diagnostics from the browser console (and the tests and benchmarks): `window.store.cart` and so on. */
export function expose<K extends keyof Window['store']>(name: K, store: Window['store'][K]) {
	if (typeof window === 'undefined') return;
	(window.store ??= {} as Window['store'])[name] = store;
}

expose('device', device);
