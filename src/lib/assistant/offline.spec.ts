import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStoreDb, type StoreDb } from '$lib/device/db';
import { writeMeta } from '$lib/device/meta';
import type { OrderView } from '$lib/shared/orders';
import type { SyncProduct } from '$lib/shared/sync';
import { mutate } from '$lib/device/outbox';
import { answerOnDevice, type DeviceAnswerer } from './offline';

const now = new Date('2026-11-25T10:00:00Z');

function product(id: string, title: string, inventory: number, priceMinor = 2600): SyncProduct {
	return {
		id,
		version: 1,
		slug: title.toLowerCase().replace(/\W+/g, '-'),
		title,
		description: '',
		priceMinor,
		currency: 'USD',
		inventory,
		collectionId: 'c',
		images: [],
		rating: null,
		reviewCount: 0,
		createdAt: now.toISOString(),
		priceMaxMinor: priceMinor,
		options: [],
		variants: [{ id, sku: id, options: {}, priceMinor, inventory }]
	};
}

const cups = product('00000000-0000-4000-8000-000000000001', 'Double-walled Espresso Cups', 12);
const mug = product('00000000-0000-4000-8000-000000000002', 'Hand-thrown Stoneware Mug', 3, 3400);
const camp = product('00000000-0000-4000-8000-000000000003', 'Camp Enamel Mug', 0, 1800);
const apronId = '00000000-0000-4000-8000-000000000004';
const apronSize = (n: number) => `00000000-0000-4000-8000-00000000004${n}`;
const apron: SyncProduct = {
	...product(apronId, 'Garden Apron', 15, 5200),
	priceMaxMinor: 5800,
	options: [{ name: 'Size', values: ['Small', 'Medium', 'Large'] }],
	variants: [
		{ id: apronSize(1), sku: 'APRON-S', options: { Size: 'Small' }, priceMinor: 5200, inventory: 6 },
		{ id: apronSize(2), sku: 'APRON-M', options: { Size: 'Medium' }, priceMinor: 5200, inventory: 0 },
		{ id: apronSize(3), sku: 'APRON-L', options: { Size: 'Large' }, priceMinor: 5800, inventory: 9 }
	]
};

const order = (number: number, status: OrderView['status'], placedAt: string): OrderView => ({
	id: `00000000-0000-4000-8000-00000000010${number}`,
	number,
	status,
	currency: 'USD',
	subtotalMinor: 2600,
	shippingMinor: 495,
	totalMinor: 3095,
	placedAt,
	expiresAt: null,
	paidAt: null,
	updatedAt: placedAt,
	paymentError: null,
	shippingAddress: null,
	shippingMethod: 'Standard',
	items: [{ productId: cups.id, variantId: cups.id, title: cups.title, sku: cups.id, options: {}, unitPriceMinor: 2600, quantity: 1 }]
});

let db: StoreDb;
let device: DeviceAnswerer;

beforeEach(async () => {
	db = openStoreDb(`assistant-${crypto.randomUUID()}`);
	await db.products.bulkPut([cups, mug, camp, apron]);
	await db.orders.bulkPut([order(7, 'paid', '2026-11-20T09:00:00Z'), order(9, 'pending_payment', '2026-11-24T09:00:00Z')]);
	await writeMeta(db, 'syncedAt', new Date(now.getTime() - 10 * 60_000).toISOString());
	await writeMeta(db, 'catalogCursor', '1');
	await writeMeta(db, 'nextMutationId', 1);
	device = {
		db,
		signedIn: true,
		act: async (name, args) => {
			await mutate(db, name, args as never, { signedIn: true, clientId: 'test' });
			return true;
		}
	};
});
afterEach(() => db.delete());

describe('the device answering with no network', () => {
	it('tells stock with its age, forgiving typos', async () => {
		const answer = await answerOnDevice(device, 'do you have expresso cups?', now);
		expect(answer.text).toMatch(/^Double-walled Espresso Cups: 12 in stock as of 10 min ago, \$26\.00 each/);
		expect(answer.offline).toBe(true);
		expect(answer.products?.[0]).toMatchObject({ id: cups.id, stockAsOf: '2026-11-25T09:50:00.000Z' });
	});

	it('offers choices for an unclear name and adds nothing', async () => {
		const answer = await answerOnDevice(device, 'add 2 mugs', now);
		expect(answer.choices?.map((c) => c.label).sort()).toEqual(['Camp Enamel Mug', 'Hand-thrown Stoneware Mug']);
		expect(await db.cart.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
	});

	it('adds to the cart through the outbox and then tells the cart', async () => {
		expect((await answerOnDevice(device, 'add two espresso cups', now)).text).toMatch(/^Added 2 × Double-walled Espresso Cups/);
		expect(await db.cart.toArray()).toEqual([{ productId: cups.id, variantId: cups.id, quantity: 2 }]);
		expect((await db.outbox.toArray()).map((m) => [m.name, m.args])).toEqual([['cart.add', { productId: cups.id, variantId: cups.id, quantity: 2 }]]);
		const cart = await answerOnDevice(device, "what's in my cart", now);
		expect(cart.text).toMatch(/^Your cart holds 2 items, \$52\.00 before shipping/);
	});

	it('tells the stock of the size named, asks which when none is, and adds the size named', async () => {
		expect((await answerOnDevice(device, 'is the apron in medium in stock', now)).text).toMatch(/^Garden Apron \(Medium\): sold out as of 10 min ago, \$52\.00 each/);
		const which = await answerOnDevice(device, 'add 2 aprons', now);
		expect(which.text).toMatch(/^Garden Apron comes in Small \(6 in stock, \$52\.00\), Medium \(sold out, \$52\.00\), Large \(9 in stock, \$58\.00\)\. Which one do you mean\?/);
		expect(which.offline).toBe(true);
		expect(await db.cart.count()).toBe(0);
		expect((await answerOnDevice(device, which.choices![2]!.message, now)).text).toMatch(/^Added 2 × Garden Apron \(Large\) to your cart/);
		expect(await db.cart.toArray()).toEqual([{ productId: apronId, variantId: apronSize(3), quantity: 2 }]);
		expect((await answerOnDevice(device, "what's in my cart", now)).text).toMatch(/^Your cart holds 2 items, \$116\.00 before shipping/);
	});

	it('answers about the orders the device holds, and says ordering needs the network', async () => {
		expect((await answerOnDevice(device, 'where is my last order', now)).text).toMatch(/#9, was awaiting payment/);
		expect((await answerOnDevice(device, 'paid orders', now)).orders?.map((o) => o.number)).toEqual([7]);
		expect((await answerOnDevice(device, 'where is order 8', now)).text).toMatch(/doesn't hold order #8/);
		await answerOnDevice(device, 'add 1 espresso cup', now);
		const place = await answerOnDevice(device, 'place my order', now);
		expect(place.text).toMatch(/needs the network/);
		expect(place.proposal).toBeUndefined();
		expect(await db.cart.count()).toBe(1);
	});

	it('asks a visitor to sign in for the cart, favorites and orders', async () => {
		const visitor = { ...device, signedIn: false };
		for (const message of ['my cart', 'my orders', 'add 2 espresso cups', 'my favorites']) {
			expect((await answerOnDevice(visitor, message, now)).needsLogin, message).toBe(true);
		}
		expect((await answerOnDevice(visitor, 'price of the espresso cups', now)).text).toMatch(/\$26\.00/);
	});
});
