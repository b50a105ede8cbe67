import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../auth/session';
import type { Database } from '../db/client';
import { products, shippingMethods } from '../db/schema';
import { seedCatalog } from '../db/seed';
import { openTestDatabase } from '../db/test-database';
import { currentVersion } from '../services/catalog-version';
import { createAddress } from '../services/delivery';
import { shopFixtures, TEST_ADDRESS } from '../testing/shop-fixtures';
import { ChangeFeed } from './feed';
import { claimStreamSlots, closeAllStreams, openEventStream, parseSince } from './stream';

let database: Database;
let feed: ChangeFeed;

beforeAll(async () => {
	database = await openTestDatabase();
	await seedCatalog(database.db);
	feed = new ChangeFeed(database);
	await feed.start();
});
afterAll(async () => {
	await feed?.stop();
	await database?.close();
});

/** Reads a stream as a tab would, keeping everything it said. */
function tab(stream: ReadableStream<Uint8Array>) {
	const reader = stream.getReader();
	const decoder = new TextDecoder();
	let text = '';
	let ended = false;
	const pump = (async () => {
		for (;;) {
			const { value, done } = await reader.read();
			if (done) return void (ended = true);
			text += decoder.decode(value);
		}
	})();
	return {
		get text() {
			return text;
		},
		get ended() {
			return ended;
		},
		async until(pattern: RegExp, ms = 5000) {
			const deadline = Date.now() + ms;
			while (!pattern.test(text)) {
				if (Date.now() > deadline) throw new Error(`no ${pattern} in ${JSON.stringify(text)}`);
				await new Promise((resolve) => setTimeout(resolve, 10));
			}
		},
		close: () => reader.cancel().then(() => pump)
	};
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

describe('/api/events streams', () => {
	it('tells every tab of a catalog change, with the committed version', async () => {
		const since = await currentVersion(database.db);
		const visitor = tab(openEventStream(feed, { userId: null, since }));
		await visitor.until(/: connected/);
		expect(visitor.text).not.toMatch(/event: catalog/);
		const [row] = await database.db.select({ id: products.id }).from(products).limit(1);
		await database.db.update(products).set({ priceMinor: 4321 }).where(eq(products.id, row!.id));
		await visitor.until(/event: catalog/);
		expect(visitor.text).toContain(`data: {"version":${await currentVersion(database.db)}}`);
		await visitor.close();
	});

	it('catches up a tab that reconnects behind the catalog, and says nothing to one that is current', async () => {
		const behind = tab(openEventStream(feed, { userId: null, since: 0 }));
		const current = tab(openEventStream(feed, { userId: null, since: feed.catalogVersion }));
		await behind.until(/event: catalog\ndata: \{"version":\d+\}/);
		await current.until(/: connected/);
		await settle();
		expect(current.text).not.toMatch(/event:/);
		await Promise.all([behind.close(), current.close()]);
	});

	it("tells a user of their own cart changes and never another user's", async () => {
		const fixtures = shopFixtures(database.db);
		const [ann, bob] = (await fixtures.makeUsers(2)) as [SessionUser, SessionUser];
		const productId = await fixtures.makeProduct(3);
		const annTab = tab(openEventStream(feed, { userId: ann.id, since: feed.catalogVersion }));
		const bobTab = tab(openEventStream(feed, { userId: bob.id, since: feed.catalogVersion }));
		const visitor = tab(openEventStream(feed, { userId: null, since: feed.catalogVersion }));
		await fixtures.cartOf(ann, [{ productId, quantity: 1 }]);
		await annTab.until(/event: user\ndata: \{"what":"cart"\}/);
		await settle();
		expect(bobTab.text).not.toMatch(/event: user/);
		expect(visitor.text).not.toMatch(/event: user/);
		await Promise.all([annTab.close(), bobTab.close(), visitor.close()]);
	});

	it('tells every tab of a shipping method change, and a user of a change to their address book', async () => {
		const [ann] = (await shopFixtures(database.db).makeUsers(1)) as [SessionUser];
		const annTab = tab(openEventStream(feed, { userId: ann.id, since: feed.catalogVersion }));
		await annTab.until(/: connected/);
		const [method] = await database.db.select().from(shippingMethods).limit(1);
		await database.db.update(shippingMethods).set({ priceMinor: method!.priceMinor + 1 }).where(eq(shippingMethods.id, method!.id));
		await annTab.until(/event: catalog/);
		await createAddress(database.db, ann.id, { address: TEST_ADDRESS, isDefault: true });
		await annTab.until(/event: user\ndata: \{"what":"addresses"\}/);
		await annTab.close();
	});

	it('refuses a version that is not a whole number', () => {
		expect(parseSince(null)).toBeNull();
		expect(parseSince('42')).toBe(42);
		for (const garbage of ['-1', '1e3', 'abc', '1.5', '9'.repeat(16), '<script>']) expect(parseSince(garbage)).toBeUndefined();
	});

	it('closes a stream whose tab stopped reading, and every stream when the instance stops', async () => {
		const stalled = openEventStream(feed, { userId: null, since: null, heartbeatMs: 1, maxBacklog: 5 });
		const reader = stalled.getReader();
		await new Promise((resolve) => setTimeout(resolve, 100));
		let chunks = 0;
		for (;;) {
			const { done } = await reader.read();
			if (done) break;
			chunks++;
		}
		expect(chunks).toBeGreaterThan(0);
		expect(chunks).toBeLessThan(20);

		const listening = tab(openEventStream(feed, { userId: null, since: null }));
		await listening.until(/: connected/);
		closeAllStreams();
		await settle();
		expect(listening.ended).toBe(true);
	});

	it('ends a stream at the end of its lifetime, so the tab reconnects with its session as it is then', async () => {
		const short = tab(openEventStream(feed, { userId: null, since: null, lifetimeMs: 50 }));
		await settle();
		expect(short.ended).toBe(true);
	});

	it('holds at most the limit of streams per account and per address, and gives a slot back when its stream ends however it ends', async () => {
		const slots = (user: string | null, ip: string) => [{ key: `ip:${ip}`, limit: 3 }, ...(user ? [{ key: `user:${user}`, limit: 2 }] : [])];
		// A burst: every claim is counted as it comes.
		const burst = Array.from({ length: 10 }, () => claimStreamSlots(slots(null, '192.0.2.1')));
		expect(burst.filter(Boolean)).toHaveLength(3);
		// The account's limit holds across addresses; a refused claim takes nothing from the address.
		const mine = [claimStreamSlots(slots('u1', '192.0.2.2')), claimStreamSlots(slots('u1', '192.0.2.3'))];
		expect(mine.every(Boolean)).toBe(true);
		expect(claimStreamSlots(slots('u1', '192.0.2.4'))).toBeNull();
		expect(claimStreamSlots(slots(null, '192.0.2.4'))).not.toBeNull();

		// A stream's end gives its slot back, once, whether the tab left or the server closed it.
		const release = claimStreamSlots(slots('u2', '192.0.2.5'))!;
		const left = tab(openEventStream(feed, { userId: 'u2', since: null, onClose: release }));
		await left.until(/: connected/);
		const second = claimStreamSlots(slots('u2', '192.0.2.6'))!;
		expect(claimStreamSlots(slots('u2', '192.0.2.7'))).toBeNull();
		await left.close();
		release();
		const third = claimStreamSlots(slots('u2', '192.0.2.7'));
		expect(third).not.toBeNull();
		expect(claimStreamSlots(slots('u2', '192.0.2.8'))).toBeNull();
		const short = tab(openEventStream(feed, { userId: 'u2', since: null, lifetimeMs: 20, onClose: second }));
		await settle();
		expect(short.ended).toBe(true);
		expect(claimStreamSlots(slots('u2', '192.0.2.8'))).not.toBeNull();
	});
});
