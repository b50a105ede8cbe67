import { createECDH, randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import webpush from 'web-push';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PUSH_WATCHES } from '../../../src/lib/shared/alerts';
import { createSession, invalidateSession, type Session, type SessionUser } from '../../auth/session';
import { favorites, products, productVariants, pushDeliveries, pushSubscriptions, pushWatches, vapidKeys } from '../../db/schema';
import { openTestDatabase } from '../../db/test-database';
import { useSeededShop } from '../../testing/seeded-shop';
import { createRateLimits } from '../../auth/rate-limit';
import { createCaller } from '../../trpc/root';
import { adjustStock, setArchived, updateProduct, adminGetProduct } from '../admin/catalog';
import { testProvider } from '../payments/test-provider';
import { shopVapidKeys } from './keys';
import { watcherCount } from './subscriptions';

const shop = useSeededShop();
let publicKey: string;
const actor = { id: randomUUID(), email: 'boss@alerts.test', ip: null };

beforeAll(async () => {
	({ publicKey } = await shopVapidKeys(shop.db));
});

/** A push service's address, as a browser's subscription names it. */
const browserSubscription = () => ({ endpoint: `https://push.example.net/send/${randomUUID()}` });
/** A browser's keys: a real P-256 public key and a 16-byte secret. */
function realKeys() {
	const ecdh = createECDH('prime256v1');
	return { p256dh: ecdh.generateKeys().toString('base64url'), auth: randomBytes(16).toString('base64url') };
}

async function shopper(): Promise<{ user: SessionUser; session: Session; api: ReturnType<typeof createCaller> }> {
	const [user] = await shop.fixtures.makeUsers(1);
	const { session } = await createSession(shop.db, user.id);
	return { user, session, api: createCaller({ db: shop.db, user, session, payments: testProvider, ip: null }) };
}

async function subscribed(productIds: string[]) {
	const who = await shopper();
	const subscription = { ...browserSubscription(), keys: realKeys() };
	await who.api.alerts.subscribe({ subscription, applicationServerKey: publicKey, productIds });
	return { ...who, subscription };
}

const deliveriesOf = (productId: string) => shop.db.select().from(pushDeliveries).where(eq(pushDeliveries.productId, productId));
const editOf = async (id: string) => {
	const p = await adminGetProduct(shop.db, id);
	return { id, editToken: p.editToken, title: p.title, slug: p.slug, description: p.description, priceMinor: p.priceMinor, collectionId: p.collectionId, currency: p.currency };
};

describe('the push opt-in’s budget', () => {
	it('lets a burst of 100 parallel watch-list updates from one account through only as far as its budget', async () => {
		const who = await subscribed([]);
		const limits = createRateLimits({ prefix: `alerts-${randomUUID()}`, limits: { alerts: { perUser: 5, perIp: 100, seconds: 60 } } });
		const api = createCaller({ db: shop.db, user: who.user, session: who.session, payments: testProvider, ip: '203.0.113.9', limits });
		const [product] = await shop.db.select({ id: products.id }).from(products).limit(1);
		const outcomes = await Promise.allSettled(
			Array.from({ length: 100 }, () => api.alerts.watches({ endpoint: who.subscription.endpoint, productIds: [product!.id] }))
		);
		expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(5);
		const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
		expect(refused).toHaveLength(95);
		for (const { reason } of refused) expect(reason).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
	});
});

describe('VAPID keys', () => {
	it('are made once and kept: instances starting together agree on one pair', async () => {
		const fresh = await openTestDatabase();
		try {
			const pairs = await Promise.all([shopVapidKeys(fresh.db), shopVapidKeys(Object.create(fresh.db) as typeof fresh.db)]);
			expect(pairs[0]).toEqual(pairs[1]);
			expect(await fresh.db.$count(vapidKeys)).toBe(1);
			expect(Buffer.from(pairs[0].publicKey, 'base64url')).toHaveLength(65);
		} finally {
			await fresh.close();
		}
	});
});

describe('VAPID keys from the environment', () => {
	const set = (publicKey?: string, privateKey?: string) => {
		for (const [name, value] of [['VAPID_PUBLIC_KEY', publicKey], ['VAPID_PRIVATE_KEY', privateKey]] as const) {
			if (value === undefined) delete process.env[name];
			else process.env[name] = value;
		}
	};
	afterEach(() => set());

	it('are used as they are, and a half or malformed pair is refused with its name', async () => {
		const pair = webpush.generateVAPIDKeys();
		set(pair.publicKey, pair.privateKey);
		expect(await shopVapidKeys(shop.db)).toEqual(pair);
		set(pair.publicKey);
		await expect(async () => shopVapidKeys(shop.db)).rejects.toThrow(/both VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY/);
		set(pair.publicKey.slice(0, 40), pair.privateKey);
		await expect(async () => shopVapidKeys(shop.db)).rejects.toThrow(/VAPID_PUBLIC_KEY must be/);
		set(pair.publicKey, `${pair.privateKey}AAAA`);
		await expect(async () => shopVapidKeys(shop.db)).rejects.toThrow(/VAPID_PRIVATE_KEY must be/);
	});
});

describe('opting in', () => {
	it('keeps the subscription and the watched ids, and replaces them when subscribed again', async () => {
		const [a, b] = [await shop.fixtures.makeProduct(0), await shop.fixtures.makeProduct(3)];
		const { api, subscription, user } = await subscribed([a, b, a]);
		const [row] = await shop.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, subscription.endpoint));
		expect(row).toMatchObject({ userId: user.id, p256dh: subscription.keys.p256dh, auth: subscription.keys.auth });
		expect((await shop.db.select().from(pushWatches).where(eq(pushWatches.subscriptionId, row!.id))).map((w) => w.productId).sort()).toEqual([a, b].sort());
		await api.alerts.watches({ endpoint: subscription.endpoint, productIds: [b] });
		expect(await shop.db.select({ p: pushWatches.productId }).from(pushWatches).where(eq(pushWatches.subscriptionId, row!.id))).toEqual([{ p: b }]);
	});

	it('turning it off, or signing out, deletes the subscription and its watch list', async () => {
		const product = await shop.fixtures.makeProduct(0);
		const first = await subscribed([product]);
		expect(await first.api.alerts.unsubscribe({ endpoint: first.subscription.endpoint })).toEqual({ removed: true });
		const second = await subscribed([product]);
		await invalidateSession(shop.db, second.session.id);
		for (const { subscription } of [first, second]) {
			expect(await shop.db.$count(pushSubscriptions, eq(pushSubscriptions.endpoint, subscription.endpoint))).toBe(0);
		}
		expect(await shop.db.$count(pushWatches, eq(pushWatches.productId, product))).toBe(0);
	});

	it('refuses a visitor (401)', async () => {
		const api = createCaller({ db: shop.db, user: null, session: null, payments: testProvider, ip: null });
		const subscription = { ...browserSubscription(), keys: realKeys() };
		await expect(api.alerts.subscribe({ subscription, applicationServerKey: publicKey, productIds: [] })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
		await expect(api.alerts.unsubscribe({ endpoint: subscription.endpoint })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
	});
});

describe('bad subscriptions are refused with a 4xx and write nothing', () => {
	const valid = async () => ({ subscription: { ...browserSubscription(), keys: realKeys() }, applicationServerKey: publicKey, productIds: [] as string[] });
	type Input = Awaited<ReturnType<typeof valid>>;
	const cases: [string, (input: Input) => unknown, RegExp][] = [
		['an http endpoint', (i) => ({ ...i, subscription: { ...i.subscription, endpoint: 'http://push.example.net/x' } }), /https address/],
		['an endpoint with credentials', (i) => ({ ...i, subscription: { ...i.subscription, endpoint: 'https://me:secret@push.example.net/x' } }), /user name or password/],
		['an oversized endpoint', (i) => ({ ...i, subscription: { ...i.subscription, endpoint: `https://push.example.net/${'x'.repeat(1100)}` } }), /at most 1024/],
		['a key that is not base64url', (i) => ({ ...i, subscription: { ...i.subscription, keys: { ...i.subscription.keys, p256dh: 'not*base64' } } }), /base64url/],
		['a key of the wrong length', (i) => ({ ...i, subscription: { ...i.subscription, keys: { ...i.subscription.keys, p256dh: Buffer.alloc(33, 4).toString('base64url') } } }), /65 bytes/],
		['65 bytes that are no P-256 point', (i) => ({ ...i, subscription: { ...i.subscription, keys: { ...i.subscription.keys, p256dh: Buffer.alloc(65, 4).toString('base64url') } } }), /valid P-256/],
		['an auth secret of 12 bytes', (i) => ({ ...i, subscription: { ...i.subscription, keys: { ...i.subscription.keys, auth: Buffer.alloc(12).toString('base64url') } } }), /16 bytes/],
		['a foreign key', (i) => ({ ...i, applicationServerKey: 'BOr' + publicKey.slice(3) }), /another key/],
		['an unknown field', (i) => ({ ...i, userId: randomUUID() }), /./],
		['too many watched products', (i) => ({ ...i, productIds: Array.from({ length: MAX_PUSH_WATCHES + 1 }, () => randomUUID()) }), /At most 500/],
		['an unknown product', (i) => ({ ...i, productIds: [randomUUID()] }), /no longer sold/]
	];
	it.each(cases)('%s', async (_name, change, message) => {
		const { api } = await shopper();
		const input = change(await valid()) as Input;
		const before = await shop.db.$count(pushSubscriptions);
		const failure = await api.alerts.subscribe(input).catch((e: unknown) => e as { code: string; message: string });
		expect(failure).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(message) });
		expect(await shop.db.$count(pushSubscriptions)).toBe(before);
	});

	it('an archived product, keeping the earlier list', async () => {
		const [kept, archived] = [await shop.fixtures.makeProduct(1), await shop.fixtures.makeProduct(1)];
		const { api, subscription } = await subscribed([kept]);
		await setArchived(shop.db, actor, { id: archived, archived: true });
		await expect(api.alerts.watches({ endpoint: subscription.endpoint, productIds: [kept, archived] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
		expect(await shop.db.$count(pushWatches, eq(pushWatches.productId, kept))).toBe(1);
	});

	it('a localhost endpoint on a shop not served from localhost', async () => {
		const { api } = await shopper();
		const origin = process.env.ORIGIN;
		process.env.ORIGIN = 'https://shop.example.com';
		try {
			const input = await valid();
			input.subscription.endpoint = 'https://localhost:8443/push/1';
			await expect(api.alerts.subscribe(input)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/not a local/) });
			input.subscription.endpoint = 'https://10.0.0.8/push/1';
			await expect(api.alerts.subscribe(input)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
		} finally {
			process.env.ORIGIN = origin;
		}
	});

	it('an endpoint another account holds (409), leaving it theirs', async () => {
		const theirs = await subscribed([]);
		const { api } = await shopper();
		const input = { subscription: { ...theirs.subscription, keys: realKeys() }, applicationServerKey: publicKey, productIds: [] };
		await expect(api.alerts.subscribe(input)).rejects.toMatchObject({ code: 'CONFLICT' });
		const [row] = await shop.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, theirs.subscription.endpoint));
		expect(row).toMatchObject({ userId: theirs.user.id, p256dh: theirs.subscription.keys.p256dh });
	});
});

describe('the outbox trigger on products', () => {
	it('queues one push per device on a restock and on a price fall, by every path, and none on a rise or for an unwatched product', async () => {
		const [watched, unwatched] = [await shop.fixtures.makeProduct(0, 5000), await shop.fixtures.makeProduct(0, 5000)];
		const devices = [await subscribed([watched]), await subscribed([watched])];
		await adjustStock(shop.db, actor, { id: watched, change: 4, reason: 'received', note: '' });
		await adjustStock(shop.db, actor, { id: unwatched, change: 4, reason: 'received', note: '' });
		await updateProduct(shop.db, actor, { ...(await editOf(watched)), priceMinor: 5500 });
		expect(await deliveriesOf(watched)).toHaveLength(2);
		await updateProduct(shop.db, actor, { ...(await editOf(watched)), priceMinor: 4500 });
		await shop.db.update(productVariants).set({ inventory: 0 }).where(eq(productVariants.id, watched));
		// Any path that returns stock (an order's hold let go, an expiry) is the same update.
		await shop.db.update(productVariants).set({ inventory: 2 }).where(eq(productVariants.id, watched));
		const rows = await deliveriesOf(watched);
		expect(rows.map((r) => r.kind).sort()).toEqual(['price', 'price', 'restock', 'restock', 'restock', 'restock']);
		expect(new Set(rows.map((r) => r.subscriptionId)).size).toBe(devices.length);
		expect(rows.find((r) => r.kind === 'price')).toMatchObject({ priceMinor: 4500, previousPriceMinor: 5500 });
		expect(await deliveriesOf(unwatched)).toHaveLength(0);
	});

	it('queues nothing for an archived product, nor for a change that rolls back', async () => {
		const product = await shop.fixtures.makeProduct(0);
		await subscribed([product]);
		await shop.db
			.transaction(async (tx) => {
				await tx.update(productVariants).set({ inventory: 5 }).where(eq(productVariants.id, product));
				throw new Error('rolled back');
			})
			.catch(() => {});
		await setArchived(shop.db, actor, { id: product, archived: true });
		await shop.db.update(productVariants).set({ inventory: 5, priceMinor: 1 }).where(eq(productVariants.id, product));
		expect(await deliveriesOf(product)).toHaveLength(0);
	});
});

describe("the admin's count of watchers", () => {
	it('counts distinct signed-in shoppers, by favorite or by push', async () => {
		const product = await shop.fixtures.makeProduct(0);
		const [fan] = await shop.fixtures.makeUsers(1);
		const both = await subscribed([product]);
		await subscribed([product]);
		await shop.db.insert(favorites).values([{ userId: fan.id, productId: product }, { userId: both.user.id, productId: product }]);
		expect(await watcherCount(shop.db, product)).toBe(3);
		expect(await watcherCount(shop.db, await shop.fixtures.makeProduct(0))).toBe(0);
	});
});
