import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBudget } from '../../auth/rate-limit';
import { createSession } from '../../auth/session';
import { products, pushDeliveries, pushSubscriptions, pushWatches } from '../../db/schema';
import { startPushServiceStandIn, type Behaviour, type PushServiceStandIn, type StandInDevice } from '../../testing/push-service-stand-in';
import { useSeededShop } from '../../testing/seeded-shop';
import { adjustStock } from '../admin/catalog';
import { shopVapidKeys } from './keys';
import { claimDuePushes } from './outbox';
import { pushSender, type PushSenderOptions } from './sender';
import { subscribeToPushes } from './subscriptions';

const shop = useSeededShop();
let standIn: PushServiceStandIn;
let publicKey: string;
const actor = { id: randomUUID(), email: 'boss@push.test', ip: null };

beforeAll(async () => {
	standIn = await startPushServiceStandIn();
	({ publicKey } = await shopVapidKeys(shop.db));
});
afterAll(() => standIn?.close());

/** A signed-in shopper's device, subscribed through the stand-in, watching `productIds`. */
async function device(productIds: string[], behaviour: Behaviour = 201, user?: { id: string }): Promise<StandInDevice & { userId: string }> {
	const owner = user ?? (await shop.fixtures.makeUsers(1))[0];
	const { session } = await createSession(shop.db, owner.id);
	const made = standIn.device(behaviour);
	await subscribeToPushes(shop.db, { userId: owner.id, sessionId: session.id }, { subscription: made.subscription, applicationServerKey: publicKey, productIds });
	return { ...made, userId: owner.id };
}

/** A sender with budgets of its own (so tests do not share them), trusting the stand-in. */
function sender(options: PushSenderOptions & { perHour?: number } = {}) {
	const name = randomUUID();
	return pushSender(shop.db, {
		agent: standIn.agent,
		timeoutMs: 2000,
		random: () => 1,
		budgets: { pushes: createBudget({ name, points: options.perHour ?? 100, seconds: 3600 }), folds: createBudget({ name: `${name}:folds`, points: 1, seconds: 3600 }) },
		...options
	});
}

const restock = (productId: string, units = 3) => adjustStock(shop.db, actor, { id: productId, change: units, reason: 'received', note: '' });
const rowsOf = (productId: string) => shop.db.select().from(pushDeliveries).where(eq(pushDeliveries.productId, productId));
const titleOf = async (id: string) => (await shop.db.select({ title: products.title, slug: products.slug }).from(products).where(eq(products.id, id)))[0]!;

describe('sending through web-push to a push service', () => {
	it('pushes one restock exactly once to each subscribed device: VAPID-signed, encrypted (aes128gcm), naming the product', async () => {
		const product = await shop.fixtures.makeProduct(0);
		const devices = [await device([product]), await device([product])];
		await restock(product);
		expect(await sender().drain()).toMatchObject({ sent: 2, retried: 0, failed: 0 });
		expect(await sender().drain()).toMatchObject({ claimed: 0, sent: 0 });
		const { title, slug } = await titleOf(product);
		for (const d of devices) {
			expect(standIn.payloadsOf(d)).toEqual([{ title, body: `${title} is back in stock.`, url: `/products/${slug}`, tag: expect.stringMatching(new RegExp(`^${product}:restock:\\d+$`)) }]);
		}
		expect(standIn.received.filter((r) => devices.some((d) => d.id === r.device)).every((r) => r.vapidKey === publicKey && r.ttl > 0)).toBe(true);
		expect(standIn.refusals).toEqual([]);
		expect((await rowsOf(product)).every((r) => r.sentAt && !r.folded)).toBe(true);
	});

	it('tells a price fall with both prices', async () => {
		const product = await shop.fixtures.makeProduct(2, 5200);
		const d = await device([product]);
		await shop.db.update(products).set({ priceMinor: 4500 }).where(eq(products.id, product));
		await sender().drain();
		expect(standIn.payloadsOf(d)).toEqual([expect.objectContaining({ body: expect.stringMatching(/is now \$45\.00, down from \$52\.00\.$/) })]);
	});

	it.each([410, 404])('deletes the subscription, its watch list and its pushes when the push service answers %i', async (status) => {
		const product = await shop.fixtures.makeProduct(0);
		const gone = await device([product], status);
		const kept = await device([product]);
		await restock(product);
		expect(await sender().drain()).toMatchObject({ dropped: 1, sent: 1 });
		expect(await shop.db.$count(pushSubscriptions, eq(pushSubscriptions.endpoint, gone.subscription.endpoint))).toBe(0);
		expect(await shop.db.$count(pushSubscriptions, eq(pushSubscriptions.endpoint, kept.subscription.endpoint))).toBe(1);
		expect(await shop.db.$count(pushWatches, eq(pushWatches.productId, product))).toBe(1);
		expect(await rowsOf(product)).toHaveLength(1);
	});

	it.each<[string, Behaviour]>([
		['answers 503', 503],
		['does not answer in time', 'hang']
	])('retries with backoff when the push service %s, without holding up other pushes, and sends once it recovers', async (_name, behaviour) => {
		const product = await shop.fixtures.makeProduct(0);
		const down = await device([product], behaviour);
		const up = await device([product]);
		await restock(product);
		const started = Date.now();
		expect(await sender({ timeoutMs: 300, backoffBaseMs: 60_000 }).drain()).toMatchObject({ sent: 1, retried: 1 });
		expect(Date.now() - started).toBeLessThan(1500);
		expect(standIn.payloadsOf(up)).toHaveLength(1);
		const [waiting] = (await rowsOf(product)).filter((r) => !r.sentAt);
		expect(waiting).toMatchObject({ attempts: 1, failedAt: null, lastError: expect.any(String) });
		// Backoff: the first retry waits the base (60 s); a random point in its upper half.
		expect(waiting!.availableAt.getTime() - Date.now()).toBeGreaterThan(55_000);
		expect(await sender().drain()).toMatchObject({ claimed: 0 });
		standIn.answer(down, 201);
		await shop.db.update(pushDeliveries).set({ availableAt: sql`now()` }).where(eq(pushDeliveries.id, waiting!.id));
		expect(await sender().drain()).toMatchObject({ sent: 1 });
		expect(standIn.payloadsOf(down)).toHaveLength(1);
	});

	it('gives up after the last attempt and keeps why', async () => {
		const product = await shop.fixtures.makeProduct(0);
		await device([product], 500);
		await restock(product);
		await sender({ maxAttempts: 1 }).drain();
		expect((await rowsOf(product))[0]).toMatchObject({ sentAt: null, failedAt: expect.any(Date), lastError: expect.stringMatching(/^Push service 500/) });
	});
});

describe('the hourly limit per shopper', () => {
	it('sends a burst of parallel restocks up to the limit, claiming each point before sending, and tells the rest in one push', async () => {
		const watched = await Promise.all(Array.from({ length: 5 }, () => shop.fixtures.makeProduct(0)));
		const d = await device(watched);
		await Promise.all(watched.map((id) => restock(id)));
		const push = sender({ perHour: 3 });
		expect(await push.drain()).toMatchObject({ claimed: 5, sent: 3, folded: 2 });
		const payloads = standIn.payloadsOf(d) as { body: string; url: string }[];
		expect(payloads).toHaveLength(4);
		expect(payloads.filter((p) => p.url === '/alerts')).toEqual([{ title: 'Store', body: '2 products you watch are back in stock or cost less.', url: '/alerts', tag: 'alerts' }]);
		const rows = await shop.db.select().from(pushDeliveries).where(inArray(pushDeliveries.productId, watched));
		expect(rows.filter((r) => r.folded)).toHaveLength(2);

		// Past the limit and the one summing-up push, a change waits for the next hour.
		const later = await shop.fixtures.makeProduct(0);
		await subscribeToPushes(shop.db, await callerOf(d), { subscription: d.subscription, applicationServerKey: publicKey, productIds: [...watched, later] });
		await restock(later);
		expect(await push.drain()).toMatchObject({ sent: 0, deferred: 1 });
		const [waiting] = await rowsOf(later);
		expect(waiting!.availableAt.getTime() - Date.now()).toBeGreaterThan(50 * 60_000);
		expect(standIn.payloadsOf(d)).toHaveLength(4);
	});
});

describe('claims', () => {
	it('two senders at once send each push once', async () => {
		const product = await shop.fixtures.makeProduct(0);
		const devices = await Promise.all(Array.from({ length: 6 }, () => device([product])));
		await restock(product);
		const [a, b] = await Promise.all([sender({ batch: 2 }).drain(), sender({ batch: 2 }).drain()]);
		expect(a.sent + b.sent).toBe(6);
		for (const d of devices) expect(standIn.payloadsOf(d)).toHaveLength(1);
	});

	it('a sender that stopped mid-send holds its pushes until the lease runs out; then one other sender sends them', async () => {
		const product = await shop.fixtures.makeProduct(0);
		const d = await device([product]);
		await restock(product);
		// A sender claims and is killed before sending or marking anything.
		expect(await claimDuePushes(shop.db, 10, 400)).toHaveLength(1);
		expect(await sender().drain()).toMatchObject({ claimed: 0 });
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(await sender().drain()).toMatchObject({ claimed: 1, sent: 1 });
		expect(await sender().drain()).toMatchObject({ claimed: 0 });
		expect(standIn.payloadsOf(d)).toHaveLength(1);
	});
});

async function callerOf(d: { userId: string; subscription: { endpoint: string } }) {
	const [row] = await shop.db.select({ sessionId: pushSubscriptions.sessionId }).from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, d.subscription.endpoint));
	return { userId: d.userId, sessionId: row!.sessionId };
}
