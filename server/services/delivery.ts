import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import { MAX_ADDRESSES, type AddressFields, type AddressView } from '../../src/lib/shared/addresses';
import type { ShippingMethodView } from '../../src/lib/shared/orders';
import type { Db, Tx } from '../db/client';
import { addresses, shippingMethods, type Address, type ShippingMethod } from '../db/schema';
import { AppError } from './errors';

function addressView(a: Address): AddressView {
	return {
		id: a.id,
		name: a.name,
		line1: a.line1,
		line2: a.line2,
		city: a.city,
		postalCode: a.postalCode,
		region: a.region,
		country: a.country,
		phone: a.phone,
		isDefault: a.isDefault
	};
}

/** The fields of an address, as orders copy them. */
export function addressFieldsOf(a: AddressView): AddressFields {
	const { id: _id, isDefault: _default, ...fields } = a;
	return fields;
}

/** The caller's address book: the default first, then the newest. */
export async function listAddresses(db: Db | Tx, userId: string): Promise<AddressView[]> {
	const rows = await db
		.select()
		.from(addresses)
		.where(eq(addresses.userId, userId))
		.orderBy(desc(addresses.isDefault), desc(addresses.createdAt), asc(addresses.id));
	return rows.map(addressView);
}

/** An address that is not in the caller's book, told apart from other NOT_FOUNDs (a cart, an order). */
export class UnknownAddress extends AppError {
	constructor() {
		super('NOT_FOUND', 'No such address');
	}
}

/** One of the caller's addresses; anyone else's is NOT_FOUND, as if it did not exist. */
export async function getAddress(db: Db | Tx, userId: string, id: string): Promise<AddressView> {
	const [row] = await db.select().from(addresses).where(and(eq(addresses.id, id), eq(addresses.userId, userId)));
	if (!row) throw new UnknownAddress();
	return addressView(row);
}

/** Makes `id` the only default of the user's book (in the caller's transaction). */
async function makeDefault(tx: Tx, userId: string, id: string) {
	await tx.update(addresses).set({ isDefault: false }).where(and(eq(addresses.userId, userId), ne(addresses.id, id), eq(addresses.isDefault, true)));
	await tx.update(addresses).set({ isDefault: true }).where(eq(addresses.id, id));
}

class AddressBookFull extends AppError {
	constructor() {
		super('CONFLICT', `An address book holds up to ${MAX_ADDRESSES} addresses. Remove one you no longer use to add another.`);
	}
}

/** Adds an address; the first one, or one asked to be, becomes the default. */
export async function createAddress(db: Db | Tx, userId: string, input: { address: AddressFields; isDefault: boolean }): Promise<AddressView> {
	return db.transaction(async (tx) => {
		// One book at a time per user, so "the first address" and "one default" hold.
		await tx.execute(sql`select pg_advisory_xact_lock(4242004, hashtext(${userId}))`);
		const [{ count }] = (await tx.select({ count: sql<number>`count(*)::int` }).from(addresses).where(eq(addresses.userId, userId))) as [{ count: number }];
		if (count >= MAX_ADDRESSES) throw new AddressBookFull();
		const [row] = await tx.insert(addresses).values({ ...input.address, userId }).returning();
		if (input.isDefault || count === 0) await makeDefault(tx, userId, row!.id);
		return getAddress(tx, userId, row!.id);
	});
}

export async function updateAddress(
	db: Db,
	userId: string,
	input: { id: string; address: AddressFields; isDefault?: boolean }
): Promise<AddressView> {
	return db.transaction(async (tx) => {
		await getAddress(tx, userId, input.id);
		await tx.update(addresses).set({ ...input.address, updatedAt: new Date() }).where(eq(addresses.id, input.id));
		if (input.isDefault) await makeDefault(tx, userId, input.id);
		return getAddress(tx, userId, input.id);
	});
}

export async function deleteAddress(db: Db, userId: string, id: string): Promise<void> {
	const deleted = await db.delete(addresses).where(and(eq(addresses.id, id), eq(addresses.userId, userId))).returning({ id: addresses.id });
	if (!deleted.length) throw new AppError('NOT_FOUND', 'No such address');
}

/** Keeps an address typed at checkout, unless the book holds the same one already or is full (the order stands either way). */
export async function rememberAddress(db: Db | Tx, userId: string, address: AddressFields): Promise<void> {
	const book = await listAddresses(db, userId);
	if (book.length >= MAX_ADDRESSES || book.some((a) => JSON.stringify(addressFieldsOf(a)) === JSON.stringify(address))) return;
	await createAddress(db, userId, { address, isDefault: false }).catch((refusal: unknown) => {
		if (!(refusal instanceof AddressBookFull)) throw refusal;
	});
}

export function methodView(m: ShippingMethod): ShippingMethodView {
	return { id: m.id, name: m.name, priceMinor: m.priceMinor, currency: m.currency, freeAboveMinor: m.freeAboveMinor, countries: m.countries };
}

/** The active shipping methods, in the shop's order; with a country, those that serve it. */
export async function listShippingMethods(db: Db, country?: string): Promise<ShippingMethodView[]> {
	const filters = [eq(shippingMethods.active, true)];
	if (country) filters.push(sql`${country} = any(${shippingMethods.countries})`);
	const rows = await db
		.select()
		.from(shippingMethods)
		.where(and(...filters))
		.orderBy(asc(shippingMethods.position), asc(shippingMethods.name));
	return rows.map(methodView);
}
