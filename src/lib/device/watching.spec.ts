import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncProduct } from '$lib/shared/sync';
import { openStoreDb, type StoreDb } from './db';
import { ensureIdentity } from './identity';
import { sampleId, sampleProduct } from './sample-products';
import { alertNews } from '$lib/shared/alert-news';
import { KEPT_ALERTS, changesOf, noticeChanges, setWatch } from './watching';

const idOf = sampleId;
const product = sampleProduct;

let db: StoreDb;
let dbCount = 0;

/** A pull as the engine writes it: alerts told against what the device held, then the new rows kept. */
async function pull(...rows: SyncProduct[]) {
	return db.transaction('rw', [db.products, db.favorites, db.watches, db.alerts], async () => {
		const alerts = await noticeChanges(db, rows);
		await db.products.bulkPut(rows);
		return alerts;
	});
}

const favorite = (n: number) => db.favorites.put({ productId: idOf(n), addedAt: new Date().toISOString() });

beforeEach(async () => {
	db = openStoreDb(`watching-${++dbCount}`);
	await db.products.bulkPut([product(1, { inventory: 0 }), product(2), product(3)]);
});
afterEach(() => db.close());

describe('what a watched product did', () => {
	it('is back in stock only from none, cheaper only when the price falls', () => {
		expect(changesOf({ priceMinor: 2000, inventory: 0 }, { priceMinor: 2000, inventory: 3 })).toEqual(['restock']);
		expect(changesOf({ priceMinor: 2000, inventory: 2 }, { priceMinor: 2000, inventory: 9 })).toEqual([]);
		expect(changesOf({ priceMinor: 2000, inventory: 2 }, { priceMinor: 1999, inventory: 2 })).toEqual(['price']);
		expect(changesOf({ priceMinor: 2000, inventory: 2 }, { priceMinor: 2500, inventory: 2 })).toEqual([]);
		expect(changesOf({ priceMinor: 2000, inventory: 0 }, { priceMinor: 1500, inventory: 1 })).toEqual(['restock', 'price']);
		// With a price named, a fall tells once it reaches it.
		expect(changesOf({ priceMinor: 2000, inventory: 2 }, { priceMinor: 1800, inventory: 2 }, 1500)).toEqual([]);
		expect(changesOf({ priceMinor: 1800, inventory: 2 }, { priceMinor: 1500, inventory: 2 }, 1500)).toEqual(['price']);
	});

	it('says so in a sentence', () => {
		const alert = { title: 'Burr Hand Grinder', currency: 'USD', priceMinor: 4500, previousPriceMinor: 5200 };
		expect(alertNews({ ...alert, kind: 'restock' })).toBe('Burr Hand Grinder is back in stock.');
		expect(alertNews({ ...alert, kind: 'price' })).toBe('Burr Hand Grinder is now $45.00, down from $52.00.');
	});
});

describe('alerts after a pull', () => {
	it('tells of a favorite back in stock and a favorite made cheaper, and of nothing else', async () => {
		await favorite(1);
		await favorite(2);
		const alerts = await pull(product(1, { version: 2, inventory: 4 }), product(2, { version: 2, priceMinor: 1500 }), product(3, { version: 2, priceMinor: 100 }));
		expect(alerts.map((a) => [a.productId, a.kind, a.previousPriceMinor, a.priceMinor])).toEqual([
			[idOf(1), 'restock', 2000, 2000],
			[idOf(2), 'price', 2000, 1500]
		]);
		expect(await db.alerts.count()).toBe(2);
		expect((await db.alerts.toArray()).every((a) => !a.read)).toBe(true);
	});

	it('says nothing when a price rises, and tells each change once', async () => {
		await favorite(2);
		expect(await pull(product(2, { version: 2, priceMinor: 2600 }))).toEqual([]);
		expect(await pull(product(2, { version: 3, priceMinor: 2400 }))).toHaveLength(1);
		// The same version again (a pull repeated after a lost answer): already told.
		expect(await pull(product(2, { version: 3, priceMinor: 2400 }))).toEqual([]);
		expect(await pull(product(2, { version: 4, priceMinor: 2400, title: 'Renamed' }))).toEqual([]);
		expect(await db.alerts.count()).toBe(1);
	});

	it('compares with what the device last knew, even when the catalog was loaded again since', async () => {
		await favorite(1);
		await pull(product(1, { version: 2, inventory: 0 }));
		await db.products.clear();
		expect((await pull(product(1, { version: 3, inventory: 2 }))).map((a) => a.kind)).toEqual(['restock']);
	});

	it('watches a sold-out product asked about without a favorite, once: back in stock answers the ask', async () => {
		await setWatch(db, { id: idOf(1), priceMinor: 2000, inventory: 0 }, { asked: true });
		expect((await pull(product(1, { version: 2, inventory: 3 }))).map((a) => a.kind)).toEqual(['restock']);
		expect(await pull(product(1, { version: 3, inventory: 0 }))).toEqual([]);
		expect(await pull(product(1, { version: 4, inventory: 5 }))).toEqual([]);
		expect(await db.watches.count()).toBe(0);
	});

	it('stops watching when the shopper takes back the ask or the favorite', async () => {
		await setWatch(db, { id: idOf(1), priceMinor: 2000, inventory: 0 }, { asked: true });
		await setWatch(db, { id: idOf(1), priceMinor: 2000, inventory: 0 }, { asked: false });
		await favorite(2);
		await pull(product(2, { version: 2 }));
		await db.favorites.delete(idOf(2));
		expect(await pull(product(1, { version: 2, inventory: 3 }), product(2, { version: 3, priceMinor: 10 }))).toEqual([]);
		expect(await db.watches.count()).toBe(0);
	});

	it('ignores what was archived, and keeps only the latest alerts', async () => {
		await favorite(2);
		expect(await db.transaction('rw', [db.products, db.favorites, db.watches, db.alerts], () => noticeChanges(db, [{ deleted: true }]))).toEqual([]);
		for (let v = 2; v < KEPT_ALERTS + 12; v++) await pull(product(2, { version: v, priceMinor: 2000 - v }));
		expect(await db.alerts.count()).toBe(KEPT_ALERTS);
	});

	it('keeps a visitor’s watches through sign-in, and forgets every watch and alert at sign-out', async () => {
		await ensureIdentity(db, null);
		await setWatch(db, { id: idOf(1), priceMinor: 2000, inventory: 0 }, { asked: true });
		await ensureIdentity(db, 'u-1');
		await favorite(2);
		await pull(product(2, { version: 2, priceMinor: 1000 }));
		expect([await db.watches.count(), await db.alerts.count()]).toEqual([2, 1]);
		await ensureIdentity(db, null);
		expect([await db.watches.count(), await db.alerts.count()]).toEqual([0, 0]);
	});

	it('waits for the price the shopper named, on a favorite or on a product watched for it alone, until it is cleared', async () => {
		await favorite(2);
		await setWatch(db, { id: idOf(2), priceMinor: 2000, inventory: 5 }, { targetPriceMinor: 1500 });
		await setWatch(db, { id: idOf(3), priceMinor: 2000, inventory: 5 }, { targetPriceMinor: 1000 });
		expect(await pull(product(2, { version: 2, priceMinor: 1800 }), product(3, { version: 2, priceMinor: 1200 }))).toEqual([]);
		expect((await pull(product(2, { version: 3, priceMinor: 1400 }), product(3, { version: 3, priceMinor: 900 }))).map((a) => [a.productId, a.previousPriceMinor, a.priceMinor])).toEqual([
			[idOf(2), 1800, 1400],
			[idOf(3), 1200, 900]
		]);
		await setWatch(db, { id: idOf(3), priceMinor: 900, inventory: 5 }, { targetPriceMinor: null });
		expect(await db.watches.get(idOf(3))).toBeUndefined();
		await setWatch(db, { id: idOf(2), priceMinor: 1400, inventory: 5 }, { targetPriceMinor: null });
		expect((await pull(product(2, { version: 4, priceMinor: 1300 }))).map((a) => a.kind)).toEqual(['price']);
	});
});
