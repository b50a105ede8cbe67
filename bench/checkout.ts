// `npm run bench:checkout [-- --shoppers N --units N --rounds N]`: N shoppers at once after the
// last `units` of one product, through the full checkout, a SELECT … FOR UPDATE transaction, a
// bare conditional UPDATE and an unlocked read-then-write, on embedded PGlite and (when
// DATABASE_URL, else TEST_DATABASE_URL, is set) a fresh database on that Postgres server.
// Exits non-zero when a variant that claims no oversell oversold or its books do not add up.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase, type Database, type Db } from '../server/db/client';
import { cartItems, carts, orderItems, orders, products, productVariants, shippingMethods, users } from '../server/db/schema';
import { seedCatalog } from '../server/db/seed';
import { startCheckout } from '../server/services/checkout';
import { checkoutStartInput } from '../src/lib/shared/orders';
import { AppError } from '../server/services/errors';
import { testProvider } from '../server/services/payments/test-provider';
import { percentile } from './harness';

const TARGET = 0.3;
const CATALOG = 10_000; // checkout's orders/s as a share of the bare UPDATE's, on Postgres

const { values } = parseArgs({ options: { shoppers: { type: 'string' }, units: { type: 'string' }, rounds: { type: 'string' } } });
const shoppers = Number(values.shoppers ?? 200);
const units = Number(values.units ?? 50);
const rounds = Number(values.rounds ?? 5);
if (![shoppers, units, rounds].every((n) => Number.isInteger(n) && n >= 1)) {
	console.error('--shoppers, --units and --rounds take whole numbers ≥ 1');
	process.exit(2);
}

type Outcome = 'sold' | 'soldOut' | 'refused' | 'error';
type Attempt = { productId: string; userId: string; cartId: string; shippingMethodId: string };

// Where every benchmark shopper ships to (Standard serves it).
const ADDRESS = { name: 'Bench Shopper', line1: '1 Market Street', city: 'San Francisco', postalCode: '94105', country: 'US' };
type Variant = { name: string; claimsNoOversell: boolean; needsCart?: boolean; attempt(db: Db, a: Attempt): Promise<Outcome> };

// The raced product sells one variant, which carries the product's id; stock is taken from it.
const decrement = { inventory: sql`${productVariants.inventory} - 1` };

const variants: Variant[] = [
	{
		// The whole service: cart lock, conditional UPDATE per line, order, items, history,
		// cart delete and outbox event, atomically (one `place_order` statement).
		name: 'checkout',
		claimsNoOversell: true,
		needsCart: true,
		async attempt(db, a) {
			const input = { cartId: a.cartId, idempotencyKey: randomUUID(), shippingMethodId: a.shippingMethodId, address: ADDRESS, saveAddress: false };
			await startCheckout(db, a.userId, checkoutStartInput.parse(input), testProvider);
			return 'sold';
		}
	},
	{
		// Stock only: lock the row, read, check, decrement, commit. No order is written.
		name: 'select for update',
		claimsNoOversell: true,
		attempt: (db, a) =>
			db.transaction(async (tx) => {
				const [row] = await tx.select({ inventory: productVariants.inventory }).from(productVariants).where(eq(productVariants.id, a.productId)).for('update');
				if (!row || row.inventory < 1) return 'soldOut';
				await tx.update(productVariants).set(decrement).where(eq(productVariants.id, a.productId));
				return 'sold';
			})
	},
	{
		// One autocommit statement; the rows it returns are the row count.
		name: 'bare update',
		claimsNoOversell: true,
		async attempt(db, a) {
			const rows = await db
				.update(productVariants)
				.set(decrement)
				.where(and(eq(productVariants.id, a.productId), gte(productVariants.inventory, 1)))
				.returning({ id: productVariants.id });
			return rows.length ? 'sold' : 'soldOut';
		}
	},
	{
		// The mistake the others avoid: the stock seen by the read is gone by the write. Only
		// the product_variants_inventory_nonnegative CHECK stops the oversell ("CHECK refused").
		name: 'read then write',
		claimsNoOversell: false,
		async attempt(db, a) {
			const [row] = await db.select({ inventory: productVariants.inventory }).from(productVariants).where(eq(productVariants.id, a.productId));
			if (!row || row.inventory < 1) return 'soldOut';
			await db.update(productVariants).set(decrement).where(eq(productVariants.id, a.productId));
			return 'sold';
		}
	}
];

function sqlState(error: unknown): string | undefined {
	for (let e = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
		const code = (e as { code?: unknown }).code;
		if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
	}
	return undefined;
}

type Round = { sold: number; stock: number; wallMs: number; latencies: number[]; counts: Record<Outcome, number>; problems: string[] };

async function makeProduct(db: Db): Promise<string> {
	const [template] = await db.select({ collectionId: products.collectionId }).from(products).limit(1);
	const slug = `bench-${randomUUID()}`;
	const [row] = await db
		.insert(products)
		.values({ slug, title: `Bench ${slug.slice(6, 14)}`, priceMinor: 1250, inventory: units, collectionId: template!.collectionId })
		.returning({ id: products.id });
	return row!.id;
}

/** A fresh cart per shopper holding one unit of the product; returns cart ids by user id. */
async function fillCarts(db: Db, userIds: string[], productId: string): Promise<Map<string, string>> {
	await db.delete(carts).where(inArray(carts.userId, userIds));
	const rows = await db.insert(carts).values(userIds.map((userId) => ({ userId }))).returning({ id: carts.id, userId: carts.userId });
	await db.insert(cartItems).values(rows.map((c) => ({ cartId: c.id, productId, variantId: productId, quantity: 1 })));
	return new Map(rows.map((c) => [c.userId!, c.id]));
}

async function runRound(db: Db, variant: Variant, userIds: string[], shippingMethodId: string): Promise<Round> {
	const productId = await makeProduct(db);
	const cartIds = variant.needsCart ? await fillCarts(db, userIds, productId) : new Map<string, string>();
	const counts: Record<Outcome, number> = { sold: 0, soldOut: 0, refused: 0, error: 0 };
	const latencies: number[] = [];
	const problems: string[] = [];
	const started = performance.now();
	await Promise.all(
		userIds.map(async (userId) => {
			const sent = performance.now();
			const outcome = await variant.attempt(db, { productId, userId, cartId: cartIds.get(userId) ?? '', shippingMethodId }).catch((error: unknown): Outcome => {
				if (error instanceof AppError && error.code === 'CONFLICT') return 'soldOut';
				if (sqlState(error) === '23514') return 'refused';
				if (problems.length < 3) problems.push(`${variant.name}: ${error instanceof Error ? error.message : String(error)}`);
				return 'error';
			});
			latencies.push(performance.now() - sent);
			counts[outcome]++;
		})
	);
	const wallMs = performance.now() - started;

	const [left] = await db.select({ n: products.inventory }).from(products).where(eq(products.id, productId));
	const stock = left!.n;
	const sold = counts.sold;
	if (stock + sold !== units) problems.push(`${variant.name}: stock ${stock} + sold ${sold} ≠ ${units}`);
	if (sold < Math.min(units, userIds.length)) problems.push(`${variant.name}: sold only ${sold} of ${units} to ${userIds.length} shoppers`);
	if (variant.needsCart) {
		const [booked] = await db
			.select({ orders: sql<number>`count(*)::int`, units: sql<number>`coalesce(sum(${orderItems.quantity}), 0)::int` })
			.from(orderItems)
			.innerJoin(orders, eq(orders.id, orderItems.orderId))
			.where(eq(orderItems.productId, productId));
		if (booked!.orders !== sold || booked!.units !== sold) problems.push(`${variant.name}: ${booked!.orders} orders, ${booked!.units} units for ${sold} successes`);
	}
	return { sold, stock, wallMs, latencies, counts, problems };
}

type Result = { variant: Variant; rounds: Round[]; oversold: boolean; ordersPerS: number; attemptsPerS: number; p50: number; p95: number };

function summarise(variant: Variant, list: Round[]): Result {
	const wallS = list.reduce((s, r) => s + r.wallMs, 0) / 1000;
	const sold = list.reduce((s, r) => s + r.sold, 0);
	const latencies = list.flatMap((r) => r.latencies).sort((a, b) => a - b);
	return {
		variant,
		rounds: list,
		oversold: list.some((r) => r.sold > units || r.stock < 0),
		ordersPerS: sold / wallS,
		attemptsPerS: latencies.length / wallS,
		p50: percentile(latencies, 0.5),
		p95: percentile(latencies, 0.95)
	};
}

function printTable(results: Result[]) {
	const total = (r: Result, f: (x: Round) => number) => String(r.rounds.reduce((s, x) => s + f(x), 0));
	const rows = [
		['variant', 'claims', 'sold', 'sold out', 'CHECK refused', 'errors', 'stock left', 'oversold', 'orders/s', 'attempts/s', 'p50 ms', 'p95 ms'],
		...results.map((r) => [
			r.variant.name,
			r.variant.claimsNoOversell ? 'no oversell' : 'nothing',
			total(r, (x) => x.sold),
			total(r, (x) => x.counts.soldOut),
			total(r, (x) => x.counts.refused),
			total(r, (x) => x.counts.error),
			total(r, (x) => x.stock),
			r.oversold ? 'YES' : 'no',
			r.ordersPerS.toFixed(0),
			r.attemptsPerS.toFixed(0),
			r.p50.toFixed(1),
			r.p95.toFixed(1)
		])
	];
	const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
	for (const row of rows) console.log(row.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
}

async function benchDatabase(database: Database): Promise<boolean> {
	const db = database.db;
	// A shop of CATALOG products, a quarter of them in 3 to 12 sizes (the seed's generated catalog).
	await seedCatalog(db, { products: CATALOG });
	const userIds = (
		await db
			.insert(users)
			.values(Array.from({ length: shoppers }, (_, i) => ({ email: `shopper-${i}-${randomUUID()}@bench.store.test`, passwordHash: 'x' })))
			.returning({ id: users.id })
	).map((u) => u.id);

	const [standard] = await db.select({ id: shippingMethods.id }).from(shippingMethods).where(eq(shippingMethods.name, 'Standard'));
	const shippingMethodId = standard!.id;
	// One unmeasured round opens the pool's connections and warms the code paths.
	for (const variant of variants) await runRound(db, variant, userIds, shippingMethodId);
	const byVariant = new Map<Variant, Round[]>(variants.map((v) => [v, []]));
	for (let round = 0; round < rounds; round++) {
		// A different variant goes first each round, so none always meets a colder database.
		for (let k = 0; k < variants.length; k++) {
			const variant = variants[(k + round) % variants.length]!;
			byVariant.get(variant)!.push(await runRound(db, variant, userIds, shippingMethodId));
		}
	}
	const results = variants.map((v) => summarise(v, byVariant.get(v)!));
	printTable(results);

	const [checkout, forUpdate, bare, readWrite] = results;
	const share = (r: Result) => r.ordersPerS / bare!.ordersPerS;
	const verdict = database.kind === 'postgres' ? (share(checkout!) >= TARGET ? 'target met' : 'TARGET MISSED') : 'target applies to Postgres';
	console.log(`checkout ÷ bare update: ${(share(checkout!) * 100).toFixed(1)}% of the orders/s (≥ ${TARGET * 100}%: ${verdict})`);
	console.log(`select for update ÷ bare update: ${(share(forUpdate!) * 100).toFixed(1)}% of the orders/s`);
	console.log(`read then write ÷ bare update: ${(share(readWrite!) * 100).toFixed(1)}% of the orders/s; its CHECK refusals are oversells the constraint stopped`);

	const problems = results.filter((r) => r.variant.claimsNoOversell).flatMap((r) => [
		...(r.oversold ? [`${r.variant.name} oversold`] : []),
		...r.rounds.flatMap((x) => x.problems)
	]);
	for (const problem of problems) console.error(`problem: ${problem}`);
	return problems.length === 0;
}

console.log(`cpus ${os.cpus().length} · node ${process.version} · ${shoppers} shoppers at once after ${units} units · ${rounds} measured rounds (+1 warm-up)`);
console.log('latency: from calling the variant to its answer, waiting for a connection included');

let ok = true;
console.log('\n== pglite (in memory) ==');
const pglite = await openDatabase({});
try {
	ok = (await benchDatabase(pglite)) && ok;
} finally {
	await pglite.close();
}

const serverUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
if (serverUrl) {
	const dbName = `store_bench_checkout_${process.pid}`;
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database "${dbName}"`);
	try {
		const database = await openDatabase({ url: Object.assign(new URL(serverUrl), { pathname: `/${dbName}` }).toString() });
		console.log(`\n== postgres (database ${dbName}, pool of 10 connections) ==`);
		try {
			ok = (await benchDatabase(database)) && ok;
		} finally {
			await database.close();
		}
	} finally {
		await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
		await admin.end();
	}
} else {
	console.log('\n(no DATABASE_URL or TEST_DATABASE_URL: Postgres skipped)');
}
process.exit(ok ? 0 : 1);
