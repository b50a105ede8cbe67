import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { pullInput } from '../../../src/lib/shared/sync';
import type { SessionUser } from '../../auth/session';
import { productVariants } from '../../db/schema';
import { useSeededShop } from '../../testing/seeded-shop';
import { createCaller } from '../../trpc/root';
import { listAudit } from '../audit';
import { testProvider } from '../payments/test-provider';
import { pull } from '../sync';

// Through the admin procedures, as the admin pages call them: validation, audit and errors included.
const shop = useSeededShop();
let admins: SessionUser[];
const api = (admin = admins[0]!) => createCaller({ db: shop.db, user: admin, session: null, payments: testProvider, ip: '192.0.2.9' }).admin.products;

beforeAll(async () => {
	admins = await shop.fixtures.makeUsers(2, 'admin');
});

const SIZES = ['S', 'M', 'L'];
const GLAZES = ['Sage', 'Clay'];
const options = [
	{ name: 'Size', values: SIZES },
	{ name: 'Glaze', values: GLAZES }
];

/** A product of its own (10 units on its first variant), and its grid as the admin page loads it. */
async function newProduct(inventory = 10) {
	const productId = await shop.fixtures.makeProduct(inventory);
	return { productId, form: await api().variants({ id: productId }) };
}

/** Six rows, Size × Glaze, the first keeping the product's own variant; new rows start with `stock` units. */
function sixRows(productId: string, prefix: string, stock = 3) {
	return SIZES.flatMap((size) =>
		GLAZES.map((glaze) => ({
			...(size === 'S' && glaze === 'Sage' && { id: productId }),
			sku: `${prefix}-${size}-${glaze}`.toUpperCase(),
			options: { Size: size, Glaze: glaze },
			priceMinor: size === 'L' ? 1500 : null,
			inventory: stock
		}))
	);
}

async function sixVariants(prefix: string) {
	const { productId, form } = await newProduct();
	const saved = await api().saveVariants({ id: productId, editToken: form.variantsToken, options, variants: sixRows(productId, prefix) });
	return { productId, saved };
}

const trail = async (id: string) => (await listAudit(shop.db, { entityType: 'product', entityId: id, limit: 50 })).items;
const cursorNow = async () => (await pull(shop.db, null, pullInput.parse({ cursor: '999999999999', limit: 1 }))).cursor;
async function pulledAfter(cursor: string, id: string) {
	const page = await pull(shop.db, null, pullInput.parse({ cursor, limit: 1000 }));
	return page.products.find((p) => p.id === id);
}

describe('saving options and variants', () => {
	it('makes six variants of two options (2 × 3), keeping the product’s first variant and its stock', async () => {
		const { productId, saved } = await sixVariants('mug6');
		expect(saved.options).toEqual(options);
		expect(saved.variants.map((v) => `${v.options.Size}/${v.options.Glaze}`)).toEqual(['S/Sage', 'S/Clay', 'M/Sage', 'M/Clay', 'L/Sage', 'L/Clay']);
		expect(saved.variants[0]).toMatchObject({ id: productId, sku: 'MUG6-S-SAGE', inventory: 10, priceMinor: null });
		expect(saved.variants.at(-1)).toMatchObject({ sku: 'MUG6-L-CLAY', inventory: 3, priceMinor: 1500 });
		expect(await shop.fixtures.inventoryOf(productId)).toBe(10 + 5 * 3);
		const [entry] = await trail(productId);
		expect(entry).toMatchObject({ action: 'product.variants', actorEmail: admins[0]!.email, changes: { options: { before: [], after: options } } });
		expect((entry!.changes.variants!.after as string[])[0]).toBe('S / Sage (MUG6-S-SAGE)');
	});

	it('refuses a SKU twice in the grid or taken by another product (4xx), writing nothing', async () => {
		const { productId, form } = await newProduct();
		const twice = sixRows(productId, 'twice');
		twice[1]!.sku = twice[0]!.sku;
		await expect(api().saveVariants({ id: productId, editToken: form.variantsToken, options, variants: twice })).rejects.toMatchObject({
			code: 'BAD_REQUEST',
			cause: { issues: [expect.objectContaining({ path: ['variants', 1, 'sku'], message: 'Two variants have the same SKU.' })] }
		});

		await sixVariants('taken');
		const taken = sixRows(productId, 'mine');
		taken[4]!.sku = 'TAKEN-L-SAGE';
		await expect(api().saveVariants({ id: productId, editToken: form.variantsToken, options, variants: taken })).rejects.toMatchObject({
			code: 'CONFLICT',
			message: 'Another variant has the SKU TAKEN-L-SAGE (perhaps one archived before); choose another.',
			cause: { field: 'variants.4.sku' }
		});
		expect(await api().variants({ id: productId })).toEqual(form);
		expect(await shop.fixtures.inventoryOf(productId)).toBe(10);
		expect((await trail(productId)).map((e) => e.action)).not.toContain('product.variants');
	});

	it('refuses a variant of another product in the grid, writing nothing', async () => {
		const other = await sixVariants('other');
		const { productId, form } = await newProduct();
		const rows = sixRows(productId, 'thief');
		rows[1]!.id = other.saved.variants[1]!.id;
		await expect(api().saveVariants({ id: productId, editToken: form.variantsToken, options, variants: rows })).rejects.toMatchObject({
			code: 'BAD_REQUEST',
			cause: { field: 'variants' }
		});
		expect(await api().variants({ id: productId })).toEqual(form);
		expect(await api().variants({ id: other.productId })).toEqual(other.saved);
	});

	it('refuses the second of two admins’ saves from the same form (CONFLICT), keeping the first', async () => {
		const { productId, form } = await newProduct();
		const save = (admin: SessionUser, prefix: string) =>
			api(admin).saveVariants({ id: productId, editToken: form.variantsToken, options, variants: sixRows(productId, prefix) });
		const results = await Promise.allSettled([save(admins[0]!, 'first'), save(admins[1]!, 'second')]);
		const refused = results.filter((r) => r.status === 'rejected');
		expect(refused).toHaveLength(1);
		expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/^Someone else saved these options/) });
		const winner = results.findIndex((r) => r.status === 'fulfilled') === 0 ? 'FIRST' : 'SECOND';
		expect((await api().variants({ id: productId })).variants.map((v) => v.sku.split('-')[0])).toEqual(Array(6).fill(winner));
		expect((await trail(productId)).filter((e) => e.action === 'product.variants')).toHaveLength(1);
	});

	it('archives a variant left out: the product’s stock drops by its units and devices pull the product without it', async () => {
		const { productId, saved } = await sixVariants('drop');
		const gone = saved.variants[3]!;
		await shop.fixtures.setStock(gone.id, 7);
		const before = await shop.fixtures.inventoryOf(productId);
		const cursor = await cursorNow();
		const kept = saved.variants.filter((v) => v.id !== gone.id).map(({ inventory: _, ...v }) => v);
		const after = await api().saveVariants({ id: productId, editToken: saved.variantsToken, options, variants: kept });
		expect(after.variants.map((v) => v.id)).toEqual(kept.map((v) => v.id));
		expect(await shop.fixtures.inventoryOf(productId)).toBe(before - 7);
		const pulled = await pulledAfter(cursor, productId);
		expect(pulled).toMatchObject({ inventory: before - 7 });
		expect(pulled && 'variants' in pulled && pulled.variants.map((v) => v.id)).toEqual(kept.map((v) => v.id));
		const [entry] = await trail(productId);
		expect(entry).toMatchObject({ action: 'product.variants' });
		expect(entry!.changes.variants!.before).toContain('M / Clay (DROP-M-CLAY)');
		expect(entry!.changes.variants!.after).not.toContain('M / Clay (DROP-M-CLAY)');
	});
});

describe('counting stock (a stocktake)', () => {
	it('moves each counted variant by (counted − shown), so a sale while counting still counts; one audit entry per change', async () => {
		const { productId, saved } = await sixVariants('count');
		const [a, b, c] = saved.variants;
		// The page showed a: 10, b: 3, c: 3; then a shopper bought 2 of a.
		await shop.fixtures.setStock(a!.id, 8);
		const { changed, product } = await api().countStock({
			id: productId,
			reason: 'correction',
			note: 'March stocktake',
			counts: [
				{ variantId: a!.id, shown: 10, counted: 9 },
				{ variantId: b!.id, shown: 3, counted: 3 },
				{ variantId: c!.id, shown: 3, counted: 5 }
			]
		});
		expect(changed).toBe(2);
		const stock = new Map((await api().variants({ id: productId })).variants.map((v) => [v.id, v.inventory]));
		expect([stock.get(a!.id), stock.get(b!.id), stock.get(c!.id)]).toEqual([7, 3, 5]);
		expect(product.inventory).toBe(7 + 3 + 5 + 3 * 3);
		const entries = (await trail(productId)).filter((e) => e.action === 'product.stock');
		expect(entries.map((e) => e.changes)).toEqual(
			expect.arrayContaining([
				{ sku: { before: 'COUNT-S-SAGE', after: 'COUNT-S-SAGE' }, inventory: { before: 8, after: 7 }, reason: { before: null, after: 'correction: March stocktake' } },
				{ sku: { before: 'COUNT-M-SAGE', after: 'COUNT-M-SAGE' }, inventory: { before: 3, after: 5 }, reason: { before: null, after: 'correction: March stocktake' } }
			])
		);
		expect(entries).toHaveLength(2);
	});

	// Two connections are needed to hold a lock while another waits: PGlite has one.
	it.runIf(process.env.STORE_TEST_DB === 'postgres')('waits for a sale in flight and counts from what it left', async () => {
		const { productId, saved } = await sixVariants('inflight');
		const variant = saved.variants[0]!;
		let taken!: () => void;
		let commit!: () => void;
		const holding = new Promise<void>((resolve) => (taken = resolve));
		const released = new Promise<void>((resolve) => (commit = resolve));
		const sale = shop.db.transaction(async (tx) => {
			await tx.update(productVariants).set({ inventory: sql`${productVariants.inventory} - 2` }).where(eq(productVariants.id, variant.id));
			taken();
			await released;
		});
		await holding;
		const count = api().countStock({ id: productId, reason: 'correction', counts: [{ variantId: variant.id, shown: 10, counted: 9 }] });
		await new Promise((resolve) => setTimeout(resolve, 200));
		commit();
		await sale;
		await count;
		// 10 shown, 2 sold meanwhile, 1 fewer counted than shown: 7, not the 9 typed.
		expect((await api().variants({ id: productId })).variants[0]!.inventory).toBe(7);
	});

	it('refuses the whole count when one variant would go below zero, changing nothing', async () => {
		const { productId, saved } = await sixVariants('short');
		const [a, b] = saved.variants;
		await shop.fixtures.setStock(b!.id, 0);
		const count = api().countStock({
			id: productId,
			reason: 'correction',
			counts: [
				{ variantId: a!.id, shown: 10, counted: 12 },
				{ variantId: b!.id, shown: 3, counted: 1 }
			]
		});
		await expect(count).rejects.toMatchObject({ code: 'CONFLICT', cause: { field: 'counts' }, message: expect.stringMatching(/^S \/ Clay: its stock fell by 3 since you opened the page/) });
		expect((await api().variants({ id: productId })).variants.slice(0, 2).map((v) => v.inventory)).toEqual([10, 0]);
		expect((await trail(productId)).map((e) => e.action)).not.toContain('product.stock');
	});

	it('refuses a variant of another product, a reason against the change, and a count that changes nothing', async () => {
		const mine = await sixVariants('mine-count');
		const other = await sixVariants('other-count');
		await expect(
			api().countStock({ id: mine.productId, reason: 'correction', counts: [{ variantId: other.saved.variants[0]!.id, shown: 10, counted: 0 }] })
		).rejects.toMatchObject({ code: 'BAD_REQUEST', cause: { field: 'counts' } });
		expect(await shop.fixtures.inventoryOf(other.productId)).toBe(25);
		const v = mine.saved.variants[0]!.id;
		await expect(api().countStock({ id: mine.productId, reason: 'received', counts: [{ variantId: v, shown: 10, counted: 4 }] })).rejects.toMatchObject({
			code: 'BAD_REQUEST',
			cause: { issues: [expect.objectContaining({ path: ['reason'] })] }
		});
		await expect(api().countStock({ id: mine.productId, reason: 'correction', counts: [{ variantId: v, shown: 10, counted: 10 }] })).rejects.toMatchObject({
			code: 'BAD_REQUEST',
			cause: { issues: [expect.objectContaining({ message: 'Nothing to save: change at least one count.' })] }
		});
	});

	it('adjusts the stock of the variant named, leaving the others', async () => {
		const { productId, saved } = await sixVariants('pick');
		const target = saved.variants[5]!;
		const product = await api().adjustStock({ id: productId, variantId: target.id, change: -3, reason: 'damaged' });
		expect(product.inventory).toBe(10 + 4 * 3);
		expect((await api().variants({ id: productId })).variants.map((v) => v.inventory)).toEqual([10, 3, 3, 3, 3, 0]);
		await expect(api().adjustStock({ id: productId, variantId: target.id, change: -1, reason: 'damaged' })).rejects.toMatchObject({ code: 'CONFLICT', cause: { field: 'change' } });
	});
});
