import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { pullInput, pushInput, type PushInput } from '../../src/lib/shared/sync';
import type { SessionUser } from '../auth/session';
import { orderItems, orderRequests, orders, products, productVariants } from '../db/schema';
import { TEST_ADDRESS } from '../testing/shop-fixtures';
import { createAddress } from './delivery';
import { pull, push } from './sync';
import { useSeededShop } from '../testing/seeded-shop';

const shop = useSeededShop();

/** A shopper's device: a client group of their own with a cart of `quantity` units of a fresh product. */
async function device(quantity = 2, stock = 10) {
	const [user] = await shop.fixtures.makeUsers(1);
	const productId = await shop.fixtures.makeProduct(stock, 1250);
	const clientGroupId = randomUUID();
	let next = 1;
	const send = (mutations: { name: string; args: object }[], clientId = randomUUID(), firstId?: number) => {
		const input: PushInput = { clientGroupId, clientId, mutations: mutations.map((m, i) => ({ id: (firstId ?? next) + i, ...m })) };
		if (firstId === undefined) next += mutations.length;
		return push(shop.db, user, pushInput.parse(input));
	};
	await send([{ name: 'cart.add', args: { productId, quantity } }]);
	const state = await pull(shop.db, user, pullInput.parse({ cursor: '999999999', clientGroupId }));
	const request = {
		cartId: state.cart!.id,
		lines: [{ productId, quantity }],
		address: TEST_ADDRESS,
		shippingMethodId: shop.methods.standard,
		// 2 × 12.50 + 4.95 standard shipping
		expectedTotal: quantity * 1250 + 495
	};
	const ordersOf = () => shop.db.select().from(orders).where(eq(orders.userId, user.id));
	return { user, productId, clientGroupId, send, request, ordersOf, pull: () => pull(shop.db, user, pullInput.parse({ cursor: '999999999', clientGroupId })) };
}

describe('order.request', () => {
	it('places the order once, however often and from however many tabs it is pushed', async () => {
		const shopper = await device();
		const first = await shopper.send([{ name: 'order.request', args: shopper.request }]);
		const result = first.results[0]!;
		expect(result).toMatchObject({ id: 2, ok: true, details: { orderNumber: expect.any(Number), totalMinor: 2995 } });
		// The same mutation again, twice in sequence and twice at once from two tabs of the group.
		const replay = () => shopper.send([{ name: 'order.request', args: shopper.request }], randomUUID(), 2);
		await replay();
		await replay();
		await Promise.all([replay(), replay()]);
		const placed = await shopper.ordersOf();
		expect(placed).toHaveLength(1);
		expect(placed[0]).toMatchObject({ id: result.details!.orderId, status: 'pending_payment', totalMinor: 2995 });
		expect(placed[0]!.expiresAt!.getTime()).toBeGreaterThan(Date.now());
		expect(await shop.fixtures.inventoryOf(shopper.productId)).toBe(8);
		// A device that lost the answer learns it at its next pull; the cart is empty now.
		const state = await shopper.pull();
		expect(state.orderRequests).toEqual([expect.objectContaining({ mutationId: 2, outcome: 'placed', orderId: placed[0]!.id })]);
		expect(state.cart!.lines).toEqual([]);
	});

	it('places nothing when the total rose above what the shopper saw, and says so', async () => {
		const shopper = await device();
		await shop.db.update(products).set({ priceMinor: 1300 }).where(eq(products.id, shopper.productId));
		const { results, lastMutationId } = await shopper.send([{ name: 'order.request', args: shopper.request }]);
		expect(lastMutationId).toBe(2);
		expect(results[0]).toMatchObject({ ok: false, code: 'NEEDS_CONFIRMATION', details: { totalMinor: 3095, expectedTotal: 2995 } });
		expect(results[0]!.message).toMatch(/\$30\.95.*\$29\.95/);
		expect(await shopper.ordersOf()).toEqual([]);
		expect(await shop.fixtures.inventoryOf(shopper.productId)).toBe(10);
		expect((await shopper.pull()).cart!.lines).toEqual([{ productId: shopper.productId, variantId: shopper.productId, quantity: 2 }]);
		// Confirming the new total is a new request, which goes through.
		const again = await shopper.send([{ name: 'order.request', args: { ...shopper.request, expectedTotal: 3095 } }]);
		expect(again.results[0]).toMatchObject({ ok: true });
		// A lower total than expected is no reason to stop.
	});

	it('places nothing when a line cannot be filled, and reports every short line', async () => {
		const shopper = await device(3, 5);
		const other = await shop.fixtures.makeProduct(5, 1000);
		await shopper.send([{ name: 'cart.add', args: { productId: other, quantity: 2 } }]);
		const request = { ...shopper.request, lines: [...shopper.request.lines, { productId: other, quantity: 2 }], expectedTotal: 100_000 };
		await shop.db.update(productVariants).set({ inventory: 1 }).where(eq(productVariants.id, shopper.productId));
		await shop.db.update(productVariants).set({ inventory: 0 }).where(eq(productVariants.id, other));
		const { results } = await shopper.send([{ name: 'order.request', args: request }]);
		expect(results[0]).toMatchObject({ ok: false, code: 'UNAVAILABLE' });
		const short = (results[0]!.details as { shortLines: { productId: string; requested: number; available: number }[] }).shortLines;
		expect(short.map(({ productId, requested, available }) => ({ productId, requested, available })).sort((a, b) => a.available - b.available)).toEqual([
			{ productId: other, requested: 2, available: 0 },
			{ productId: shopper.productId, requested: 3, available: 1 }
		]);
		expect(await shopper.ordersOf()).toEqual([]);
		expect(await shop.fixtures.inventoryOf(shopper.productId)).toBe(1);
		const [row] = await shop.db.select().from(orderRequests).where(eq(orderRequests.clientGroupId, shopper.clientGroupId));
		expect(row).toMatchObject({ outcome: 'UNAVAILABLE', orderId: null });
	});

	it("refuses someone else's cart or address, lines that are not the cart's, and a visitor, placing nothing", async () => {
		const shopper = await device();
		const stranger = await device();
		const [strangerAddress] = [await createAddress(shop.db, stranger.user.id, { address: TEST_ADDRESS, isDefault: true })];
		const attempts: [object, string][] = [
			[{ ...shopper.request, cartId: stranger.request.cartId }, 'FORBIDDEN'],
			[{ ...shopper.request, address: undefined, addressId: strangerAddress.id }, 'FORBIDDEN'],
			[{ ...shopper.request, lines: [{ productId: shopper.productId, quantity: 1 }] }, 'CONFLICT'],
			[{ ...shopper.request, lines: [{ productId: randomUUID(), quantity: 1 }] }, 'UNAVAILABLE'],
			[{ ...shopper.request, shippingMethodId: randomUUID() }, 'INVALID'],
			[{ ...shopper.request, address: { ...TEST_ADDRESS, country: 'Narnia' } }, 'INVALID']
		];
		for (const [args, code] of attempts) {
			const { results } = await shopper.send([{ name: 'order.request', args }]);
			expect(results[0], JSON.stringify(args)).toMatchObject({ ok: false, code });
		}
		expect(await shopper.ordersOf()).toEqual([]);
		expect(await stranger.ordersOf()).toEqual([]);

		const visitorGroup = randomUUID();
		const visitor = await push(shop.db, null, pushInput.parse({ clientGroupId: visitorGroup, clientId: randomUUID(), mutations: [{ id: 1, name: 'order.request', args: shopper.request }] }));
		expect(visitor.results[0]).toMatchObject({ ok: false, code: 'FORBIDDEN' });
	});

	it('skips a request the shopper took back before it was sent', async () => {
		const shopper = await device();
		const { results } = await shopper.send([{ name: 'noop', args: {} }]);
		expect(results[0]).toMatchObject({ ok: true });
		expect(await shopper.ordersOf()).toEqual([]);
	});

	it('orders the sizes the lines name, each line with its SKU and values, and names a short size', async () => {
		const shopper = await device(1);
		const { productId, variants } = await shop.fixtures.makeProductInSizes({ S: 5, M: 1 });
		await shopper.send([
			{ name: 'cart.add', args: { productId, variantId: variants.S, quantity: 2 } },
			{ name: 'cart.add', args: { productId, variantId: variants.M, quantity: 1 } }
		]);
		const lines = [
			{ productId: shopper.productId, quantity: 1 },
			{ productId, variantId: variants.S!, quantity: 2 },
			{ productId, variantId: variants.M!, quantity: 1 }
		];
		// Someone else takes the last M first: the request names it, and nothing is ordered.
		await shop.db.update(productVariants).set({ inventory: 0 }).where(eq(productVariants.id, variants.M!));
		const short = await shopper.send([{ name: 'order.request', args: { ...shopper.request, lines, expectedTotal: 4 * 1250 + 495 } }]);
		expect(short.results[0]).toMatchObject({ ok: false, code: 'UNAVAILABLE', details: { shortLines: [{ variantId: variants.M, requested: 1, available: 0 }] } });
		expect(await shopper.ordersOf()).toEqual([]);
		await shop.db.update(productVariants).set({ inventory: 1 }).where(eq(productVariants.id, variants.M!));
		const placed = await shopper.send([{ name: 'order.request', args: { ...shopper.request, lines, expectedTotal: 4 * 1250 + 495 } }]);
		expect(placed.results[0]).toMatchObject({ ok: true });
		const [order] = await shopper.ordersOf();
		const items = await shop.db.select().from(orderItems).where(eq(orderItems.orderId, order!.id));
		expect(items.filter((i) => i.productId === productId).map(({ variantId, sku, options, quantity }) => ({ variantId, sku, options, quantity })).sort((a, b) => a.quantity - b.quantity)).toEqual([
			{ variantId: variants.M, sku: `${productId}-M`, options: { Size: 'M' }, quantity: 1 },
			{ variantId: variants.S, sku: expect.any(String), options: { Size: 'S' }, quantity: 2 }
		]);
	});
});
