// `npm run bench:email`: 2,000 outbox events committed at once, drained by 1 and then by 2
// email workers into a local SMTP server; prints messages per second, the delay from
// commit to delivery and the duplicates (which must be 0: the run fails otherwise).
// Embedded PGlite always; a fresh database on BENCH_DATABASE_URL's server too when set.
import { randomUUID } from 'node:crypto';
import { openDatabase, type Database } from '../server/db/client';
import { outboxEvents } from '../server/db/schema';
import { seedCatalog } from '../server/db/seed';
import { openThrowawayDatabase } from '../server/db/test-database';
import { startCheckout } from '../server/services/checkout';
import { startSmtpServer } from '../server/services/email/smtp-test-server';
import { smtpTransport } from '../server/services/email/transport';
import { startEmailWorker } from '../server/services/email/worker';
import { testProvider } from '../server/services/payments/test-provider';
import { shopFixtures, TEST_ADDRESS } from '../server/testing/shop-fixtures';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 2000);

type Row = { database: string; workers: number; sent: number; seconds: number; perSecond: number; p50: number; p95: number; duplicates: number };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function run(database: Database, label: string, smtp: Awaited<ReturnType<typeof startSmtpServer>>, workers: number): Promise<Row> {
	const { db } = database;
	const fx = shopFixtures(db);
	const [user] = await fx.makeUsers(1);
	const cartId = await fx.cartOf(user, [{ productId: await fx.makeProduct(5), quantity: 1 }]);
	const order = await startCheckout(
		db,
		user.id,
		{ cartId, idempotencyKey: randomUUID(), shippingMethodId: await fx.methodId(), address: TEST_ADDRESS, saveAddress: false },
		testProvider
	);
	// Everything earlier is out of the way: only this run's events are due.
	await db.update(outboxEvents).set({ sentAt: new Date() });
	smtp.received.length = 0;

	const rows = Array.from({ length: EVENTS }, () => ({ type: 'order_fulfilled' as const, userId: user.id, orderId: order.id, payload: { number: order.number } }));
	const committed = new Map<string, number>();
	for (let i = 0; i < rows.length; i += 500) {
		const done = await db.insert(outboxEvents).values(rows.slice(i, i + 500)).returning({ id: outboxEvents.id });
		const at = Date.now();
		for (const r of done) committed.set(r.id, at);
	}
	const started = performance.now();
	const running = Array.from({ length: workers }, () =>
		startEmailWorker(db, { transport: smtpTransport(smtp.url), origin: 'http://localhost:3000', from: 'Store <shop@store.test>', pollMs: 20, batch: 20, concurrency: 4 })
	);
	while (smtp.received.length < EVENTS) await new Promise((r) => setTimeout(r, 10));
	const seconds = (performance.now() - started) / 1000;
	// A little longer, so a late duplicate would be counted.
	await new Promise((r) => setTimeout(r, 300));
	await Promise.all(running.map((w) => w.stop()));

	const ids = smtp.received.map((r) => r.messageId.replace(/^<|@.*$/g, ''));
	const delays = smtp.received.map((r, i) => r.at - (committed.get(ids[i]!) ?? r.at)).sort((a, b) => a - b);
	return {
		database: label,
		workers,
		sent: new Set(ids).size,
		seconds,
		perSecond: EVENTS / seconds,
		p50: percentile(delays, 50),
		p95: percentile(delays, 95),
		duplicates: ids.length - new Set(ids).size
	};
}

const smtp = await startSmtpServer();
const results: Row[] = [];
const targets: [string, () => Promise<Database>][] = [['PGlite', () => openDatabase({})]];
if (process.env.BENCH_DATABASE_URL) targets.push(['Postgres', () => openThrowawayDatabase(process.env.BENCH_DATABASE_URL!, 'store_bench')]);
for (const [label, open] of targets) {
	const database = await open();
	try {
		await seedCatalog(database.db);
		for (const workers of [1, 2]) {
			const row = await run(database, label, smtp, workers);
			results.push(row);
			console.error(`${label}, ${workers} worker(s): ${row.sent} messages in ${row.seconds.toFixed(2)} s`);
		}
	} finally {
		await database.close();
	}
}
await smtp.close();

console.log(`\n${EVENTS.toLocaleString('en-US')} outbox events committed at once, drained into a local SMTP server (batch 20, 4 messages in flight per worker)\n`);
console.log('| database | workers | messages/s | commit → delivery p50 / p95 ms | duplicates |');
console.log('| --- | --- | --- | --- | --- |');
for (const r of results) {
	console.log(`| ${r.database} | ${r.workers} | ${Math.round(r.perSecond).toLocaleString('en-US')} | ${Math.round(r.p50)} / ${Math.round(r.p95)} | ${r.duplicates} |`);
}
const bad = results.filter((r) => r.duplicates > 0 || r.sent !== EVENTS);
if (bad.length) {
	console.error('Duplicates or missing messages: the sender is broken.');
	process.exit(1);
}
