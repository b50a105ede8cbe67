// `npm run bench:alerts`: the device's comparison of watched products after a pull, on a
// 10,000-product catalog with 200 products watched, when a pull changes 1,000 of them (every
// watched one among them, half cheaper, half back in stock). The device database is
// fake-indexeddb in Node, usually slower than a browser's own IndexedDB; the figure that
// matters is the comparison beside the pull's own writes, both timed in the same run.
import 'fake-indexeddb/auto';
import type { SyncProduct } from '../src/lib/shared/sync';
import { openStoreDb, type StoreDb } from '../src/lib/device/db';
import { KEPT_ALERTS, noticeChanges } from '../src/lib/device/watching';
import { sampleProduct } from '../src/lib/device/sample-products';
import { percentile } from './harness';

const PRODUCTS = 10_000;
const CHANGED = 1_000;
const WATCHED = 200;
const RUNS = 15;

const product = (n: number, version: number, change: Partial<SyncProduct> = {}) =>
	sampleProduct(n, { version, description: 'A thing made with care.', inventory: n % 2 ? 0 : 5, ...change });

async function device(run: number): Promise<StoreDb> {
	const db = openStoreDb(`bench-alerts-${run}`);
	await db.products.bulkPut(Array.from({ length: PRODUCTS }, (_, n) => product(n, 1)));
	const addedAt = new Date().toISOString();
	// Every fifth changed product is watched: 200 of the 1,000 the pull brings.
	await db.favorites.bulkPut(Array.from({ length: WATCHED }, (_, i) => ({ productId: product(i * 5, 1).id, addedAt })));
	return db;
}

/** The pull's batch: 1,000 products, the even ones cheaper, the odd ones (sold out) back in stock. */
const batch = Array.from({ length: CHANGED }, (_, n) => product(n, 2, n % 2 ? { inventory: 3 } : { priceMinor: 1800 }));

const compare: number[] = [];
const write: number[] = [];
let alerts = 0;
for (let run = 0; run < RUNS; run++) {
	const db = await device(run);
	await db.transaction('rw', [db.products, db.favorites, db.watches, db.alerts], async () => {
		let t = performance.now();
		alerts = (await noticeChanges(db, batch)).length;
		compare.push(performance.now() - t);
		t = performance.now();
		await db.products.bulkPut(batch);
		write.push(performance.now() - t);
	});
	db.close();
}

const p50 = (samples: number[]) => percentile([...samples].sort((a, b) => a - b), 0.5);
const p95 = (samples: number[]) => percentile([...samples].sort((a, b) => a - b), 0.95);
console.log(`${PRODUCTS.toLocaleString('en')} products, a pull changing ${CHANGED.toLocaleString('en')}, ${WATCHED} watched and changed → ${alerts} alerts kept (the device keeps the latest ${KEPT_ALERTS})`);
console.log(`comparing watched products   p50 ${p50(compare).toFixed(2)} ms · p95 ${p95(compare).toFixed(2)} ms (target ≤ 20 ms)`);
console.log(`writing the pulled products  p50 ${p50(write).toFixed(2)} ms · p95 ${p95(write).toFixed(2)} ms`);
console.log(`comparison / writes          ${(p50(compare) / p50(write)).toFixed(2)}× (${RUNS} runs)`);
