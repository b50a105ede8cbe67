import { liveQuery } from 'dexie';
import toast from 'svelte-french-toast';
import type { LocalCatalog } from '$lib/local/catalog-index';
import type { ProductSummary } from '$lib/shared/catalog';
import { openStoreDb, readMeta, writeMeta, type ChangeRecord, type Meta, type OrderRequestRecord, type OutboxEntry, type StoreDb } from '$lib/local/db';
import { MutationRefused, type MutationArgs, type MutationName, type OrderRequestArgs } from '$lib/shared/mutations';
import type { AddressView } from '$lib/shared/addresses';
import type { OrderView, ShippingMethodView } from '$lib/shared/orders';
import { MAX_PULL, type CartLine } from '$lib/shared/sync';
import { httpSyncApi, type SyncApi } from '$lib/sync/api';
import { SyncEngine, type Refusal, type SyncStatus } from '$lib/sync/engine';
import { currentIdentity, ensureIdentity } from '$lib/sync/identity';
import { whileLeader } from '$lib/sync/leader';
import { listenForChanges } from '$lib/sync/live';
import { OUTBOX_SYNC_TAG, orderRequestNews, type OrderRequestsMessage } from '$lib/sync/background';
import { mutate, queueOrderRequest, takeBack } from '$lib/sync/outbox';

const SYNC_INTERVAL_MS = 30_000;
const LIVE_JITTER_MS = 150;
/** How many of the shopper's latest orders the device keeps for offline. */
const KEPT_ORDERS = 50;
const CHANNEL = 'store-sync';

type Message = { type: 'poke' } | { type: 'status'; status: SyncStatus } | { type: 'refusals'; refusals: Refusal[] };

/**
 * The shopper's device, for every page of one tab: the Dexie database read through
 * liveQuery, the mutations the pages make, and (in the one tab that leads) the sync engine.
 */
class Device {
	readonly clientId = crypto.randomUUID();
	status = $state<SyncStatus>('idle');
	online = $state(true);
	pending = $state(0);
	syncedAt = $state<string | null>(null);
	/** Changes waiting to be sent, oldest first (taken-back ones are left out). */
	queued = $state<OutboxEntry[]>([]);
	/** The highest id of the push under way: those are being sent. */
	sendingThrough = $state<number | null>(null);
	/** What became of sent changes, newest first. */
	changes = $state<ChangeRecord[]>([]);
	/** Orders asked for on this device, newest first. */
	orderRequests = $state<OrderRequestRecord[]>([]);
	cart = $state<CartLine[]>([]);
	favorites = $state<string[]>([]);
	catalog = $state.raw<LocalCatalog | null>(null);
	/** The cart's lines with what the device knows of their products, and their totals. */
	readonly cartItems = $derived.by(() => {
		const products = new Map((this.catalog?.summaries(this.cart.map((l) => l.productId)) ?? []).map((p) => [p.id, p]));
		return this.cart.flatMap((line): (CartLine & { product: ProductSummary; total: number })[] => {
			const product = products.get(line.productId);
			return product ? [{ ...line, product, total: product.priceMinor * line.quantity }] : [];
		});
	});

	private db: StoreDb | null = null;
	private firstCatalog: Promise<LocalCatalog | null> | null = null;
	private signedIn = false;
	private channel: BroadcastChannel | null = null;
	private stop: (() => void)[] = [];
	private started: Promise<void> | null = null;

	/** Starts (or restarts, when the signed-in user changed) the device for this tab. */
	start(user: Meta['user'], api: SyncApi = httpSyncApi): Promise<void> {
		this.started = (async () => {
			await this.started?.catch(() => {});
			this.shutdown();
			const db = (this.db ??= openStoreDb());
			this.signedIn = user !== null;
			await ensureIdentity(db, user?.id ?? null);
			await writeMeta(db, 'user', user);
			this.watch(db);
			this.channel = new BroadcastChannel(CHANNEL);
			this.channel.onmessage = (event: MessageEvent<Message>) => this.hear(event.data);
			this.stop.push(() => this.channel?.close());
			this.online = navigator.onLine;
			const onLine = () => (this.online = navigator.onLine);
			addEventListener('online', onLine);
			addEventListener('offline', onLine);
			this.stop.push(() => (removeEventListener('online', onLine), removeEventListener('offline', onLine)));
			// The service worker sent the outbox while no tab led (Background Sync): say what became of it.
			const fromWorker = (event: MessageEvent<OrderRequestsMessage>) => {
				if (event.data?.type === 'order-requests') announceRequests(event.data.records, { notify: false });
			};
			navigator.serviceWorker?.addEventListener('message', fromWorker);
			this.stop.push(() => navigator.serviceWorker?.removeEventListener('message', fromWorker));
			this.stop.push(whileLeader(CHANNEL, () => this.lead(db, api)));
			// A tab that does not lead learns the state from the one that does.
			this.poke();
		})();
		return this.started;
	}

	/** Adds, removes or changes something on the device now; the server hears of it soon. */
	async act<N extends MutationName>(name: N, args: MutationArgs<N>): Promise<boolean> {
		await this.started;
		if (!this.db) return false;
		try {
			const note = await mutate(this.db, name, args, { signedIn: this.signedIn, clientId: this.clientId });
			if (note?.message) toast(note.message);
			this.poke();
			return true;
		} catch (error) {
			if (!(error instanceof MutationRefused)) throw error;
			toast.error(error.message);
			return false;
		}
	}

	/**
	 * Asks for an order with no network: queued with the cart as the shopper sees it, sent
	 * when the network returns (by this tab, or by the service worker after it closed).
	 * Nothing is placed until the server places it. Returns the request's id.
	 */
	async requestOrder(
		args: Omit<OrderRequestArgs, 'cartId'>,
		seen: Omit<OrderRequestRecord, 'mutationId' | 'createdAt' | 'state' | 'request'>
	): Promise<number> {
		await this.started;
		const db = this.db!;
		const cartId = await readMeta(db, 'cartId');
		if (!cartId) throw new Error('This device has not heard from the shop yet: connect once, then you can order offline.');
		const mutationId = await queueOrderRequest(db, { ...args, cartId }, seen, { signedIn: this.signedIn, clientId: this.clientId });
		this.poke();
		void registerBackgroundSync();
		return mutationId;
	}

	/** Takes back an order request (or another change) that has not been sent yet. */
	async takeBack(mutationId: number): Promise<boolean> {
		await this.started;
		try {
			await takeBack(this.db!, mutationId);
			this.poke();
			return true;
		} catch (error) {
			if (!(error instanceof MutationRefused)) throw error;
			toast.error(error.message);
			return false;
		}
	}

	/** Removes a decided request from the device's list. */
	async discardRequest(request: OrderRequestRecord): Promise<void> {
		if (request.state !== 'waiting') await this.db?.orderRequests.delete(request.mutationId);
	}

	/** Sends a refused change again, as a new change. */
	async retryChange(change: ChangeRecord): Promise<void> {
		if (await this.act(change.name as MutationName, change.args as MutationArgs<MutationName>)) await this.discardChange(change);
	}

	/** Forgets a refused change: the server's state stands. */
	async discardChange(change: ChangeRecord): Promise<void> {
		await this.db?.changes.delete(change.mutationId);
	}

	/**
	 * Sends what is pending and waits for the server's cart to come back, so checkout acts on
	 * the cart the shopper sees. Returns the server's id of that cart.
	 */
	async flush(timeoutMs = 15_000): Promise<string> {
		await this.started;
		const db = this.db!;
		const since = new Date().toISOString();
		this.poke();
		const deadline = Date.now() + timeoutMs;
		while (!(this.pending === 0 && this.status === 'idle' && this.syncedAt && this.syncedAt >= since)) {
			if (Date.now() > deadline) throw new Error('The shop could not be reached. Try again in a moment.');
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		const cartId = await readMeta(db, 'cartId');
		if (!cartId) throw new Error('The shop has not sent your cart yet. Try again in a moment.');
		return cartId;
	}

	/**
	 * The server turned the cart into `order` and deleted it: the device forgets the lines
	 * and the old cart's id without queuing a delete, keeps the order, and fetches its new cart.
	 */
	async checkedOut(order: OrderView): Promise<void> {
		await this.started;
		const db = this.db!;
		await db.transaction('rw', [db.cartLines, db.meta, db.orders], async () => {
			await db.cartLines.clear();
			await writeMeta(db, 'cartId', null);
			await db.orders.put(order);
		});
		this.poke();
	}

	/** Keeps the server's latest word on the shopper's orders, for pages opened offline. */
	async rememberOrders(orders: OrderView[]): Promise<void> {
		const db = (this.db ??= openStoreDb());
		await db.transaction('rw', db.orders, async () => {
			await db.orders.bulkPut(orders);
			const stale = await db.orders.orderBy('placedAt').reverse().offset(KEPT_ORDERS).primaryKeys();
			await db.orders.bulkDelete(stale);
		});
	}

	/** Keeps the server's address book (all of it) for checkout offline. */
	async rememberAddresses(addresses: AddressView[]): Promise<void> {
		const db = (this.db ??= openStoreDb());
		await db.transaction('rw', db.addresses, async () => {
			await db.addresses.clear();
			await db.addresses.bulkPut(addresses);
		});
	}

	/** The address book the device holds: the default first. */
	async rememberedAddresses(): Promise<AddressView[]> {
		const all = await (this.db ??= openStoreDb()).addresses.toArray();
		return all.sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
	}

	async rememberShippingMethods(methods: ShippingMethodView[]): Promise<void> {
		const db = (this.db ??= openStoreDb());
		await db.transaction('rw', db.shippingMethods, async () => {
			await db.shippingMethods.clear();
			await db.shippingMethods.bulkPut(methods);
		});
	}

	async rememberedShippingMethods(): Promise<ShippingMethodView[]> {
		const all = await (this.db ??= openStoreDb()).shippingMethods.toArray();
		return all.sort((a, b) => a.priceMinor - b.priceMinor);
	}

	/** The orders the device holds, newest first. */
	async rememberedOrders(): Promise<OrderView[]> {
		return (this.db ??= openStoreDb()).orders.orderBy('placedAt').reverse().toArray();
	}

	/**
	 * The catalog the device holds, or null before its first full load. Usable before
	 * `start()` (pages load before the layout starts the device).
	 */
	localCatalog(): Promise<LocalCatalog | null> {
		if (this.catalog) return Promise.resolve(this.catalog);
		const db = (this.db ??= openStoreDb());
		this.firstCatalog ??= readCatalog(db).then((catalog) => (this.catalog ??= catalog));
		return this.firstCatalog;
	}

	/** Who was signed in when this device last reached the server. */
	async lastUser(): Promise<Meta['user']> {
		return (await readMeta((this.db ??= openStoreDb()), 'user')) ?? null;
	}

	quantity(productId: string): number {
		return this.cart.find((l) => l.productId === productId)?.quantity ?? 0;
	}

	isFavorite(productId: string): boolean {
		return this.favorites.includes(productId);
	}

	private lead(db: StoreDb, api: SyncApi): () => void {
		const engine = new SyncEngine(db, {
			api,
			identity: () => currentIdentity(db),
			pullLimit: MAX_PULL,
			onStatus: (status) => {
				this.status = status;
				this.channel?.postMessage({ type: 'status', status } satisfies Message);
			},
			onRefusals: (refusals) => {
				this.showRefusals(refusals);
				this.channel?.postMessage({ type: 'refusals', refusals } satisfies Message);
			},
			onOrderRequests: (decided) => announceRequests(decided)
		});
		let failures = 0;
		let retry: ReturnType<typeof setTimeout> | undefined;
		const run = () => {
			clearTimeout(retry);
			engine.sync().then(
				() => {
					failures = 0;
					this.prefetchImages();
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
	private prefetched = new Set<string>();

	/** Fetches the pictures of the cart and favorites once, so the service worker keeps them for offline. */
	private prefetchImages() {
		const ids = [...this.cart.map((l) => l.productId), ...this.favorites];
		for (const product of this.catalog?.summaries(ids) ?? []) {
			const src = product.image?.src;
			if (!src || this.prefetched.has(src)) continue;
			this.prefetched.add(src);
			fetch(src).catch(() => this.prefetched.delete(src));
		}
	}

	/** Asks for a sync now, e.g. after a server-side change this tab caused (a review). */
	syncSoon() {
		this.poke();
	}

	private poke() {
		if (this.runSync) this.runSync();
		else this.channel?.postMessage({ type: 'poke' } satisfies Message);
	}

	private hear(message: Message) {
		if (message.type === 'poke') this.runSync?.();
		if (message.type === 'status') this.status = message.status;
		if (message.type === 'refusals') this.showRefusals(message.refusals);
	}

	private showRefusals(refusals: Refusal[]) {
		for (const r of refusals) if (r.clientId === this.clientId) toast.error(r.message);
	}

	private watch(db: StoreDb) {
		const subscribe = <T>(query: () => Promise<T>, next: (value: T) => void) => {
			const subscription = liveQuery(query).subscribe({ next, error: (e) => console.error('Device query failed:', e) });
			this.stop.push(() => subscription.unsubscribe());
		};
		subscribe(() => db.cartLines.toArray(), (lines) => (this.cart = lines));
		subscribe(
			() => db.favorites.orderBy('addedAt').reverse().toArray(),
			(rows) => (this.favorites = rows.map((f) => f.productId))
		);
		subscribe(() => db.outbox.count(), (count) => (this.pending = count));
		subscribe(() => db.outbox.orderBy('id').filter((m) => m.name !== 'noop').toArray(), (rows) => (this.queued = rows));
		subscribe(() => readMeta(db, 'sendingThrough'), (id) => (this.sendingThrough = id ?? null));
		subscribe(() => db.changes.orderBy('at').reverse().toArray(), (rows) => (this.changes = rows));
		subscribe(() => db.orderRequests.orderBy('createdAt').reverse().toArray(), (rows) => (this.orderRequests = rows));
		subscribe(() => readMeta(db, 'syncedAt'), (at) => (this.syncedAt = at ?? null));
		subscribe(() => readCatalog(db), (catalog) => (this.catalog = catalog));
	}

	private shutdown() {
		for (const stop of this.stop.splice(0)) stop();
	}
}

/** A toast, and a system notification when allowed (unless the service worker already showed one). */
function announceRequests(decided: OrderRequestRecord[], { notify = true } = {}) {
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

async function readCatalog(db: StoreDb): Promise<LocalCatalog | null> {
	if (!(await readMeta(db, 'catalogLoadedAt'))) return null;
	// The search index's code loads only once there is a catalog to index.
	const [{ LocalCatalog }, products, collections] = await Promise.all([
		import('$lib/local/catalog-index'),
		db.products.toArray(),
		db.collections.toArray()
	]);
	return LocalCatalog.build(products, collections);
}

export const device = new Device();

// A handle for diagnostics from the browser console (and the sync benchmark).
if (typeof window !== 'undefined') Object.assign(window, { storeDevice: device });
