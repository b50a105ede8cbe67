import { liveQuery, type Table } from 'dexie';
import toast from 'svelte-french-toast';
import { LocalCatalog } from '$lib/device/catalog-index';
import { OfflineImages } from '$lib/device/offline-images';
import { openStoreDb, readMeta, writeMeta, type ChangeRecord, type Meta, type OrderRequestRecord, type StoreDb } from '$lib/device/db';
import type { MutationArgs, MutationName, OrderRequestArgs } from '$lib/shared/mutations';
import type { AddressView } from '$lib/shared/addresses';
import type { OrderView, ShippingMethodView } from '$lib/shared/orders';
import type { SyncApi } from '$lib/device/sync-api';
import type { OrderRequestsMessage } from '$lib/device/background';
import type { Refusal, SyncStatus } from '$lib/device/engine';
import { ensureIdentity } from '$lib/device/identity';
import { whileLeader } from '$lib/device/leader';
import { OUTBOX_SYNC_TAG, SYNC_LOCK, TABS_CHANNEL } from '$lib/device/names';
import { whenIdle } from '$lib/device/first-paint';
import type { DeviceState } from './device.svelte';
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
/** How many of the shopper's latest orders the device keeps for offline. */
const KEPT_ORDERS = 50;

type Message = { type: 'poke' } | { type: 'status'; status: SyncStatus } | { type: 'refusals'; refusals: Refusal[] };

/**
 * The working half of the shopper's device, loaded after the first page has painted: the
 * Dexie database, the mutations the pages make, and (in the one tab that leads) the sync
 * engine. What it learns it writes into the reactive `DeviceState` the pages read.
 */
export class DeviceSession {
	private readonly db: StoreDb = openStoreDb();
	private firstCatalog: Promise<LocalCatalog | null> | null = null;
	private signedIn = false;
	private channel: BroadcastChannel | null = null;
	private stop: (() => void)[] = [];

	constructor(private readonly state: DeviceState) {}

	/**
	 * Starts (or restarts, when the signed-in user changed) the device for this tab: first
	 * what the device holds, then, at the browser's next idle moment (or at once when `needed`
	 * settles: a shopper is waiting on it), the sync.
	 */
	async start(user: Meta['user'], api?: SyncApi, needed?: Promise<void>): Promise<void> {
		const { db, state } = this;
		this.shutdown();
		this.signedIn = user !== null;
		await ensureIdentity(db, user?.id ?? null);
		await writeMeta(db, 'user', user);
		this.watch();
		this.channel = new BroadcastChannel(TABS_CHANNEL);
		this.channel.onmessage = (event: MessageEvent<Message>) => this.hear(event.data);
		this.stop.push(() => this.channel?.close());
		// The service worker sent the outbox while no tab led (Background Sync): say what became of it.
		const fromWorker = (event: MessageEvent<OrderRequestsMessage>) => {
			if (event.data?.type === 'order-requests') void announceRequests(event.data.records, { notify: false });
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

	async act<N extends MutationName>(name: N, args: MutationArgs<N>): Promise<boolean> {
		const { mutate, MutationRefused } = await loadSync();
		try {
			const note = await mutate(this.db, name, args, { signedIn: this.signedIn, clientId: this.state.clientId });
			if (note?.message) toast(note.message);
			this.poke();
			return true;
		} catch (error) {
			if (!(error instanceof MutationRefused)) throw error;
			toast.error(error.message);
			return false;
		}
	}

	async requestOrder(
		args: Omit<OrderRequestArgs, 'cartId'>,
		seen: Omit<OrderRequestRecord, 'mutationId' | 'createdAt' | 'state' | 'request'>
	): Promise<number> {
		const cartId = await readMeta(this.db, 'cartId');
		if (!cartId) throw new Error('This device has not heard from the shop yet: connect once, then you can order offline.');
		const { queueOrderRequest } = await loadSync();
		const mutationId = await queueOrderRequest(this.db, { ...args, cartId }, seen, { signedIn: this.signedIn, clientId: this.state.clientId });
		this.poke();
		void registerBackgroundSync();
		return mutationId;
	}

	async takeBack(mutationId: number): Promise<boolean> {
		const { takeBack, MutationRefused } = await loadSync();
		try {
			await takeBack(this.db, mutationId);
			this.poke();
			return true;
		} catch (error) {
			if (!(error instanceof MutationRefused)) throw error;
			toast.error(error.message);
			return false;
		}
	}

	async discardRequest(request: OrderRequestRecord): Promise<void> {
		if (request.state !== 'waiting') await this.db.orderRequests.delete(request.mutationId);
	}

	async discardChange(change: ChangeRecord): Promise<void> {
		await this.db.changes.delete(change.mutationId);
	}

	async flush(timeoutMs: number): Promise<string> {
		const { state } = this;
		const since = new Date().toISOString();
		this.poke();
		const deadline = Date.now() + timeoutMs;
		while (!(state.pending === 0 && state.status === 'idle' && state.syncedAt && state.syncedAt >= since)) {
			if (Date.now() > deadline) throw new Error('The shop could not be reached. Try again in a moment.');
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		const cartId = await readMeta(this.db, 'cartId');
		if (!cartId) throw new Error('The shop has not sent your cart yet. Try again in a moment.');
		return cartId;
	}

	async checkedOut(order: OrderView): Promise<void> {
		const { db } = this;
		await db.transaction('rw', [db.cartLines, db.meta, db.orders], async () => {
			await db.cartLines.clear();
			await writeMeta(db, 'cartId', null);
			await db.orders.put(order);
		});
		this.poke();
	}

	async rememberOrders(orders: OrderView[]): Promise<void> {
		const { db } = this;
		await db.transaction('rw', db.orders, async () => {
			await db.orders.bulkPut(orders);
			const stale = await db.orders.orderBy('placedAt').reverse().offset(KEPT_ORDERS).primaryKeys();
			await db.orders.bulkDelete(stale);
		});
	}

	async rememberAddresses(addresses: AddressView[]): Promise<void> {
		await replaceAll(this.db, this.db.addresses, addresses);
	}

	async rememberedAddresses(): Promise<AddressView[]> {
		const all = await this.db.addresses.toArray();
		return all.sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
	}

	/** The shipping methods the last pull brought, in the shop's order. */
	async rememberedShippingMethods(): Promise<ShippingMethodView[]> {
		const all = await this.db.shippingMethods.toArray();
		return all.sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
	}

	rememberedOrders(): Promise<OrderView[]> {
		return this.db.orders.orderBy('placedAt').reverse().toArray();
	}

	localCatalog(): Promise<LocalCatalog | null> {
		if (this.state.catalog) return Promise.resolve(this.state.catalog);
		this.firstCatalog ??= readCatalog(this.db).then((catalog) => (this.state.catalog ??= catalog));
		return this.firstCatalog;
	}

	async lastUser(): Promise<Meta['user']> {
		return (await readMeta(this.db, 'user')) ?? null;
	}

	/** Asks the tab that leads for a sync now. */
	poke() {
		if (this.runSync) this.runSync();
		else this.channel?.postMessage({ type: 'poke' } satisfies Message);
	}

	private lead({ SyncEngine, currentIdentity, listenForChanges, MAX_PULL }: Sync, api: SyncApi): () => void {
		const { db, state } = this;
		const engine = new SyncEngine(db, {
			api,
			identity: () => currentIdentity(db),
			pullLimit: MAX_PULL,
			onStatus: (status) => {
				state.status = status;
				this.channel?.postMessage({ type: 'status', status } satisfies Message);
			},
			onRefusals: (refusals) => {
				this.showRefusals(refusals);
				this.channel?.postMessage({ type: 'refusals', refusals } satisfies Message);
			},
			onOrderRequests: (decided) => void announceRequests(decided)
		});
		let failures = 0;
		let retry: ReturnType<typeof setTimeout> | undefined;
		const run = () => {
			clearTimeout(retry);
			engine.sync().then(
				() => {
					failures = 0;
					this.keepImages();
				},
				() => {
					// Back off: 2 s, 4 s … up to a minute, and at once when the network returns.
					failures++;
					retry = setTimeout(run, Math.min(60_000, 1000 * 2 ** failures));
				}
			);
		};
		this.runSync = run;
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
			stopListening();
			clearTimeout(soon);
			clearTimeout(retry);
			clearInterval(interval);
			removeEventListener('online', run);
			removeEventListener('focus', run);
			document.removeEventListener('visibilitychange', onVisible);
		};
	}

	private runSync: (() => void) | null = null;
	private readonly images = new OfflineImages();

	/** In the tab that syncs: the pictures of what the device holds, kept for offline. */
	private keepImages() {
		const { catalog, cart, favorites } = this.state;
		if (catalog) this.images.keep(catalog, [...cart.map((l) => l.productId), ...favorites]);
	}

	private hear(message: Message) {
		if (message.type === 'poke') this.runSync?.();
		if (message.type === 'status') this.state.status = message.status;
		if (message.type === 'refusals') this.showRefusals(message.refusals);
	}

	private showRefusals(refusals: Refusal[]) {
		for (const r of refusals) if (r.clientId === this.state.clientId) toast.error(r.message);
	}

	private watch() {
		const { db, state } = this;
		const subscribe = <T>(query: () => Promise<T>, next: (value: T) => void) => {
			const subscription = liveQuery(query).subscribe({ next, error: (e) => console.error('Device query failed:', e) });
			this.stop.push(() => subscription.unsubscribe());
		};
		subscribe(
			() => Promise.all([db.cartLines.toArray(), db.favorites.orderBy('addedAt').reverse().toArray()]),
			([lines, favorites]) => {
				state.cart = lines;
				state.favorites = favorites.map((f) => f.productId);
				state.ready = true;
			}
		);
		subscribe(() => db.outbox.count(), (count) => (state.pending = count));
		subscribe(() => db.outbox.orderBy('id').filter((m) => m.name !== 'noop').toArray(), (rows) => (state.queued = rows));
		subscribe(() => readMeta(db, 'sendingThrough'), (id) => (state.sendingThrough = id ?? null));
		subscribe(() => db.changes.orderBy('at').reverse().toArray(), (rows) => (state.changes = rows));
		subscribe(() => db.orderRequests.orderBy('createdAt').reverse().toArray(), (rows) => (state.orderRequests = rows));
		subscribe(() => readMeta(db, 'syncedAt'), (at) => (state.syncedAt = at ?? null));
		subscribe(
			() => readCatalog(db),
			(catalog) => {
				state.catalog = catalog;
				if (this.runSync) this.keepImages();
			}
		);
	}

	private shutdown() {
		for (const stop of this.stop.splice(0)) stop();
	}
}

/** A toast, and a system notification when allowed (unless the service worker already showed one). */
async function announceRequests(decided: OrderRequestRecord[], { notify = true } = {}) {
	const { orderRequestNews } = await loadSync();
	for (const record of decided) {
		const news = orderRequestNews(record);
		if (record.state === 'placed') toast.success(news, { duration: 8000 });
		else toast.error(news, { duration: 10_000 });
		if (notify && 'Notification' in window && Notification.permission === 'granted') {
			void navigator.serviceWorker?.ready.then((registration) =>
				registration.showNotification('Store', { body: news, tag: `order-request-${record.mutationId}`, data: { url: '/account/orders' } })
			);
		}
	}
}

/** Asks the service worker to send the outbox when the network returns, even if every tab has closed (Chromium). */
async function registerBackgroundSync() {
	const registration = await navigator.serviceWorker?.ready;
	const sync = (registration as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync;
	await sync?.register(OUTBOX_SYNC_TAG).catch(() => {});
}

/** Replaces all a table holds with the server's list, in one transaction. */
async function replaceAll<T>(db: StoreDb, table: Table<T>, rows: T[]): Promise<void> {
	await db.transaction('rw', table, async () => {
		await table.clear();
		await table.bulkPut(rows);
	});
}

async function readCatalog(db: StoreDb): Promise<LocalCatalog | null> {
	if (!(await readMeta(db, 'catalogLoadedAt'))) return null;
	const [products, collections] = await Promise.all([db.products.toArray(), db.collections.toArray()]);
	return LocalCatalog.build(products, collections);
}
