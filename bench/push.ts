// `npm run bench:push`: one restock of a product watched by 10,000 subscribed devices (each
// its own shopper), on embedded PGlite: the restock's transaction, in which the trigger queues
// a push per device, then the fan-out through web-push (VAPID-signed, aes128gcm-encrypted) to
// the local push-service stand-in, which checks and decrypts every one. Prints pushes per
// second and the duplicates (which must be 0: the run fails otherwise). BENCH_DEVICES changes
// the count.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { createBudget } from '../server/auth/rate-limit';
import { openDatabase } from '../server/db/client';
import { products, productVariants, pushDeliveries, pushSubscriptions, pushWatches, sessions } from '../server/db/schema';
import { seedCatalog } from '../server/db/seed';
import { pushSender } from '../server/services/alerts/sender';
import { startPushServiceStandIn } from '../server/testing/push-service-stand-in';
import { shopFixtures } from '../server/testing/shop-fixtures';

const DEVICES = Number(process.env.BENCH_DEVICES ?? 10_000);
const CHUNK = 1000;

const database = await openDatabase({});
const { db } = database;
await seedCatalog(db);
const fx = shopFixtures(db);
const standIn = await startPushServiceStandIn();
const product = await fx.makeProduct(0);

let t = performance.now();
for (let i = 0; i < DEVICES; i += CHUNK) {
	const count = Math.min(CHUNK, DEVICES - i);
	const users = await fx.makeUsers(count);
	const made = await db
		.insert(sessions)
		.values(users.map((u) => ({ id: randomBytes(20).toString('hex'), secretHash: 'x', userId: u.id, expiresAt: new Date(Date.now() + 86_400_000) })))
		.returning({ id: sessions.id, userId: sessions.userId });
	const subscribed = await db
		.insert(pushSubscriptions)
		.values(
			made.map((s) => {
				const { subscription } = standIn.device();
				return { userId: s.userId, sessionId: s.id, endpoint: subscription.endpoint, ...subscription.keys };
			})
		)
		.returning({ id: pushSubscriptions.id });
	await db.insert(pushWatches).values(subscribed.map((s) => ({ subscriptionId: s.id, productId: product })));
}
console.log(`${DEVICES.toLocaleString('en')} devices subscribed, each watching the product (${((performance.now() - t) / 1000).toFixed(1)} s to set up)`);

t = performance.now();
await db.update(productVariants).set({ inventory: 5 }).where(eq(productVariants.id, product));
const queued = await db.$count(pushDeliveries, eq(pushDeliveries.productId, product));
console.log(`restock committed with ${queued.toLocaleString('en')} pushes queued in its transaction: ${(performance.now() - t).toFixed(0)} ms`);

for (const concurrency of [8, 32]) {
	await db.update(pushDeliveries).set({ sentAt: null, availableAt: new Date(0), attempts: 0 });
	standIn.received.length = 0;
	const sender = pushSender(db, {
		agent: standIn.agent,
		concurrency,
		batch: 200,
		budgets: { pushes: createBudget({ name: `bench-${concurrency}`, points: 10, seconds: 3600 }), folds: createBudget({ name: `bench-folds-${concurrency}`, points: 1, seconds: 3600 }) }
	});
	t = performance.now();
	const result = await sender.drain();
	const seconds = (performance.now() - t) / 1000;
	const devices = new Set(standIn.received.map((r) => r.device));
	const duplicates = standIn.received.length - devices.size;
	console.log(
		`fan-out, ${concurrency} at a time: ${result.sent.toLocaleString('en')} pushes in ${seconds.toFixed(1)} s = ${Math.round(result.sent / seconds).toLocaleString('en')} pushes/s · refused by the push service ${standIn.refusals.length} · duplicates ${duplicates}`
	);
	if (duplicates || standIn.refusals.length || result.sent !== DEVICES) process.exitCode = 1;
}
await standIn.close();
await database.close();
