import { liveQuery } from 'dexie';
import toast from 'svelte-french-toast';
import { LocalCatalog } from './catalog-index';
import { OfflineImages } from './offline-images';
import { openStoreDb, type Meta, type StoreDb } from './db';
import { announceRequests, notifyAlerts } from './announce';
import { readMeta, writeMeta } from './meta';
import type { MutationArgs, MutationName } from '$lib/shared/mutations';
import type { SyncApi } from './sync-api';
import type { OrderRequestsMessage } from './background';
import type { Refusal, SyncStatus } from './engine';
import { ensureIdentity } from './identity';
import { whileLeader } from './leader';
import { OUTBOX_SYNC_TAG, SYNC_LOCK, TABS_CHANNEL } from './names';
import { whenIdle } from './first-paint';
import type { Watcher } from './device.svelte';
import { whenLoaded } from './when-loaded';

type Sync = typeof import('./sync-code');
let syncCode: Promise<Sync> | null = null;
/** The sync machinery, loaded on first use. */
const loadSync = (): Promise<Sync> => (syncCode ??= whenLoaded(() => import('./sync-code')));

/** The sync machinery, from a page that brought it along (see `device.bring`). */
export function provideSync(sync: Sync) {
	syncCode ??= Promise.resolve(sync);
}

const SYNC_INTERVAL_MS = 30_000;
const LIVE_JITTER_MS = 150;

type Message = { type: 'poke' } | { type: 'status'; status: SyncStatus } | { type: 'refusals'; refusals: Refusal[] };

/** The part of the device's entry the runtime keeps current. */
export interface DeviceShell {
	readonly clientId: string;
	status: SyncStatus;
	pending: number;
	syncedAt: string | null;
	leading: boolean;
	readonly watchers: Watcher[];
}

/**
 * The working half of the shopper's device, loaded after the first page has painted: the
 * Dexie database, the live queries the domain stores watch, the channel between tabs and
 * (in the one tab that leads) the sync engine with its backoff.
 */
export class DeviceRuntime {
	readonly db: StoreDb = openStoreDb();
	signedIn = false;
	private catalog: Promise<LocalCatalog | null> | null = null;
	/**
	 * The catalog as of one sync cursor: every change to the catalog moves the cursor, so a
	 * pull that changed nothing reads nothing, and a first load hands over what it wrote.
	 */
	private held: { cursor: string; catalog: Promise<LocalCatalog> } | null = null;
	private channel: BroadcastChannel | null = null;
	private stop: (() => void)[] = [];
	/** Whether the device has started for its user: the stores' watchers run from then on. */
	private live = false;
	private readonly watching = new Set<Watcher>();
	private runSync: (() => void) | null = null;
	private readonly images = new OfflineImages();

	constructor(private readonly shell: DeviceShell) {}

	get clientId(): string {
		return this.shell.clientId;
	}

	/**
	 * Starts (or restarts, when the signed-in user changed) the device for this tab: first
	 * what the device holds, then, at the browser's next idle moment (or at once when `needed`
	 * settles: a shopper is waiting on it), the sync.
	 */
	async start(user: Meta['user'], api?: SyncApi, needed?: Promise<void>): Promise<void> {
		const { db } = this;
		this.shutdown();
		this.signedIn = user !== null;
		await ensureIdentity(db, user?.id ?? null);
		await writeMeta(db, 'user', user);
		this.live = true;
		this.stop.push(() => {
			this.live = false;
			this.watching.clear();
		});
		for (const watcher of this.shell.watchers) this.subscribe(watcher);
		this.channel = new BroadcastChannel(TABS_CHANNEL);
		this.channel.onmessage = (event: MessageEvent<Message>) => this.hear(event.data);
		this.stop.push(() => this.channel?.close());
		// The service worker sent the outbox while no tab led (Background Sync): say what became of it.
		const fromWorker = (event: MessageEvent<OrderRequestsMessage>) => {
			if (event.data?.type === 'order-requests') void loadSync().then((sync) => announceRequests(event.data.records, sync, { notify: false }));
		};
		navigator.serviceWorker?.addEventListener('message', fromWorker);
		this.stop.push(() => navigator.serviceWorker?.removeEventListener('message', fromWorker));
		let stopped = false;
		this.stop.push(() => (stopped = true));
		await Promise.race([whenIdle(), ...(needed ? [needed] : [])]);
		const sync = await loadSync();
		if (stopped) return;
		this.stop.push(whileLeader(SYNC_LOCK, () => this.lead(sync, api ?? sync.httpSyncApi)));
		// A tab that does not lead learns the state from the one that does.
		this.poke();
	}

	/** Keeps a store's watcher told, once the device has started (`start` subscribes the ones known by then). */
	subscribe(watcher: Watcher) {
		if (!this.live || this.watching.has(watcher)) return;
		this.watching.add(watcher);
		const subscription = liveQuery(() => watcher.query(this)).subscribe({
			next: watcher.next,
			error: (e) => console.error('Device query failed:', e)
		});
		this.stop.push(() => subscription.unsubscribe());
	}

	/** Runs a change on the device; a refusal (the mutator's rule said no) is told in a toast and answers false. */
	async attempt(change: (sync: Sync) => Promise<string | void>): Promise<boolean> {
		const sync = await loadSync();
		try {
			const note = await change(sync);
			if (note) toast(note);
			this.poke();
			return true;
		} catch (error) {
			if (!(error instanceof sync.MutationRefused)) throw error;
			toast.error(error.message);
			return false;
		}
	}

	act<N extends MutationName>(name: N, args: MutationArgs<N>): Promise<boolean> {
		return this.attempt(async ({ mutate }) => (await mutate(this.db, name, args, { signedIn: this.signedIn, clientId: this.clientId }))?.message);
	}

	/** The sync machinery (mutators, outbox, engine), loaded on first use. */
	sync(): Promise<Sync> {
		return loadSync();
	}

	/** Sends what is pending and waits for a pull that began after this call. */
	async flush(timeoutMs: number): Promise<void> {
		const { shell } = this;
		const since = new Date().toISOString();
		this.poke();
		const deadline = Date.now() + timeoutMs;
		while (!(shell.pending === 0 && shell.status === 'idle' && shell.syncedAt && shell.syncedAt >= since)) {
			if (Date.now() > deadline) throw new Error('The shop could not be reached. Try again in a moment.');
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}

	/** What the sync status shows: how many changes wait, and when the device last synced. */
	async syncState(): Promise<{ pending: number; syncedAt: string | null }> {
		const [pending, syncedAt] = await Promise.all([this.db.outbox.count(), readMeta(this.db, 'syncedAt')]);
		return { pending, syncedAt: syncedAt ?? null };
	}

	/** The catalog the device holds, with its search index, or null before its first full load. */
	readCatalog(): Promise<LocalCatalog | null> {
		const catalog = this.currentCatalog();
		this.catalog = catalog;
		return catalog;
	}

	/** The catalog as last read (read now if it never was): for a page that loads before the stores watch. */
	lastCatalog(): Promise<LocalCatalog | null> {
		return (this.catalog ??= this.currentCatalog());
	}

	private async currentCatalog(): Promise<LocalCatalog | null> {
		const { db } = this;
		const [loadedAt, cursor] = await Promise.all([readMeta(db, 'catalogLoadedAt'), readMeta(db, 'catalogCursor')]);
		if (!loadedAt || !cursor) return null;
		if (this.held?.cursor !== cursor) this.hold(cursor, readCatalog(db));
		return this.held!.catalog;
	}

	private hold(cursor: string, catalog: Promise<LocalCatalog>) {
		const held = { cursor, catalog };
		this.held = held;
		// A failed read is tried again next time.
		catalog.catch(() => this.held === held && (this.held = null));
	}

	async lastUser(): Promise<Meta['user']> {
		return (await readMeta(this.db, 'user')) ?? null;
	}

	/** Asks the service worker to send the outbox when the network returns, even if every tab has closed (Chromium). */
	async sendWhenOnline() {
		const registration = await navigator.serviceWorker?.ready;
		const sync = (registration as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync;
		await sync?.register(OUTBOX_SYNC_TAG).catch(() => {});
	}

	/** Asks the tab that leads for a sync now. */
	poke() {
		if (this.runSync) this.runSync();
		else this.channel?.postMessage({ type: 'poke' } satisfies Message);
	}

	private lead(sync: Sync, api: SyncApi): () => void {
		const { SyncEngine, currentIdentity, listenForChanges, MAX_PULL } = sync;
		const { db, shell } = this;
		const engine = new SyncEngine(db, {
			api,
			identity: () => currentIdentity(db),
			pullLimit: MAX_PULL,
			onStatus: (status) => {
				shell.status = status;
				this.channel?.postMessage({ type: 'status', status } satisfies Message);
			},
			onRefusals: (refusals) => {
				this.showRefusals(refusals);
				this.channel?.postMessage({ type: 'refusals', refusals } satisfies Message);
			},
			onOrderRequests: (decided) => void announceRequests(decided, sync),
			// The tab that pulled tells the system once; every tab's alerts store shows its own toast.
			onAlerts: (alerts) => void notifyAlerts(alerts, sync),
			onCatalog: ({ cursor, products, collections }) => this.hold(cursor, Promise.resolve(LocalCatalog.build(products, collections)))
		});
		let failures = 0;
		let retry: ReturnType<typeof setTimeout> | undefined;
		const run = () => {
			clearTimeout(retry);
			engine.sync().then(
				() => {
					failures = 0;
					void this.keepImages();
					// While pushes are on, the server's watch list follows the device's.
					sync.followPushWatches(this.db).catch((e: unknown) => console.warn('Handing the shop the watch list failed:', e));
				},
				() => {
					// Back off: 2 s, 4 s … up to a minute, and at once when the network returns.
					failures++;
					retry = setTimeout(run, Math.min(60_000, 1000 * 2 ** failures));
				}
			);
		};
		this.runSync = run;
		shell.leading = true;
		const onVisible = () => document.visibilityState === 'visible' && run();
		addEventListener('online', run);
		addEventListener('focus', run);
		document.addEventListener('visibilitychange', onVisible);
		const interval = setInterval(run, SYNC_INTERVAL_MS);
		// The server says when to pull; the interval and focus are the fallback. A short random
		// wait spreads a crowd of tabs that all heard the same change.
		let soon: ReturnType<typeof setTimeout> | undefined;
		const stopListening = listenForChanges({
			since: async () => {
				const cursor = Number(await readMeta(db, 'catalogCursor'));
				return Number.isSafeInteger(cursor) && cursor > 0 ? cursor : null;
			},
			onChange: () => {
				soon ??= setTimeout(() => {
					soon = undefined;
					run();
				}, Math.random() * LIVE_JITTER_MS);
			}
		});
		run();
		return () => {
			this.runSync = null;
			shell.leading = false;
			stopListening();
			clearTimeout(soon);
			clearTimeout(retry);
			clearInterval(interval);
			removeEventListener('online', run);
			removeEventListener('focus', run);
			document.removeEventListener('visibilitychange', onVisible);
		};
	}

	/** In the tab that syncs: the pictures of what the device holds, kept for offline. */
	private async keepImages() {
		const { db } = this;
		const [catalog, lines, favorites] = await Promise.all([this.lastCatalog(), db.cart.toArray(), db.favorites.toArray()]);
		if (catalog) this.images.keep(catalog, [...lines.map((l) => l.productId), ...favorites.map((f) => f.productId)]);
	}

	private hear(message: Message) {
		if (message.type === 'poke') this.runSync?.();
		if (message.type === 'status') this.shell.status = message.status;
		if (message.type === 'refusals') this.showRefusals(message.refusals);
	}

	private showRefusals(refusals: Refusal[]) {
		for (const r of refusals) if (r.clientId === this.clientId) toast.error(r.message);
	}

	private shutdown() {
		for (const stop of this.stop.splice(0)) stop();
	}
}

async function readCatalog(db: StoreDb): Promise<LocalCatalog> {
	const [products, collections] = await Promise.all([db.products.toArray(), db.collections.toArray()]);
	return LocalCatalog.build(products, collections);
}
