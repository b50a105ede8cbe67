import { Dexie, type EntityTable } from 'dexie';
import type { AddressView } from '$lib/shared/addresses';
import type { OrderRequestArgs } from '$lib/shared/mutations';
import type { OrderView } from '$lib/shared/orders';
import type { CartLine, SyncCollection, SyncProduct, SyncShippingMethod } from '$lib/shared/sync';

/** A mutation waiting to reach the server; ids number 1, 2, 3 … per client group. */
export type OutboxEntry = { id: number; name: string; args: unknown; clientId: string; createdAt: string };

/** Where an order asked for on the device stands; only the server's word moves it past `waiting`. */
export type OrderRequestState = 'waiting' | 'placed' | 'needs_confirmation' | 'unavailable' | 'refused' | 'cancelled';

/** An `order.request` the shopper made, with what they saw when they made it. */
export type OrderRequestRecord = {
	/** The outbox mutation that carries it. */
	mutationId: number;
	createdAt: string;
	state: OrderRequestState;
	/** The lines as the shopper saw them, titled with their choice ("Apron (Large)"); requests made before variants name no variant. */
	lines: { productId: string; variantId?: string; title: string; quantity: number; unitPriceMinor: number }[];
	currency: string;
	expectedTotal: number;
	shippingName: string;
	shipTo: string;
	/** What was sent, to ask again at a new total. */
	request: Omit<OrderRequestArgs, 'cartId'>;
	/** Once placed. */
	orderId?: string;
	orderNumber?: number;
	/** Why not, in the server's words, and what to act on (short lines, the new total). */
	message?: string;
	details?: Record<string, unknown>;
};

/** What became of a change the device sent: kept so the shopper can see it, and retry or discard a refused one. */
export type ChangeRecord = {
	mutationId: number;
	name: string;
	args: unknown;
	/** The product's title as the device knew it, to name the change after the product is gone. */
	title?: string;
	state: 'done' | 'attention';
	code?: string;
	message?: string;
	at: string;
};

/**
 * A product the shopper watches (every favorite, and a sold-out product they asked to hear
 * about), with the price and stock the device last knew for it: the next change is told
 * against these.
 */
export type WatchRecord = {
	productId: string;
	priceMinor: number;
	inventory: number;
	/** Asked for from a sold-out product ("Notify me when it's back"): watched without being a favorite, until it is back. */
	asked: boolean;
	/** A price the shopper waits for: a fall tells only once the price is at or below it (and watches the product until cleared). */
	targetPriceMinor?: number | null;
	since: string;
};

/** A watched product came back in stock or got cheaper: told once, kept on the device until it ages out. */
export type AlertRecord = {
	/** The product, the kind and the product's version: one alert per change, whichever tab or load notices it. */
	id: string;
	kind: 'restock' | 'price';
	productId: string;
	slug: string;
	title: string;
	currency: string;
	priceMinor: number;
	previousPriceMinor: number;
	at: string;
	read: boolean;
};

/** One row per setting: identities, cursors and what the device last heard from the server. */
export type Meta = {
	clientGroupId: string;
	/** The user the group belongs to ('' for a visitor), to notice a logout or a switch. */
	userId: string;
	/** Who was signed in when the device last heard, for pages opened with no network. */
	user: { id: string; email: string; role: 'customer' | 'admin' } | null;
	catalogCursor: string | null;
	/** When the whole catalog first finished loading; the pages read the device after that. */
	catalogLoadedAt: string | null;
	/** When the last pull (catalog and cart) succeeded. */
	syncedAt: string | null;
	nextMutationId: number;
	lastMutationId: number;
	cartId: string | null;
	/** The unpaid order this device's checkout turned the cart into: a change to the cart lets it go. */
	heldOrderId: string | null;
	/** The highest mutation id of the push under way, if any: those are being sent and can no longer be taken back. */
	sendingThrough: number | null;
	/** This device's push subscription, while the shopper has pushes on (the server keeps it and the watched ids). */
	pushEndpoint: string | null;
	/** The watched ids the server last took for it, joined: it is told again only when they change. */
	pushWatchesSent: string | null;
};

export type MetaRow = { [K in keyof Meta]: { key: K; value: Meta[K] } }[keyof Meta];

export type StoreDb = Dexie & {
	products: EntityTable<SyncProduct, 'id'>;
	collections: EntityTable<SyncCollection, 'id'>;
	/** The cart's lines, one per variant. */
	cart: EntityTable<CartLine, 'variantId'>;
	favorites: EntityTable<{ productId: string; addedAt: string }, 'productId'>;
	outbox: EntityTable<OutboxEntry, 'id'>;
	/** The signed-in shopper's recent orders, as the server last reported them. */
	orders: EntityTable<OrderView, 'id'>;
	/** The signed-in shopper's address book, as the last pull brought it, so checkout fills in with no network. */
	addresses: EntityTable<AddressView, 'id'>;
	/** The shop's active shipping methods, pulled with the catalog. */
	shippingMethods: EntityTable<SyncShippingMethod, 'id'>;
	orderRequests: EntityTable<OrderRequestRecord, 'mutationId'>;
	changes: EntityTable<ChangeRecord, 'mutationId'>;
	watches: EntityTable<WatchRecord, 'productId'>;
	alerts: EntityTable<AlertRecord, 'id'>;
	meta: EntityTable<MetaRow, 'key'>;
};

/**
 * The device database. Each release that changes it adds a version here with upgrade code,
 * so a shopper's cart, favorites and pending changes survive every update.
 */
export function openStoreDb(name = 'store', options?: ConstructorParameters<typeof Dexie>[1]): StoreDb {
	const db = new Dexie(name, options) as StoreDb;
	db.version(1).stores({
		products: 'id, version, collectionId',
		collections: 'id, slug',
		cartLines: 'productId',
		favorites: 'productId',
		outbox: 'id',
		meta: 'key'
	});
	// 2: favorites remember when they were added (newest first on /favorites).
	db.version(2)
		.stores({ favorites: 'productId, addedAt' })
		.upgrade((tx) =>
			tx
				.table('favorites')
				.toCollection()
				.modify((favorite: { addedAt?: string }) => {
					favorite.addedAt ??= new Date(0).toISOString();
				})
		);
	// 3: the shopper's recent orders, for /account/orders with no network.
	db.version(3).stores({ orders: 'id, placedAt' });
	// 4: the address book and the shipping methods, for checkout on a shaky network.
	db.version(4).stores({ addresses: 'id', shippingMethods: 'id' });
	// 5: orders requested offline, and what became of sent changes (the pending-changes panel).
	db.version(5).stores({ orderRequests: 'mutationId, createdAt', changes: 'mutationId, at' });
	// 6: watched products and the alerts they raised (back in stock, a lower price).
	db.version(6).stores({ watches: 'productId', alerts: 'id, at' });
	// 7: a cart line names a variant (a product may come in sizes or colours). A line kept
	// before names a product, which sold in one variant carrying the product's own id.
	db.version(7)
		.stores({ cart: 'variantId, productId' })
		.upgrade(async (tx) => {
			const lines: { productId: string; quantity: number }[] = await tx.table('cartLines').toArray();
			await tx.table('cart').bulkPut(lines.map((l) => ({ productId: l.productId, variantId: l.productId, quantity: l.quantity })));
		});
	// 8: the product-keyed cart, copied in 7, goes.
	db.version(8).stores({ cartLines: null });
	// 9: nothing looks products up by version or collection (the in-memory catalog does), so a
	// first load writes each product without two index entries beside it.
	db.version(9).stores({ products: 'id' });
	return db;
}
