// `npm run bench:assistant [-- --rounds N]`: how long the assistant takes to answer each
// phrasing of the parser's table, on a 10,000-product catalog. Server: `chat()` called
// directly on embedded PGlite (signed in, with orders, a cart and favorites). Offline: the
// device's answerer over Dexie on fake-indexeddb in this Node process, holding the same
// catalog (not headless Chromium). Targets: p95 ≤ 30 ms server, ≤ 50 ms offline.
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { eq, isNull } from 'drizzle-orm';
import { answerOnDevice } from '../src/lib/assistant/offline';
import { openStoreDb } from '../src/lib/device/db';
import { writeMeta } from '../src/lib/device/meta';
import type { SnapshotPart } from '../src/lib/shared/sync';
import { mutate } from '../src/lib/device/outbox';
import { openDatabase } from '../server/db/client';
import { cartItems, carts, favorites, products, shippingMethods, users } from '../server/db/schema';
import { seedCatalog } from '../server/db/seed';
import { chat } from '../server/services/assistant/chat';
import { snapshot } from '../server/services/sync';
import { table } from '../server/services/assistant/phrasings';
import { startCheckout } from '../server/services/checkout';
import { createAddress, listShippingMethods } from '../server/services/delivery';
import { getOrder } from '../server/services/orders';
import { testProvider } from '../server/services/payments/test-provider';
import { percentile } from './harness';

const PRODUCTS = 10_000;
const { values } = parseArgs({ options: { rounds: { type: 'string' } } });
const rounds = Number(values.rounds ?? 5);
if (!Number.isInteger(rounds) || rounds < 1) {
	console.error('--rounds takes a whole number ≥ 1');
	process.exit(2);
}

const phrases = table.map(([phrase]) => phrase);
const ADDRESS = { name: 'Bench Shopper', line1: '1 Main Street', line2: null, city: 'Springfield', postalCode: '12345', region: null, country: 'US', phone: null };

function summary(name: string, times: number[]) {
	const sorted = [...times].sort((a, b) => a - b);
	const at = (q: number) => percentile(sorted, q).toFixed(2);
	return { name, answers: sorted.length, p50_ms: Number(at(0.5)), p95_ms: Number(at(0.95)), p99_ms: Number(at(0.99)), max_ms: Number(sorted.at(-1)!.toFixed(2)) };
}

async function time(run: () => Promise<unknown>): Promise<number> {
	const started = performance.now();
	await run();
	return performance.now() - started;
}

// The server: a 10,000-product catalog and a shopper with history.
const database = await openDatabase({});
const db = database.db;
let started = performance.now();
await seedCatalog(db, { products: PRODUCTS });
console.log(`seeded ${PRODUCTS} products in ${Math.round(performance.now() - started)} ms`);
const [user] = await db.insert(users).values({ email: `bench-${randomUUID()}@assistant.test`, passwordHash: '!' }).returning({ id: users.id, email: users.email, role: users.role });
await createAddress(db, user!.id, { address: ADDRESS, isDefault: true });
const [method] = await listShippingMethods(db, 'US');
const some = await db.select({ id: products.id }).from(products).where(isNull(products.deletedAt)).limit(40);
const placed = [];
for (let i = 0; i < 12; i++) {
	await db.delete(carts).where(eq(carts.userId, user!.id));
	const [cart] = await db.insert(carts).values({ userId: user!.id }).returning({ id: carts.id });
	await db.insert(cartItems).values({ cartId: cart!.id, productId: some[i]!.id, variantId: some[i]!.id, quantity: 1 });
	placed.push(await startCheckout(db, user!.id, { cartId: cart!.id, idempotencyKey: randomUUID(), shippingMethodId: method!.id, address: ADDRESS, saveAddress: false }, testProvider));
}
const [cart] = await db.insert(carts).values({ userId: user!.id }).returning({ id: carts.id });
await db.insert(cartItems).values(some.slice(20, 23).map((p) => ({ cartId: cart!.id, productId: p.id, variantId: p.id, quantity: 1 })));
await db.insert(favorites).values(some.slice(30, 35).map((p) => ({ userId: user!.id, productId: p.id })));
void shippingMethods;

const ctx = { db, user: user! };
for (const phrase of phrases) await chat(ctx, phrase); // warm-up: the title index, query plans
const server: number[] = [];
const byPhrase = new Map<string, number[]>();
for (let r = 0; r < rounds; r++) {
	for (const phrase of phrases) {
		const ms = await time(() => chat(ctx, phrase));
		server.push(ms);
		byPhrase.set(phrase, [...(byPhrase.get(phrase) ?? []), ms]);
	}
}

// The device: the same catalog in Dexie, the shopper's cart, favorites and orders.
const device = openStoreDb(`bench-${randomUUID()}`);
// What a device holds after its first load: the sync service's own snapshot of the catalog.
const catalog = (await snapshot(db, { version: 0, parts: 1, part: 0 })) as SnapshotPart;
await device.products.bulkPut(catalog.products);
await device.cart.bulkPut(some.slice(20, 23).map((p) => ({ productId: p.id, variantId: p.id, quantity: 1 })));
await device.favorites.bulkPut(some.slice(30, 35).map((p) => ({ productId: p.id, addedAt: new Date().toISOString() })));
await device.orders.bulkPut(await Promise.all(placed.map((o) => getOrder(db, user!.id, o.id))));
await writeMeta(device, 'catalogCursor', String(catalog.version));
await writeMeta(device, 'syncedAt', new Date(Date.now() - 10 * 60_000).toISOString());
await writeMeta(device, 'nextMutationId', 1);
const answerer = {
	db: device,
	signedIn: true,
	act: async (name: 'cart.add' | 'favorites.add', args: { productId: string; quantity?: number }) => {
		await mutate(device, name, args as never, { signedIn: true, clientId: 'bench' });
		return true;
	}
};
for (const phrase of phrases) await answerOnDevice(answerer, phrase);
const offline: number[] = [];
for (let r = 0; r < rounds; r++) for (const phrase of phrases) offline.push(await time(() => answerOnDevice(answerer, phrase)));

console.table([summary('server: assistant.chat', server), summary('offline: device answerer', offline)]);
const serverP95 = percentile([...server].sort((a, b) => a - b), 0.95);
const offlineP95 = percentile([...offline].sort((a, b) => a - b), 0.95);
const slowest = [...byPhrase].map(([phrase, ms]) => ({ phrase, median_ms: Number(percentile([...ms].sort((a, b) => a - b), 0.5).toFixed(2)) }));
console.log('slowest phrasings on the server (median):');
console.table(slowest.sort((a, b) => b.median_ms - a.median_ms).slice(0, 8));
console.log(`${phrases.length} phrasings × ${rounds} rounds on ${PRODUCTS} products`);
console.log(`server p95 ${serverP95.toFixed(2)} ms (target ≤ 30): ${serverP95 <= 30 ? 'met' : 'MISSED'}`);
console.log(`offline p95 ${offlineP95.toFixed(2)} ms (target ≤ 50): ${offlineP95 <= 50 ? 'met' : 'MISSED'}`);
device.close();
await database.close();
