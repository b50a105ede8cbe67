import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../auth/session';
import { cartItems, carts, orderHistory, outboxEvents } from '../db/schema';
import { handleTrpcRequest } from '../trpc/http';
import { paymentSession, payWithTestCard, releaseHold, startCheckout } from './checkout';
import { userCartLines } from './cart';
import { testProvider } from './payments/test-provider';
import { TEST_ADDRESS } from '../testing/shop-fixtures';
import { useSeededShop } from '../testing/seeded-shop';

const shop = useSeededShop();

/** A shopper with an order holding `quantity` of a product that had `stock`, and nothing else in the cart. */
async function heldOrder(stock = 5, quantity = 2) {
	const [shopper] = await shop.fixtures.makeUsers(1);
	const product = await shop.fixtures.makeProduct(stock);
	const cartId = await shop.fixtures.cartOf(shopper, [{ productId: product, quantity }]);
	const order = await startCheckout(
		shop.db,
		shopper.id,
		{ cartId, idempotencyKey: `key-${randomUUID()}`, shippingMethodId: shop.methods.standard, address: TEST_ADDRESS, saveAddress: false },
		testProvider
	);
	return { shopper, product, order };
}

/** What a release writes: history rows, outbox events and the shopper's cart lines. */
async function writesFor(orderId: string, shopper: SessionUser) {
	const [history, events] = await Promise.all([
		shop.db.$count(orderHistory, eq(orderHistory.orderId, orderId)),
		shop.db.$count(outboxEvents, eq(outboxEvents.orderId, orderId))
	]);
	return { history, events, cart: await userCartLines(shop.db, shopper.id) };
}

describe('releasing a hold', () => {
	it('puts the units back on sale and the lines back in the cart, in one go', async () => {
		const { shopper, product, order } = await heldOrder(5, 2);
		expect(await shop.fixtures.inventoryOf(product)).toBe(3);
		expect(await userCartLines(shop.db, shopper.id)).toEqual([]);

		const released = await releaseHold(shop.db, shopper.id, testProvider, order.id);

		expect(released.status).toBe('cancelled');
		expect(await shop.fixtures.inventoryOf(product)).toBe(5);
		expect(await userCartLines(shop.db, shopper.id)).toEqual([{ productId: product, variantId: product, quantity: 2 }]);
		const [cancelled] = await shop.db.select().from(outboxEvents).where(and(eq(outboxEvents.orderId, order.id), eq(outboxEvents.type, 'order_cancelled')));
		expect(cancelled?.payload).toMatchObject({ reason: 'checkout_left' });
	});

	it('adds the lines to what the shopper put in the cart since, capped by stock', async () => {
		const { shopper, product, order } = await heldOrder(3, 2);
		const other = await shop.fixtures.makeProduct(4);
		const [cart] = await shop.db.insert(carts).values({ userId: shopper.id }).returning({ id: carts.id });
		await shop.db.insert(cartItems).values([
			{ cartId: cart!.id, productId: product, variantId: product, quantity: 1 },
			{ cartId: cart!.id, productId: other, variantId: other, quantity: 1 }
		]);

		await releaseHold(shop.db, shopper.id, testProvider, order.id);

		const lines = await userCartLines(shop.db, shopper.id);
		expect(lines).toHaveLength(2);
		expect(lines).toEqual(expect.arrayContaining([{ productId: product, variantId: product, quantity: 3 }, { productId: other, variantId: other, quantity: 1 }]));
	});

	it('happens once: a second release, even at the same moment, is refused and writes nothing', async () => {
		const { shopper, product, order } = await heldOrder(5, 2);
		const both = await Promise.allSettled([releaseHold(shop.db, shopper.id, testProvider, order.id), releaseHold(shop.db, shopper.id, testProvider, order.id)]);
		expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		expect(both.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT' } });
		const after = await writesFor(order.id, shopper);

		await expect(releaseHold(shop.db, shopper.id, testProvider, order.id)).rejects.toMatchObject({ code: 'CONFLICT' });

		expect(await shop.fixtures.inventoryOf(product)).toBe(5);
		expect(await writesFor(order.id, shopper)).toEqual(after);
		expect(after.cart).toEqual([{ productId: product, variantId: product, quantity: 2 }]);
	});

	it("refuses someone else's order as if it did not exist, and writes nothing", async () => {
		const { shopper, product, order } = await heldOrder(5, 2);
		const [stranger] = await shop.fixtures.makeUsers(1);
		const before = await writesFor(order.id, shopper);

		await expect(releaseHold(shop.db, stranger.id, testProvider, order.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });

		expect(await shop.fixtures.inventoryOf(product)).toBe(3);
		expect(await writesFor(order.id, shopper)).toEqual(before);
		expect(await userCartLines(shop.db, stranger.id)).toEqual([]);
	});

	it('refuses a paid order and writes nothing', async () => {
		const { shopper, product, order } = await heldOrder(5, 2);
		await payWithTestCard(shop.db, testProvider, shopper.id, { orderId: order.id, cardNumber: '4242424242424242' });
		const before = await writesFor(order.id, shopper);

		await expect(releaseHold(shop.db, shopper.id, testProvider, order.id)).rejects.toMatchObject({ code: 'CONFLICT', message: /paid/ });

		expect(await shop.fixtures.inventoryOf(product)).toBe(3);
		expect(await writesFor(order.id, shopper)).toEqual(before);
	});

	it('leaves a payment that is going through alone', async () => {
		const { shopper, product, order } = await heldOrder(5, 2);
		await paymentSession(shop.db, testProvider, shopper.id, order.id);
		const tooLate = { cancel: async () => 'too_late' as const };
		await expect(releaseHold(shop.db, shopper.id, tooLate, order.id)).rejects.toMatchObject({ code: 'CONFLICT' });
		expect(await shop.fixtures.inventoryOf(product)).toBe(3);
	});
});

describe('releasing over HTTP, as a closing page sends it', () => {
	async function beacon(user: SessionUser | null, body: string) {
		// What navigator.sendBeacon sends: a JSON blob, no tRPC client around it.
		const request = new Request('http://store.test/api/trpc/checkout.release', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
		return (await handleTrpcRequest(request, { db: shop.db, user, session: null, payments: testProvider, ip: null })).status;
	}

	it('releases the caller’s order (200), then 409; a visitor gets 401, a stranger 404, a bad id 400', async () => {
		const { shopper, product, order } = await heldOrder(5, 2);
		const [stranger] = await shop.fixtures.makeUsers(1);
		const body = JSON.stringify({ orderId: order.id });
		expect(await beacon(null, body)).toBe(401);
		expect(await beacon(stranger, body)).toBe(404);
		expect(await beacon(shopper, JSON.stringify({ orderId: 'not-an-id' }))).toBe(400);
		expect(await shop.fixtures.inventoryOf(product)).toBe(3);

		expect(await beacon(shopper, body)).toBe(200);
		expect(await shop.fixtures.inventoryOf(product)).toBe(5);
		expect(await beacon(shopper, body)).toBe(409);
		expect(await shop.fixtures.inventoryOf(product)).toBe(5);
	});
});
