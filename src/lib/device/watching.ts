import type { SyncProduct } from '$lib/shared/sync';
import type { AlertRecord, StoreDb, WatchRecord } from './db';

/** How many alerts the device keeps, newest first. */
export const KEPT_ALERTS = 50;

type Seen = Pick<SyncProduct, 'priceMinor' | 'inventory'>;

/**
 * What a product did that a watcher wants to hear of: it came back in stock, or its price
 * fell (to `target` or below, when the shopper named a price). A rise says nothing.
 */
export function changesOf(before: Seen, after: Seen, target?: number | null): AlertRecord['kind'][] {
	const kinds: AlertRecord['kind'][] = [];
	if (before.inventory <= 0 && after.inventory > 0) kinds.push('restock');
	if (after.priceMinor < before.priceMinor && (target == null || after.priceMinor <= target)) kinds.push('price');
	return kinds;
}

/** Whether a watch stands by itself, favorite or not: asked about while sold out, or waiting for a price. */
const standing = (w: WatchRecord) => w.asked || w.targetPriceMinor != null;

/** What is watched: every favorite, and each watch that stands by itself. */
const watchedOf = (favoriteIds: string[], watches: WatchRecord[]) => new Set([...favoriteIds, ...watches.filter(standing).map((w) => w.productId)]);

/** The ids of the products this device watches (what a push subscription hands the server). */
export async function watchedProductIds(db: StoreDb): Promise<string[]> {
	const [favoriteIds, watches] = await Promise.all([db.favorites.toCollection().primaryKeys(), db.watches.toArray()]);
	return [...watchedOf(favoriteIds, watches)].sort();
}

/**
 * Inside a pull's transaction, before the pulled rows are written: compares each watched
 * product in `products` with what the device last knew of it (its watch, or else the row
 * it is about to replace), keeps the alerts that raises and remembers the new price and
 * stock, so the same change never alerts twice. Answers the new alerts.
 */
export async function noticeChanges(db: StoreDb, products: (SyncProduct | { deleted: true })[]): Promise<AlertRecord[]> {
	const [favoriteIds, watches] = await Promise.all([db.favorites.toCollection().primaryKeys(), db.watches.toArray()]);
	const known = new Map(watches.map((w) => [w.productId, w]));
	const watched = watchedOf(favoriteIds, watches);
	// A favorite removed forgets what it knew: added again, it is watched from then on.
	const forgotten = watches.filter((w) => !watched.has(w.productId)).map((w) => w.productId);
	const changed = products.filter((p): p is SyncProduct => !('deleted' in p) && watched.has(p.id));
	// The row about to be replaced stands in for a watch not yet remembered (a favorite added since the last change).
	const unknown = changed.filter((p) => !known.has(p.id));
	const rows = unknown.length ? await db.products.bulkGet(unknown.map((p) => p.id)) : [];
	const before = new Map(unknown.map((p, i) => [p.id, rows[i]]));
	const at = new Date().toISOString();
	const alerts: AlertRecord[] = [];
	const remembered: WatchRecord[] = changed.map((product) => {
		const watch = known.get(product.id);
		const last = watch ?? before.get(product.id);
		const kinds = last ? changesOf(last, product, watch?.targetPriceMinor) : [];
		for (const kind of kinds) {
			alerts.push({
				id: `${product.id}:${kind}:${product.version}`,
				kind,
				productId: product.id,
				slug: product.slug,
				title: product.title,
				currency: product.currency,
				priceMinor: product.priceMinor,
				previousPriceMinor: last!.priceMinor,
				at,
				read: false
			});
		}
		// "Notify me when it's back" is answered once it is back.
		const asked = (watch?.asked ?? false) && !kinds.includes('restock');
		const targetPriceMinor = watch?.targetPriceMinor ?? null;
		return { productId: product.id, priceMinor: product.priceMinor, inventory: product.inventory, asked, targetPriceMinor, since: watch?.since ?? at };
	});
	if (forgotten.length) await db.watches.bulkDelete(forgotten);
	if (remembered.length) await db.watches.bulkPut(remembered);
	const kept = alerts.slice(0, KEPT_ALERTS);
	if (kept.length) {
		await db.alerts.bulkPut(kept);
		const stale = await db.alerts.orderBy('at').reverse().offset(KEPT_ALERTS).primaryKeys();
		if (stale.length) await db.alerts.bulkDelete(stale);
	}
	return kept;
}

/**
 * Changes what the shopper asked of one product, from what they see of it now: `asked`
 * ("Notify me when it's back") and `targetPriceMinor` (null: any fall). A watch asked
 * nothing more of is dropped (a favorite stays watched all the same).
 */
export async function setWatch(db: StoreDb, product: Seen & { id: string }, wish: Partial<Pick<WatchRecord, 'asked' | 'targetPriceMinor'>>): Promise<void> {
	await db.transaction('rw', db.watches, async () => {
		const watch = await db.watches.get(product.id);
		const next: WatchRecord = {
			productId: product.id,
			priceMinor: watch?.priceMinor ?? product.priceMinor,
			inventory: watch?.inventory ?? product.inventory,
			asked: wish.asked ?? watch?.asked ?? false,
			targetPriceMinor: wish.targetPriceMinor !== undefined ? wish.targetPriceMinor : (watch?.targetPriceMinor ?? null),
			since: watch?.since ?? new Date().toISOString()
		};
		if (standing(next)) await db.watches.put(next);
		else await db.watches.delete(product.id);
	});
}
