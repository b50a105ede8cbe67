import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PushSubscribeInput } from '$lib/shared/alerts';
import { openStoreDb, type StoreDb } from './db';
import { ensureIdentity } from './identity';
import { readMeta } from './meta';
import { followPushWatches, turnPushOff, turnPushOn, type PushApi, type PushBrowser } from './push';
import { sampleId } from './sample-products';
import { setWatch } from './watching';

const SHOP_KEY = Buffer.alloc(65, 7);
const shopKey = SHOP_KEY.toString('base64url');

let db: StoreDb;
let dbCount = 0;
let calls: { name: string; input?: unknown }[];
let permission: NotificationPermission;
let browserSubscription: ReturnType<typeof fakeSubscription> | null;
let subscribeOptions: PushSubscriptionOptionsInit | null;
let serverKnows: boolean;

function fakeSubscription(endpoint: string, key: Buffer) {
	const subscription = {
		endpoint,
		unsubscribed: false,
		options: { applicationServerKey: key.buffer.slice(key.byteOffset, key.byteOffset + key.length), userVisibleOnly: true },
		toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh: Buffer.alloc(65, 4).toString('base64url'), auth: Buffer.alloc(16, 1).toString('base64url') } }),
		unsubscribe: async () => {
			subscription.unsubscribed = true;
			return true;
		}
	};
	return subscription;
}

const server: PushApi = {
	vapidPublicKey: async () => ({ publicKey: shopKey }),
	subscribe: async (input: PushSubscribeInput) => {
		calls.push({ name: 'subscribe', input });
		serverKnows = true;
	},
	watches: async (input) => {
		calls.push({ name: 'watches', input });
		if (!serverKnows) throw Object.assign(new Error('Pushes are off on this device.'), { data: { httpStatus: 404 } });
	},
	unsubscribe: async (input) => {
		calls.push({ name: 'unsubscribe', input });
		serverKnows = false;
	}
};

const browser: PushBrowser = {
	requestPermission: async () => permission,
	pushManager: async () =>
		({
			getSubscription: async () => browserSubscription,
			subscribe: async (options: PushSubscriptionOptionsInit) => {
				subscribeOptions = options;
				browserSubscription = fakeSubscription('https://push.example.net/new', SHOP_KEY);
				return browserSubscription;
			}
		}) as unknown as PushManager
};

beforeEach(async () => {
	db = openStoreDb(`push-${++dbCount}`);
	await ensureIdentity(db, 'user-1');
	calls = [];
	permission = 'granted';
	browserSubscription = null;
	subscribeOptions = null;
	serverKnows = false;
	await db.favorites.put({ productId: sampleId(2), addedAt: new Date().toISOString() });
	await setWatch(db, { id: sampleId(1), priceMinor: 2000, inventory: 0 }, { asked: true });
});
afterEach(() => db.close());

describe('turning pushes on', () => {
	it('subscribes with the shop’s key (userVisibleOnly) and hands the server the subscription and what the device watches', async () => {
		expect(await turnPushOn(db, { server, browser })).toBe('on');
		expect(subscribeOptions).toEqual({ userVisibleOnly: true, applicationServerKey: shopKey });
		expect(calls).toEqual([
			{
				name: 'subscribe',
				input: expect.objectContaining({ applicationServerKey: shopKey, productIds: [sampleId(1), sampleId(2)], subscription: expect.objectContaining({ endpoint: 'https://push.example.net/new' }) })
			}
		]);
		expect(await readMeta(db, 'pushEndpoint')).toBe('https://push.example.net/new');
	});

	it('sends nothing when the shopper does not allow notifications', async () => {
		permission = 'denied';
		expect(await turnPushOn(db, { server, browser })).toBe('denied');
		expect(calls).toEqual([]);
		expect(subscribeOptions).toBeNull();
		expect(await readMeta(db, 'pushEndpoint')).toBeNull();
	});

	it('replaces a subscription the browser made with another key', async () => {
		const old = fakeSubscription('https://push.example.net/old', Buffer.alloc(65, 9));
		browserSubscription = old;
		await turnPushOn(db, { server, browser });
		expect(old.unsubscribed).toBe(true);
		expect(await readMeta(db, 'pushEndpoint')).toBe('https://push.example.net/new');
	});
});

describe('while pushes are on', () => {
	beforeEach(async () => {
		await turnPushOn(db, { server, browser });
		calls = [];
	});

	it('the server’s watch list follows the device’s, and is not sent again unchanged', async () => {
		await followPushWatches(db, server);
		await followPushWatches(db, server);
		expect(calls).toHaveLength(1);
		await db.favorites.delete(sampleId(2));
		await followPushWatches(db, server);
		expect(calls.at(-1)).toEqual({ name: 'watches', input: { endpoint: 'https://push.example.net/new', productIds: [sampleId(1)] } });
		expect(calls).toHaveLength(2);
	});

	it('shows pushes off once the server no longer holds the subscription (signed out elsewhere, or gone)', async () => {
		serverKnows = false;
		await followPushWatches(db, server);
		expect(await readMeta(db, 'pushEndpoint')).toBeNull();
	});

	it('turning off deletes it on the server and in the browser', async () => {
		const subscription = browserSubscription!;
		expect(await turnPushOff(db, { server, browser })).toBe('off');
		expect(calls).toEqual([{ name: 'unsubscribe', input: { endpoint: 'https://push.example.net/new' } }]);
		expect(subscription.unsubscribed).toBe(true);
		expect(await readMeta(db, 'pushEndpoint')).toBeNull();
	});

	it('signing out forgets it on the device (the server deleted it with the session)', async () => {
		await ensureIdentity(db, null);
		expect(await readMeta(db, 'pushEndpoint')).toBeNull();
		await followPushWatches(db, server);
		expect(calls).toEqual([]);
	});
});
