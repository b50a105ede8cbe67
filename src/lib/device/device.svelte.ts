import { afterFirstPaint } from '$lib/device/first-paint';
import type { LocalCatalog } from '$lib/device/catalog-index';
import type { ChangeRecord, Meta, OrderRequestRecord, OutboxEntry } from '$lib/device/db';
import type { AddressView } from '$lib/shared/addresses';
import type { ProductSummary } from '$lib/shared/catalog';
import type { MutationArgs, MutationName, OrderRequestArgs } from '$lib/shared/mutations';
import type { OrderView, ShippingMethodView } from '$lib/shared/orders';
import type { CartLine } from '$lib/shared/sync';
import type { SyncApi } from '$lib/device/sync-api';
import type { SyncStatus } from '$lib/device/engine';
import type { DeviceSession } from './runtime';
import { network } from './network.svelte';
import { whenLoaded } from './when-loaded';

/** What the working half of the device keeps up to date for the pages. */
export interface DeviceState {
	readonly clientId: string;
	ready: boolean;
	status: SyncStatus;
	pending: number;
	syncedAt: string | null;
	queued: OutboxEntry[];
	sendingThrough: number | null;
	changes: ChangeRecord[];
	orderRequests: OrderRequestRecord[];
	cart: CartLine[];
	favorites: string[];
	catalog: LocalCatalog | null;
}

/**
 * The shopper's device, for every page of one tab: what the pages read (kept current from
 * the Dexie database) and what they can ask of it. The code behind it (Dexie, the sync
 * engine, the API client) loads once the first screen is shown, or at once when a page
 * needs it sooner, so it never stands between a shopper and that screen.
 */
class Device implements DeviceState {
	readonly clientId = crypto.randomUUID();
	/** Whether the device has read this browser's cart and favorites yet (until then they are unknown, not empty). */
	ready = $state(false);
	status = $state<SyncStatus>('idle');
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

	private session: Promise<DeviceSession> | null = null;
	private started: Promise<void> | null = null;
	private wake = () => {};
	private readonly woken = new Promise<void>((resolve) => (this.wake = resolve));

	/** Whether the browser has a network now (see network.svelte.ts). */
	get online(): boolean {
		return network.online;
	}

	/**
	 * Starts (or restarts, when the signed-in user changed) the device for this tab: once the
	 * first screen is shown, unless something needs the device sooner.
	 */
	start(user: Meta['user'], api?: SyncApi): Promise<void> {
		this.started = (async () => {
			await this.started?.catch(() => {});
			await Promise.race([afterFirstPaint(), this.woken]);
			await (await this.open()).start(user, api, this.woken);
		})();
		return this.started;
	}

	/** Adds, removes or changes something on the device now; the server hears of it soon. */
	async act<N extends MutationName>(name: N, args: MutationArgs<N>): Promise<boolean> {
		return (await this.running()).act(name, args);
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
		return (await this.running()).requestOrder(args, seen);
	}

	/** Takes back an order request (or another change) that has not been sent yet. */
	async takeBack(mutationId: number): Promise<boolean> {
		return (await this.running()).takeBack(mutationId);
	}

	/** Removes a decided request from the device's list. */
	async discardRequest(request: OrderRequestRecord): Promise<void> {
		await (await this.open()).discardRequest(request);
	}

	/** Sends a refused change again, as a new change. */
	async retryChange(change: ChangeRecord): Promise<void> {
		// A plain copy of the args: the page's reactive view of them cannot be stored.
		const { name, args } = $state.snapshot(change);
		if (await this.act(name as MutationName, args as MutationArgs<MutationName>)) await this.discardChange(change);
	}

	/** Forgets a refused change: the server's state stands. */
	async discardChange(change: ChangeRecord): Promise<void> {
		await (await this.open()).discardChange(change);
	}

	/**
	 * Sends what is pending and waits for the server's cart to come back, so checkout acts on
	 * the cart the shopper sees. Returns the server's id of that cart.
	 */
	async flush(timeoutMs = 15_000): Promise<string> {
		return (await this.running()).flush(timeoutMs);
	}

	/**
	 * The server turned the cart into `order` and deleted it: the device forgets the lines
	 * and the old cart's id without queuing a delete, keeps the order, and fetches its new cart.
	 */
	async checkedOut(order: OrderView): Promise<void> {
		await (await this.running()).checkedOut(order);
	}

	/** Keeps the server's latest word on the shopper's orders, for pages opened offline. */
	async rememberOrders(orders: OrderView[]): Promise<void> {
		await (await this.open()).rememberOrders(orders);
	}

	/** Keeps the server's address book (all of it) for checkout offline. */
	async rememberAddresses(addresses: AddressView[]): Promise<void> {
		await (await this.open()).rememberAddresses(addresses);
	}

	/** The address book the device holds: the default first. */
	async rememberedAddresses(): Promise<AddressView[]> {
		return (await this.open()).rememberedAddresses();
	}

	/** The shop's shipping methods as the last pull brought them, in the shop's order. */
	async rememberedShippingMethods(): Promise<ShippingMethodView[]> {
		return (await this.open()).rememberedShippingMethods();
	}

	/** The orders the device holds, newest first. */
	async rememberedOrders(): Promise<OrderView[]> {
		return (await this.open()).rememberedOrders();
	}

	/**
	 * The catalog the device holds, or null before its first full load. Usable before
	 * `start()` (pages load before the layout starts the device).
	 */
	async localCatalog(): Promise<LocalCatalog | null> {
		return this.catalog ?? (await this.open()).localCatalog();
	}

	/** Who was signed in when this device last reached the server. */
	async lastUser(): Promise<Meta['user']> {
		return (await this.open()).lastUser();
	}

	quantity(productId: string): number {
		return this.cart.find((l) => l.productId === productId)?.quantity ?? 0;
	}

	isFavorite(productId: string): boolean {
		return this.favorites.includes(productId);
	}

	/** Asks for a sync now, e.g. after a server-side change this tab caused (a review). */
	syncSoon() {
		void this.running().then((session) => session.poke());
	}

	/**
	 * For the pages that show only what the device holds: they bring the device's code with
	 * them, so it is neither fetched nor waited for, even if the network drops at once.
	 */
	bring(session: typeof import('./runtime'), sync: typeof import('./sync-code')) {
		if (typeof window === 'undefined') return;
		this.session ??= Promise.resolve(new session.DeviceSession(this));
		session.provideSync(sync);
		this.wake();
	}

	/** The working half, loaded on first use (again once the network is back, if it dropped before the code arrived). */
	private open(): Promise<DeviceSession> {
		return (this.session ??= whenLoaded(() => import('./runtime')).then(({ DeviceSession }) => new DeviceSession(this)));
	}

	/** The working half once started: a shopper's action does not wait for the browser to be idle. */
	private async running(): Promise<DeviceSession> {
		this.wake();
		await this.started;
		return this.open();
	}
}

export const device = new Device();

// A handle for diagnostics from the browser console (and the sync benchmark).
if (typeof window !== 'undefined') Object.assign(window, { storeDevice: device });
