import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkoutStartInput } from '../../src/lib/shared/orders';
import type { SessionUser } from '../auth/session';
import { cartItems, carts, orderHistory, orderItems, orders, outboxEvents, paymentEvents, products, productVariants } from '../db/schema';
import { handleTrpcRequest } from '../trpc/http';
import { payWithTestCard, paymentSession, startCheckout } from './checkout';
import { userCartLines } from './cart';
import { reapExpiredOrders } from './expiry';
import { dashboard } from './admin/dashboard';
import { listAudit } from './audit';
import { adminMoveOrder } from './admin/orders';
import { cancelOwnOrder, getOrder, listOrders } from './orders';
import { applyPaymentEvent } from './payments/events';
import type { PaymentEvent } from './payments/provider';
import { testProvider } from './payments/test-provider';
import type { shopFixtures } from '../testing/shop-fixtures';
import { TEST_ADDRESS } from '../testing/shop-fixtures';
import { useSeededShop } from '../testing/seeded-shop';

type Fixtures = ReturnType<typeof shopFixtures>;

const shop = useSeededShop();
let makeUsers: Fixtures['makeUsers'];
let makeProduct: Fixtures['makeProduct'];
let cartOf: Fixtures['cartOf'];
let inventoryOf: Fixtures['inventoryOf'];

const key = () => `key-${randomUUID()}`;
const checkout = (user: SessionUser, cartId: string, idempotencyKey = key()) =>
	startCheckout(shop.db, user.id, { cartId, idempotencyKey, shippingMethodId: shop.methods.standard, address: TEST_ADDRESS, saveAddress: false }, testProvider);

/** Units of a product in orders that still hold or have sold them. */
async function unitsOrdered(productId: string): Promise<number> {
	const [row] = await shop.db
		.select({ n: sql<number>`coalesce(sum(${orderItems.quantity}), 0)::int` })
		.from(orderItems)
		.innerJoin(orders, eq(orders.id, orderItems.orderId))
		.where(and(eq(orderItems.productId, productId), inArray(orders.status, ['pending_payment', 'paid', 'fulfilled'])));
	return row!.n;
}

beforeAll(() => {
	({ makeUsers, makeProduct, cartOf, inventoryOf } = shop.fixtures);
});

describe('checkout.start', () => {
	let alice: SessionUser;
	beforeEach(async () => {
		[alice] = await makeUsers(1);
	});

	it('takes stock, prices from the database, deletes the cart and queues order_created, all at once', async () => {
		const a = await makeProduct(5, 1000);
		const b = await makeProduct(3, 250);
		const cartId = await cartOf(alice!, [
			{ productId: a, quantity: 2 },
			{ productId: b, quantity: 3 }
		]);
		const order = await checkout(alice!, cartId);
		expect(order).toMatchObject({
			status: 'pending_payment',
			currency: 'USD',
			subtotalMinor: 2750,
			shippingMinor: 495,
			totalMinor: 3245,
			shippingMethod: 'Standard',
			shippingAddress: TEST_ADDRESS
		});
		expect(order.number).toBeGreaterThanOrEqual(1001);
		const holdMs = Date.parse(order.expiresAt!) - Date.now();
		expect(holdMs).toBeGreaterThan(29 * 60_000);
		expect(holdMs).toBeLessThanOrEqual(30 * 60_000);
		expect(order.items.map((i) => [i.productId, i.quantity, i.unitPriceMinor]).sort()).toEqual(
			[
				[a, 2, 1000],
				[b, 3, 250]
			].sort()
		);
		expect([await inventoryOf(a), await inventoryOf(b)]).toEqual([3, 0]);
		expect(await shop.db.select().from(carts).where(eq(carts.id, cartId))).toEqual([]);
		const events = await shop.db.select().from(outboxEvents).where(eq(outboxEvents.orderId, order.id));
		expect(events.map((e) => e.type)).toEqual(['order_created']);
		expect(events[0]).toMatchObject({ userId: alice!.id, sentAt: null });
		const history = await shop.db.select().from(orderHistory).where(eq(orderHistory.orderId, order.id));
		expect(history).toMatchObject([{ fromStatus: null, toStatus: 'pending_payment', reason: 'placed' }]);
	});

	it('keeps the price snapshot when the catalog changes later', async () => {
		const a = await makeProduct(5, 1000);
		const order = await checkout(alice!, await cartOf(alice!, [{ productId: a, quantity: 1 }]));
		await shop.db.update(products).set({ priceMinor: 9999, title: 'Renamed' }).where(eq(products.id, a));
		const again = await getOrder(shop.db, alice!.id, order.id);
		expect(again.items[0]).toMatchObject({ unitPriceMinor: 1000, title: order.items[0]!.title });
		expect(again.subtotalMinor).toBe(1000);
	});

	it('fails as a whole with every short line, and changes nothing', async () => {
		const plenty = await makeProduct(10);
		const few = await makeProduct(2);
		const gone = await makeProduct(0);
		const cartId = await cartOf(alice!, [
			{ productId: plenty, quantity: 4 },
			{ productId: few, quantity: 3 },
			{ productId: gone, quantity: 1 }
		]);
		const before = await shop.db.select({ n: sql<number>`count(*)::int` }).from(orders);
		const error = await checkout(alice!, cartId).catch((e) => e);
		expect(error).toMatchObject({ code: 'CONFLICT' });
		expect(error.message).toMatch(/only 2 left.*sold out|sold out.*only 2 left/);
		expect(error.details.shortLines).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ productId: few, requested: 3, available: 2 }),
				expect.objectContaining({ productId: gone, requested: 1, available: 0 })
			])
		);
		expect(error.details.shortLines).toHaveLength(2);
		expect([await inventoryOf(plenty), await inventoryOf(few), await inventoryOf(gone)]).toEqual([10, 2, 0]);
		expect(await shop.db.select({ n: sql<number>`count(*)::int` }).from(orders)).toEqual(before);
		expect(await shop.db.select().from(cartItems).where(eq(cartItems.cartId, cartId))).toHaveLength(3);
	});

	it('treats an archived product as unavailable', async () => {
		const a = await makeProduct(10);
		const cartId = await cartOf(alice!, [{ productId: a, quantity: 1 }]);
		await shop.db.update(products).set({ deletedAt: new Date() }).where(eq(products.id, a));
		const error = await checkout(alice!, cartId).catch((e) => e);
		expect(error.details.shortLines).toEqual([expect.objectContaining({ productId: a, available: 0 })]);
		expect(await inventoryOf(a)).toBe(10);
	});

	it('answers the same order for the same key, three times at once', async () => {
		const a = await makeProduct(10);
		const cartId = await cartOf(alice!, [{ productId: a, quantity: 2 }]);
		const k = key();
		const results = await Promise.all([checkout(alice!, cartId, k), checkout(alice!, cartId, k), checkout(alice!, cartId, k)]);
		expect(new Set(results.map((o) => o.id)).size).toBe(1);
		expect(await shop.db.select().from(orders).where(eq(orders.idempotencyKey, k))).toHaveLength(1);
		expect(await inventoryOf(a)).toBe(8);
	});

	it("refuses another user's cart (404), another user's key (409) and an empty cart (400)", async () => {
		const [bob] = await makeUsers(1);
		const a = await makeProduct(10);
		const bobsCart = await cartOf(bob!, [{ productId: a, quantity: 1 }]);
		await expect(checkout(alice!, bobsCart)).rejects.toMatchObject({ code: 'NOT_FOUND' });
		expect(await inventoryOf(a)).toBe(10);

		const k = key();
		await checkout(bob!, bobsCart, k);
		await expect(checkout(alice!, await cartOf(alice!, [{ productId: a, quantity: 1 }]), k)).rejects.toMatchObject({ code: 'CONFLICT' });
		await expect(checkout(alice!, await cartOf(alice!, []))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
	});

	it('accepts no price or total from the client', () => {
		const base = { cartId: randomUUID(), idempotencyKey: key(), shippingMethodId: randomUUID(), address: TEST_ADDRESS };
		expect(checkoutStartInput.safeParse(base).success).toBe(true);
		expect(checkoutStartInput.safeParse({ ...base, totalMinor: 1 }).success).toBe(false);
		expect(checkoutStartInput.safeParse({ ...base, shippingMinor: 0 }).success).toBe(false);
		expect(checkoutStartInput.safeParse({ ...base, lines: [{ priceMinor: 1 }] }).success).toBe(false);
	});
});

describe('never an oversell', () => {
	it('200 shoppers racing for 50 units: exactly 50 orders, stock 0, every unit accounted for', async () => {
		const product = await makeProduct(50);
		const shoppers = await makeUsers(200);
		const cartsByUser = await Promise.all(shoppers.map((s) => cartOf(s, [{ productId: product, quantity: 1 }])));
		const results = await Promise.allSettled(shoppers.map((s, i) => checkout(s, cartsByUser[i]!)));
		const placed = results.filter((r) => r.status === 'fulfilled');
		const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
		expect(placed).toHaveLength(50);
		const numbers = placed.map((r) => (r as PromiseFulfilledResult<{ number: number }>).value.number);
		expect(new Set(numbers).size, 'order numbers are unique').toBe(50);
		expect(refused.every((r) => r.reason?.code === 'CONFLICT')).toBe(true);
		expect(await inventoryOf(product)).toBe(0);
		expect(50).toBe((await inventoryOf(product)) + (await unitsOrdered(product)));
	}, 60_000);

	it('two sizes of one product, 100 shoppers racing for each size’s 20 units: each sells exactly its own stock', async () => {
		const { productId, variants } = await shop.fixtures.makeProductInSizes({ S: 20, M: 20 });
		const shoppers = await makeUsers(200);
		const sizeOf = (i: number) => (i % 2 ? 'M' : 'S');
		const cartsByUser = await Promise.all(shoppers.map((s, i) => cartOf(s, [{ productId, variantId: variants[sizeOf(i)]!, quantity: 1 }])));
		const results = await Promise.allSettled(shoppers.map((s, i) => checkout(s, cartsByUser[i]!)));
		const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
		expect(refused.map((r) => r.reason?.code).filter((code) => code !== 'CONFLICT'), 'every refusal is a 4xx conflict').toEqual([]);
		const sold = await shop.db
			.select({ variantId: orderItems.variantId, units: sql<number>`sum(${orderItems.quantity})::int` })
			.from(orderItems)
			.where(eq(orderItems.productId, productId))
			.groupBy(orderItems.variantId);
		expect(Object.fromEntries(sold.map((r) => [r.variantId, r.units]))).toEqual({ [variants.S!]: 20, [variants.M!]: 20 });
		expect(await inventoryOf(productId)).toBe(0);
		const left = await shop.db.select({ inventory: productVariants.inventory }).from(productVariants).where(eq(productVariants.productId, productId));
		expect(left.map((v) => v.inventory)).toEqual([0, 0]);
	}, 60_000);
});

describe('paying', () => {
	let alice: SessionUser;
	let product: string;
	beforeEach(async () => {
		[alice] = await makeUsers(1);
		product = await makeProduct(10, 500);
	});
	const placeOrder = async (quantity = 2) => checkout(alice!, await cartOf(alice!, [{ productId: product, quantity }]));
	const reference = async (orderId: string) => (await shop.db.select().from(orders).where(eq(orders.id, orderId)))[0]!.paymentReference!;
	const event = async (orderId: string, type: PaymentEvent['type'], id = `evt_${randomUUID()}`): Promise<PaymentEvent> => ({
		id,
		provider: 'test',
		type,
		reference: await reference(orderId),
		amountMinor: (await getOrder(shop.db, alice!.id, orderId)).totalMinor,
		currency: 'USD'
	});

	it('offers the test card form and pays with the success card, once', async () => {
		const order = await placeOrder();
		expect(await paymentSession(shop.db, testProvider, alice!.id, order.id)).toMatchObject({ provider: 'test', cards: { succeeds: '4242 4242 4242 4242' } });
		const paid = await payWithTestCard(shop.db, testProvider, alice!.id, { orderId: order.id, cardNumber: '4242424242424242' });
		expect(paid).toMatchObject({ status: 'paid', paymentError: null });
		expect(paid.paidAt).not.toBeNull();
		const events = await shop.db.select().from(outboxEvents).where(eq(outboxEvents.orderId, order.id));
		expect(events.map((e) => e.type).sort()).toEqual(['order_created', 'order_paid']);
		await expect(payWithTestCard(shop.db, testProvider, alice!.id, { orderId: order.id, cardNumber: '4242424242424242' })).rejects.toMatchObject({
			code: 'CONFLICT'
		});
		expect(await inventoryOf(product)).toBe(8);
	});

	it('keeps a declined order payable and says why', async () => {
		const order = await placeOrder();
		const declined = await payWithTestCard(shop.db, testProvider, alice!.id, { orderId: order.id, cardNumber: '4000 0000 0000 0002' });
		expect(declined).toMatchObject({ status: 'pending_payment' });
		expect(declined.paymentError).toMatch(/declined/);
		const paid = await payWithTestCard(shop.db, testProvider, alice!.id, { orderId: order.id, cardNumber: '4242 4242 4242 4242' });
		expect(paid).toMatchObject({ status: 'paid', paymentError: null });
	});

	it("will not pay or show another user's order", async () => {
		const order = await placeOrder();
		const [bob] = await makeUsers(1);
		await expect(payWithTestCard(shop.db, testProvider, bob!.id, { orderId: order.id, cardNumber: '4242424242424242' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect(getOrder(shop.db, bob!.id, order.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect(getOrder(shop.db, bob!.id, order.number)).rejects.toMatchObject({ code: 'NOT_FOUND' });
		expect((await getOrder(shop.db, alice!.id, order.number)).id).toBe(order.id);
		expect((await listOrders(shop.db, bob!.id, { ordering: '-placedAt', limit: 20 })).items).toEqual([]);
	});

	it('applies one event once, however often it is delivered, and never moves backwards', async () => {
		const order = await placeOrder();
		await paymentSession(shop.db, testProvider, alice!.id, order.id);
		const succeeded = await event(order.id, 'succeeded');
		const outcomes = await Promise.all([1, 2, 3].map(() => applyPaymentEvent(shop.db, succeeded)));
		expect(outcomes.map((o) => o.outcome).sort()).toEqual(['duplicate', 'duplicate', 'paid']);
		expect((await applyPaymentEvent(shop.db, await event(order.id, 'failed'))).outcome).toBe('ignored_paid');
		expect((await applyPaymentEvent(shop.db, await event(order.id, 'canceled'))).outcome).toBe('ignored_paid');
		const after = await getOrder(shop.db, alice!.id, order.id);
		expect(after).toMatchObject({ status: 'paid', paymentError: null });
		expect(await shop.db.select().from(outboxEvents).where(and(eq(outboxEvents.orderId, order.id), eq(outboxEvents.type, 'order_paid')))).toHaveLength(1);
		expect(await inventoryOf(product)).toBe(8);
	});

	it('refuses a payment whose amount does not match the order', async () => {
		const order = await placeOrder();
		await paymentSession(shop.db, testProvider, alice!.id, order.id);
		const short = { ...(await event(order.id, 'succeeded')), amountMinor: 1 };
		expect((await applyPaymentEvent(shop.db, short)).outcome).toBe('amount_mismatch');
		expect((await getOrder(shop.db, alice!.id, order.id)).status).toBe('pending_payment');
	});

	it('cancels the order and returns its stock when the payment is cancelled', async () => {
		const order = await placeOrder(3);
		await paymentSession(shop.db, testProvider, alice!.id, order.id);
		expect(await inventoryOf(product)).toBe(7);
		expect((await applyPaymentEvent(shop.db, await event(order.id, 'canceled'))).outcome).toBe('cancelled');
		expect(await inventoryOf(product)).toBe(10);
		expect((await applyPaymentEvent(shop.db, await event(order.id, 'succeeded'))).outcome).toBe('ignored_cancelled');
		expect(await inventoryOf(product)).toBe(10);
	});

	it('records an event for an unknown payment without touching any order', async () => {
		const unknown = { id: `evt_${randomUUID()}`, provider: 'test' as const, type: 'succeeded' as const, reference: 'pi_nobody', amountMinor: 1, currency: 'USD' };
		expect(await applyPaymentEvent(shop.db, unknown)).toEqual({ outcome: 'unknown_payment', orderId: null });
		expect(await shop.db.select().from(paymentEvents).where(eq(paymentEvents.id, unknown.id))).toMatchObject([{ outcome: 'unknown_payment' }]);
	});
});

describe('expiry', () => {
	it('cancels expired unpaid orders and returns their stock exactly once, with two reapers at once', async () => {
		const shoppers = await makeUsers(6);
		const product = await makeProduct(30);
		const placed = [];
		for (const s of shoppers) placed.push(await checkout(s, await cartOf(s, [{ productId: product, quantity: 5 }])));
		expect(await inventoryOf(product)).toBe(0);
		// Four of them ran out of time; one is paid; one still has time.
		await payWithTestCard(shop.db, testProvider, shoppers[4]!.id, { orderId: placed[4]!.id, cardNumber: '4242424242424242' });
		const expired = placed.slice(0, 5).map((o) => o.id);
		await shop.db.update(orders).set({ expiresAt: new Date(Date.now() - 1000) }).where(inArray(orders.id, expired));

		const [one, two] = await Promise.all([reapExpiredOrders(shop.db, testProvider, 2), reapExpiredOrders(shop.db, testProvider, 2)]);
		expect(one + two).toBe(4);
		expect(await reapExpiredOrders(shop.db, testProvider)).toBe(0);
		expect(await inventoryOf(product)).toBe(20);
		const statuses = await shop.db.select({ id: orders.id, status: orders.status }).from(orders).where(inArray(orders.id, placed.map((o) => o.id)));
		expect(statuses.filter((s) => s.status === 'cancelled')).toHaveLength(4);
		const cancelEvents = await shop.db.select().from(outboxEvents).where(and(inArray(outboxEvents.orderId, expired), eq(outboxEvents.type, 'order_cancelled')));
		expect(cancelEvents).toHaveLength(4);
		expect(cancelEvents.every((e) => e.payload.reason === 'expired')).toBe(true);
		expect(30).toBe((await inventoryOf(product)) + (await unitsOrdered(product)));
		// The shoppers who ran out of time find the lines in their carts again; the others do not.
		const carts = await Promise.all(shoppers.map((s) => userCartLines(shop.db, s.id)));
		expect(carts).toEqual([...Array(4).fill([{ productId: product, variantId: product, quantity: 5 }]), [], []]);
	});

	it('leaves an order whose payment is already going through for its webhook', async () => {
		const [shopper] = await makeUsers(1);
		const product = await makeProduct(5);
		const order = await checkout(shopper!, await cartOf(shopper!, [{ productId: product, quantity: 1 }]));
		await paymentSession(shop.db, testProvider, shopper!.id, order.id);
		await shop.db.update(orders).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(orders.id, order.id));
		const tooLate = { ...testProvider, cancel: async () => 'too_late' as const };
		expect(await reapExpiredOrders(shop.db, tooLate)).toBe(0);
		const [row] = await shop.db.select().from(orders).where(eq(orders.id, order.id));
		expect(row).toMatchObject({ status: 'pending_payment' });
		expect(row!.expiresAt!.getTime()).toBeGreaterThan(Date.now());
		expect(await inventoryOf(product)).toBe(4);
	});
});

describe('a shopper giving up an unpaid order', () => {
	it('ends the hold at once: stock back, nothing charged, once; never someone else’s order or a paid one', async () => {
		const [shopper, other] = await makeUsers(2);
		const product = await makeProduct(5);
		const order = await checkout(shopper!, await cartOf(shopper!, [{ productId: product, quantity: 2 }]));
		await paymentSession(shop.db, testProvider, shopper!.id, order.id);
		expect(await inventoryOf(product)).toBe(3);

		await expect(cancelOwnOrder(shop.db, other!.id, testProvider, order.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
		const tooLate = { cancel: async () => 'too_late' as const };
		await expect(cancelOwnOrder(shop.db, shopper!.id, tooLate, order.id)).rejects.toMatchObject({ code: 'CONFLICT', message: /payment for this order is going through/ });
		expect(await inventoryOf(product)).toBe(3);

		const cancels = await Promise.allSettled([cancelOwnOrder(shop.db, shopper!.id, testProvider, order.id), cancelOwnOrder(shop.db, shopper!.id, testProvider, order.id)]);
		expect(cancels.map((c) => c.status).sort()).toEqual(['fulfilled', 'rejected']);
		expect(cancels.find((c) => c.status === 'fulfilled')).toMatchObject({ value: { status: 'cancelled' } });
		expect(cancels.find((c) => c.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT', message: 'This order is cancelled, so it can no longer be cancelled here.' } });
		expect(await inventoryOf(product)).toBe(5);
		const history = await shop.db.select().from(orderHistory).where(and(eq(orderHistory.orderId, order.id), eq(orderHistory.toStatus, 'cancelled')));
		expect(history).toEqual([expect.objectContaining({ fromStatus: 'pending_payment', toStatus: 'cancelled', reason: 'cancelled by the shopper' })]);

		const paid = await checkout(shopper!, await cartOf(shopper!, [{ productId: product, quantity: 1 }]));
		await payWithTestCard(shop.db, testProvider, shopper!.id, { orderId: paid.id, cardNumber: '4242424242424242' });
		await expect(cancelOwnOrder(shop.db, shopper!.id, testProvider, paid.id)).rejects.toMatchObject({ code: 'CONFLICT', message: 'This order is paid, so it can no longer be cancelled here.' });
		expect(await inventoryOf(product)).toBe(4);
	});
});

describe('orders', () => {
	it('lists own orders newest first by default, in the chosen ordering, a page at a time', async () => {
		const [carol] = await makeUsers(1);
		const product = await makeProduct(20, 100);
		const placed = [];
		for (const quantity of [3, 1, 2]) placed.push(await checkout(carol!, await cartOf(carol!, [{ productId: product, quantity }])));
		const newest = await listOrders(shop.db, carol!.id, { ordering: '-placedAt', limit: 2 });
		expect(newest.items.map((o) => o.id)).toEqual([placed[2]!.id, placed[1]!.id]);
		const rest = await listOrders(shop.db, carol!.id, { ordering: '-placedAt', limit: 2, cursor: newest.nextCursor! });
		expect(rest.items.map((o) => o.id)).toEqual([placed[0]!.id]);
		expect(rest.nextCursor).toBeNull();
		const byTotal = await listOrders(shop.db, carol!.id, { ordering: 'total', limit: 10 });
		expect(byTotal.items.map((o) => o.subtotalMinor)).toEqual([100, 200, 300]);
		const pending = await listOrders(shop.db, carol!.id, { ordering: '-placedAt', limit: 10, status: 'paid' });
		expect(pending.items).toEqual([]);
		await expect(listOrders(shop.db, carol!.id, { ordering: 'total', limit: 2, cursor: newest.nextCursor! })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
	});

	it('lets an admin move orders along the allowed transitions only', async () => {
		const [dave] = await makeUsers(1);
		const actor = await shop.fixtures.makeAdmin('203.0.113.9');
		const product = await makeProduct(10);
		const order = await checkout(dave!, await cartOf(dave!, [{ productId: product, quantity: 4 }]));
		await expect(adminMoveOrder(shop.db, testProvider, actor, { orderId: order.id, to: 'fulfilled' })).rejects.toMatchObject({ code: 'CONFLICT' });
		await expect(adminMoveOrder(shop.db, testProvider, actor, { orderId: order.id, to: 'refunded' })).rejects.toMatchObject({ code: 'CONFLICT' });
		await payWithTestCard(shop.db, testProvider, dave!.id, { orderId: order.id, cardNumber: '4242424242424242' });
		const shipped = await adminMoveOrder(shop.db, testProvider, actor, { orderId: order.id, to: 'fulfilled' });
		expect(shipped.status).toBe('fulfilled');
		await expect(adminMoveOrder(shop.db, testProvider, actor, { orderId: order.id, to: 'cancelled' })).rejects.toMatchObject({ code: 'CONFLICT' });
		const refunded = await adminMoveOrder(shop.db, testProvider, actor, { orderId: order.id, to: 'refunded', reason: 'arrived broken' });
		expect(refunded.history.map((h) => h.toStatus)).toEqual(['pending_payment', 'paid', 'fulfilled', 'refunded']);
		expect(refunded.history.at(-1)!.reason).toBe('arrived broken');
		// Shipped goods do not come back to the shelf with a refund.
		expect(await inventoryOf(product)).toBe(6);

		const other = await checkout(dave!, await cartOf(dave!, [{ productId: product, quantity: 2 }]));
		await adminMoveOrder(shop.db, testProvider, actor, { orderId: other.id, to: 'cancelled' });
		expect(await inventoryOf(product)).toBe(6);
		// A refused move leaves no trace; each move leaves exactly one audit row.
		await expect(adminMoveOrder(shop.db, testProvider, actor, { orderId: other.id, to: 'cancelled' })).rejects.toMatchObject({ code: 'CONFLICT' });
		expect(await inventoryOf(product)).toBe(6);
		const trail = await listAudit(shop.db, { entityType: 'order', entityId: order.id, limit: 10 });
		expect(trail.items.map((e) => e.action)).toEqual(['order.refunded', 'order.fulfilled']);
		expect(trail.items[0]).toMatchObject({ actorEmail: actor.email, ip: '203.0.113.9', changes: { status: { before: 'fulfilled', after: 'refunded' } } });
		expect((await listAudit(shop.db, { entityType: 'order', entityId: other.id, limit: 10 })).items.map((e) => e.action)).toEqual(['order.cancelled']);
	});
});

describe('admin dashboard', () => {
	it("counts today's and this week's orders, paid revenue and orders waiting to ship", async () => {
		const [gail] = await makeUsers(1);
		const product = await makeProduct(4, 1000);
		const before = await dashboard(shop.db);
		const order = await checkout(gail, await cartOf(gail, [{ productId: product, quantity: 4 }]));
		const placed = await dashboard(shop.db);
		expect(placed.today.orders).toBe(before.today.orders + 1);
		expect(placed.today.revenueMinor).toBe(before.today.revenueMinor);
		const stock = placed.restock.map((p) => p.inventory);
		expect(stock).toEqual([...stock].sort((a, b) => a - b));
		expect(stock.length).toBeLessThanOrEqual(10);
		await payWithTestCard(shop.db, testProvider, gail.id, { orderId: order.id, cardNumber: '4242424242424242' });
		const paid = await dashboard(shop.db);
		expect(paid.today.revenueMinor).toBe(before.today.revenueMinor + order.totalMinor);
		expect(paid.week.revenueMinor).toBe(before.week.revenueMinor + order.totalMinor);
		expect(paid.toFulfil).toBe(before.toFulfil + 1);
	});
});

describe('over HTTP', () => {
	async function call(user: SessionUser | null, path: string, input: unknown) {
		const request = new Request(`http://store.test/api/trpc/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(input)
		});
		const response = await handleTrpcRequest(request, { db: shop.db, user, session: null, payments: testProvider, ip: null });
		return { status: response.status, body: await response.json() };
	}

	it('refuses a visitor (401) and a total sent by the client (400), writing nothing', async () => {
		const [erin] = await makeUsers(1);
		const product = await makeProduct(5);
		const cartId = await cartOf(erin!, [{ productId: product, quantity: 1 }]);
		expect((await call(null, 'checkout.start', { cartId, idempotencyKey: key(), shippingMethodId: shop.methods.standard, address: TEST_ADDRESS })).status).toBe(401);
		const valid = { cartId, idempotencyKey: key(), shippingMethodId: shop.methods.standard, address: TEST_ADDRESS };
		const withTotal = await call(erin!, 'checkout.start', { ...valid, totalMinor: 1 });
		expect(withTotal.status).toBe(400);
		expect(withTotal.body.error.data.zodIssues).not.toBeNull();
		expect(await inventoryOf(product)).toBe(5);
	});

	it('answers 409 with the short lines for a cart it cannot fill', async () => {
		const [fay] = await makeUsers(1);
		const product = await makeProduct(1);
		const cartId = await cartOf(fay!, [{ productId: product, quantity: 2 }]);
		const { status, body } = await call(fay!, 'checkout.start', { cartId, idempotencyKey: key(), shippingMethodId: shop.methods.standard, address: TEST_ADDRESS });
		expect(status).toBe(409);
		expect(body.error.data.details.shortLines).toEqual([expect.objectContaining({ productId: product, requested: 2, available: 1 })]);
	});
});
