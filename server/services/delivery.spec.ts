import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addressFields, addressLine, MAX_ADDRESSES, type AddressFields } from '../../src/lib/shared/addresses';
import { checkoutStartInput } from '../../src/lib/shared/orders';
import type { SessionUser } from '../auth/session';
import { shippingMethods } from '../db/schema';
import { seedCatalog } from '../db/seed';
import { TEST_ADDRESS } from '../testing/shop-fixtures';
import { startCheckout } from './checkout';
import { createAddress, deleteAddress, getAddress, listAddresses, listShippingMethods, updateAddress } from './delivery';
import { getOrder } from './orders';
import { testProvider } from './payments/test-provider';
import { useSeededShop } from '../testing/seeded-shop';

const shop = useSeededShop();

const key = () => `key-${randomUUID()}`;
const US: AddressFields = { ...TEST_ADDRESS, city: 'San Francisco', postalCode: '94107', region: 'CA', country: 'US' };
const JAPAN: AddressFields = { ...TEST_ADDRESS, city: 'Tokyo', postalCode: '100-0001', country: 'JP' };

async function checkoutFor(user: SessionUser, subtotalMinor: number, shipping: { shippingMethodId: string; address?: AddressFields; addressId?: string }) {
	const product = await shop.fixtures.makeProduct(5, subtotalMinor);
	const cartId = await shop.fixtures.cartOf(user, [{ productId: product, quantity: 1 }]);
	return { product, order: () => startCheckout(shop.db, user.id, { cartId, idempotencyKey: key(), saveAddress: false, ...shipping }, testProvider) };
}

describe('shipping at checkout', () => {
	it.each([
		['below the threshold', 7499, 495],
		['exactly at it', 7500, 0],
		['above it', 12000, 0]
	])('Standard costs what the server says %s; total = subtotal + shipping', async (_name, subtotal, shipping) => {
		const [user] = await shop.fixtures.makeUsers(1);
		const { order } = await checkoutFor(user, subtotal, { shippingMethodId: shop.methods.standard, address: US });
		expect(await order()).toMatchObject({ subtotalMinor: subtotal, shippingMinor: shipping, totalMinor: subtotal + shipping, shippingMethod: 'Standard' });
	});

	it('charges Express in full, whatever the subtotal', async () => {
		const [user] = await shop.fixtures.makeUsers(1);
		const { order } = await checkoutFor(user, 20000, { shippingMethodId: shop.methods.express, address: US });
		expect(await order()).toMatchObject({ shippingMinor: 1495, totalMinor: 21495, shippingMethod: 'Express' });
	});

	it('refuses a method that does not serve the country, an inactive one and an unknown one (400), taking no stock', async () => {
		const [user] = await shop.fixtures.makeUsers(1);
		const toJapan = await checkoutFor(user, 1000, { shippingMethodId: shop.methods.express, address: JAPAN });
		await expect(toJapan.order()).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/does not deliver/) });
		expect(await shop.fixtures.inventoryOf(toJapan.product)).toBe(5);

		const unknown = await checkoutFor(user, 1000, { shippingMethodId: randomUUID(), address: US });
		await expect(unknown.order()).rejects.toMatchObject({ code: 'BAD_REQUEST' });

		const [retired] = await shop.db
			.insert(shippingMethods)
			.values({ name: 'Retired', priceMinor: 100, countries: ['US'], active: false })
			.returning({ id: shippingMethods.id });
		const inactive = await checkoutFor(user, 1000, { shippingMethodId: retired!.id, address: US });
		await expect(inactive.order()).rejects.toMatchObject({ code: 'BAD_REQUEST' });
		expect(await shop.fixtures.inventoryOf(inactive.product)).toBe(5);
	});

	it('lists the active methods that serve a country', async () => {
		expect((await listShippingMethods(shop.db, 'US')).map((m) => m.name)).toEqual(['Standard', 'Express']);
		expect((await listShippingMethods(shop.db, 'JP')).map((m) => m.name)).toEqual(['Standard']);
		expect(await listShippingMethods(shop.db, 'AQ')).toEqual([]);
	});
});

describe('addresses', () => {
	it('copies the address onto the order: later edits of the book leave the order alone', async () => {
		const [user] = await shop.fixtures.makeUsers(1);
		const saved = await createAddress(shop.db, user.id, { address: US, isDefault: false });
		expect(saved.isDefault).toBe(true);
		const { order } = await checkoutFor(user, 1000, { shippingMethodId: shop.methods.standard, addressId: saved.id });
		const placed = await order();
		expect(placed.shippingAddress).toEqual(US);

		await updateAddress(shop.db, user.id, { id: saved.id, address: { ...US, line1: '1 New Street' } });
		await deleteAddress(shop.db, user.id, saved.id);
		expect((await getOrder(shop.db, user.id, placed.id)).shippingAddress).toEqual(US);
	});

	it("gives 404 for another user's address, at checkout and in the book", async () => {
		const [alice] = await shop.fixtures.makeUsers(1);
		const [bob] = await shop.fixtures.makeUsers(1);
		const bobs = await createAddress(shop.db, bob.id, { address: US, isDefault: true });
		const { product, order } = await checkoutFor(alice, 1000, { shippingMethodId: shop.methods.standard, addressId: bobs.id });
		await expect(order()).rejects.toMatchObject({ code: 'NOT_FOUND' });
		expect(await shop.fixtures.inventoryOf(product)).toBe(5);
		await expect(getAddress(shop.db, alice.id, bobs.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect(updateAddress(shop.db, alice.id, { id: bobs.id, address: JAPAN })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect(deleteAddress(shop.db, alice.id, bobs.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
		expect((await listAddresses(shop.db, bob.id))[0]).toMatchObject({ id: bobs.id, city: 'San Francisco' });
	});

	it('keeps one default, and saves a typed address for next time once', async () => {
		const [user] = await shop.fixtures.makeUsers(1);
		const first = await createAddress(shop.db, user.id, { address: US, isDefault: false });
		const second = await createAddress(shop.db, user.id, { address: JAPAN, isDefault: true });
		expect((await listAddresses(shop.db, user.id)).map((a) => [a.id, a.isDefault])).toEqual([
			[second.id, true],
			[first.id, false]
		]);
		await updateAddress(shop.db, user.id, { id: first.id, address: US, isDefault: true });
		expect((await listAddresses(shop.db, user.id)).filter((a) => a.isDefault).map((a) => a.id)).toEqual([first.id]);

		const typed = { ...US, line1: '500 Market Street' };
		for (let i = 0; i < 2; i++) {
			const product = await shop.fixtures.makeProduct(5, 1000);
			const cartId = await shop.fixtures.cartOf(user, [{ productId: product, quantity: 1 }]);
			await startCheckout(shop.db, user.id, { cartId, idempotencyKey: key(), shippingMethodId: shop.methods.standard, address: typed, saveAddress: true }, testProvider);
		}
		expect((await listAddresses(shop.db, user.id)).filter((a) => a.line1 === '500 Market Street')).toHaveLength(1);
	});

	it(`holds at most ${MAX_ADDRESSES} addresses, even against a burst; a full book still lets checkout place the order`, async () => {
		const [user] = await shop.fixtures.makeUsers(1);
		const results = await Promise.allSettled(
			Array.from({ length: MAX_ADDRESSES + 10 }, (_, i) => createAddress(shop.db, user.id, { address: { ...US, line1: `${i} Burst Street` }, isDefault: false }))
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(MAX_ADDRESSES);
		const refused = results.filter((r) => r.status === 'rejected');
		expect(refused).toHaveLength(10);
		expect(refused[0]).toMatchObject({ reason: { code: 'CONFLICT', message: expect.stringMatching(/^An address book holds up to 50 addresses\./) } });
		expect(await listAddresses(shop.db, user.id)).toHaveLength(MAX_ADDRESSES);

		const product = await shop.fixtures.makeProduct(5, 1000);
		const cartId = await shop.fixtures.cartOf(user, [{ productId: product, quantity: 1 }]);
		const typed = { ...US, line1: '1 Full Book Lane' };
		const order = await startCheckout(shop.db, user.id, { cartId, idempotencyKey: key(), shippingMethodId: shop.methods.standard, address: typed, saveAddress: true }, testProvider);
		expect(order.status).toBe('pending_payment');
		expect(await listAddresses(shop.db, user.id)).toHaveLength(MAX_ADDRESSES);
	});
});

describe('address rules', () => {
	const parse = (fields: Record<string, unknown>) => addressFields.safeParse({ ...TEST_ADDRESS, ...fields });
	const errorsOf = (fields: Record<string, unknown>) => {
		const result = parse(fields);
		return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
	};

	it('knows the postal code shapes of common countries and takes free text elsewhere', () => {
		expect(parse({ country: 'US', postalCode: '94107-1234' }).success).toBe(true);
		expect(errorsOf({ country: 'US', postalCode: 'SW1A 1AA' })).toEqual({ postalCode: 'Enter a postal code like 94107 or 94107-1234.' });
		expect(parse({ country: 'GB', postalCode: 'sw1a 1aa' }).success).toBe(true);
		expect(errorsOf({ country: 'DE', postalCode: '1011' })).toHaveProperty('postalCode');
		expect(parse({ country: 'KE', postalCode: 'anything 12' }).success).toBe(true);
		expect(parse({ country: 'HK', postalCode: '' }).success).toBe(true);
	});

	it('writes the town the way its country does', () => {
		expect(addressLine({ ...TEST_ADDRESS, country: 'US', city: 'San Francisco', region: 'CA', postalCode: '94107' })).toBe(
			'Ada Lovelace, 12 Marylebone Road, San Francisco, CA 94107, United States'
		);
		expect(addressLine({ ...TEST_ADDRESS, country: 'DE', city: 'Berlin', postalCode: '10115' })).toBe('Ada Lovelace, 12 Marylebone Road, 10115 Berlin, Germany');
	});

	it('puts each missing or malformed field under its name', () => {
		expect(errorsOf({ name: ' ', line1: '', city: '', country: 'XX', phone: 'call me' })).toEqual({
			name: 'Enter the name.',
			line1: 'Enter the street address.',
			city: 'Enter the city.',
			country: 'Choose a country.',
			phone: 'A phone number has digits, spaces and + ( ) . - only.'
		});
		expect(parse({ country: 'gb' }).data?.country).toBe('GB');
	});

	it('refuses a checkout with both an address and a saved one, or with neither', () => {
		const base = { cartId: randomUUID(), idempotencyKey: key(), shippingMethodId: randomUUID() };
		expect(checkoutStartInput.safeParse({ ...base, address: TEST_ADDRESS }).success).toBe(true);
		expect(checkoutStartInput.safeParse({ ...base, addressId: randomUUID() }).success).toBe(true);
		expect(checkoutStartInput.safeParse(base).success).toBe(false);
		expect(checkoutStartInput.safeParse({ ...base, address: TEST_ADDRESS, addressId: randomUUID() }).success).toBe(false);
	});
});

describe('shipping methods rows', () => {
	it('seeds Standard and Express once', async () => {
		await seedCatalog(shop.db);
		const names = (await shop.db.select({ name: shippingMethods.name }).from(shippingMethods).where(eq(shippingMethods.active, true))).map((m) => m.name);
		expect(names.sort()).toEqual(['Express', 'Standard']);
	});
});
