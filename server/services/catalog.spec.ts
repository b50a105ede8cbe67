import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { catalogSorts, type ProductSummary } from '../../src/lib/shared/catalog';
import { catalogListInput, type CatalogListInput } from '../../src/lib/shared/catalog-input';
import { products, productVariants, reviews } from '../db/schema';
import { seedCatalog } from '../db/seed';
import { demoCollections, demoProducts } from '../db/seed/catalog-data';
import { getProduct, listCollections, listProducts, toPrefixQuery } from './catalog';
import { AppError } from './errors';
import { useSeededShop } from '../testing/seeded-shop';

const shop = useSeededShop();

const list = (input: CatalogListInput = {}) => listProducts(shop.db, catalogListInput.parse(input));

/** Follows cursors to the end, as a shopper pressing "Next page" would. */
async function walk(input: CatalogListInput) {
	const seen: ProductSummary[] = [];
	let cursor: string | undefined;
	for (let pages = 0; pages < 100; pages++) {
		const page = await list({ ...input, cursor });
		seen.push(...page.items);
		if (!page.nextCursor) return { seen, total: page.total, pages: pages + 1 };
		cursor = page.nextCursor;
	}
	throw new Error('pagination did not end');
}

describe('catalog.list', () => {
	it('returns a first page of 24 of the whole catalog, newest first', async () => {
		const page = await list();
		expect(page.total).toBe(demoProducts.length);
		expect(page.items).toHaveLength(24);
		expect(page.nextCursor).toBeTypeOf('string');
	});

	it.each(catalogSorts)('pages through every product exactly once, in %s order', async (sort) => {
		const { seen, total } = await walk({ sort, limit: 17 });
		expect(total).toBe(demoProducts.length);
		expect(new Set(seen.map((p) => p.id)).size).toBe(total);
		expect(seen).toHaveLength(total);
		const keys = seen.map((p) =>
			sort === 'title' ? p.title : sort === 'rating' ? (p.rating ?? 0) : sort === 'newest' ? 0 : p.priceMinor
		);
		for (let i = 1; i < keys.length; i++) {
			const [a, b] = [keys[i - 1]!, keys[i]!];
			if (sort === 'price_asc') expect(a <= b).toBe(true);
			if (sort === 'price_desc' || sort === 'rating') expect(a >= b).toBe(true);
		}
	});

	it('orders newest by creation time, even within the same second', async () => {
		const { seen } = await walk({ sort: 'newest', limit: 50 });
		const rows = await shop.db.select({ id: products.id, createdAt: products.createdAt }).from(products);
		const created = new Map(rows.map((r) => [r.id, r.createdAt.getTime()]));
		const times = seen.map((p) => created.get(p.id)!);
		expect(times).toEqual([...times].sort((a, b) => b - a));
	});

	it('filters by collection, price range and stock together', async () => {
		const collection = demoCollections[1]!.slug;
		const { seen, total } = await walk({ collection, minPrice: 1000, maxPrice: 6000, inStock: true });
		const expected = demoProducts.filter(
			(p) => p.collectionSlug === collection && p.priceMinor >= 1000 && p.priceMinor <= 6000 && p.inventory > 0
		);
		expect(total).toBe(expected.length);
		expect(seen.map((p) => p.slug).sort()).toEqual(expected.map((p) => p.slug).sort());
	});

	it('shows sold-out products unless in-stock is asked for', async () => {
		const soldOut = demoProducts.filter((p) => p.inventory === 0).length;
		expect(soldOut).toBeGreaterThan(0);
		expect((await list({ inStock: true })).total).toBe(demoProducts.length - soldOut);
	});

	it('searches titles and descriptions by word prefix, any order', async () => {
		const target = demoProducts[0]!;
		const words = target.title.toLowerCase().split(/\s+/);
		const prefix = words.at(-1)!.slice(0, 4);
		const result = await list({ q: `${prefix} ${words[0]}`, limit: 100 });
		expect(result.items.map((p) => p.slug)).toContain(target.slug);

		const descriptionWord = target.description.split(/\W+/).find((w) => w.length > 6)!;
		const byDescription = await list({ q: descriptionWord, limit: 100 });
		expect(byDescription.items.map((p) => p.slug)).toContain(target.slug);

		expect((await list({ q: 'zzqqxx' })).total).toBe(0);
		// Punctuation and operators are text to search for, never tsquery syntax.
		expect((await list({ q: "&|!:*()' <->" })).total).toBe(demoProducts.length);
	});

	it('finds a product by the values it comes in, and lists it from its cheapest variant', async () => {
		expect((await list({ q: 'sage mug', limit: 100 })).items.map((p) => p.slug)).toContain('hand-thrown-stoneware-mug');
		expect((await list({ q: 'garden apron medium', limit: 100 })).items.map((p) => p.slug)).toEqual(['waxed-canvas-garden-apron']);
		expect((await list({ q: 'garden apron purple', limit: 100 })).items).toEqual([]);
		const [apron] = (await list({ q: 'waxed canvas garden apron', limit: 1 })).items;
		expect(apron).toMatchObject({ priceMinor: 5200, priceMaxMinor: 5800, inventory: 15 });
	});

	it('filters by an option value, and by being in stock in it', async () => {
		const slugs = async (input: CatalogListInput) => (await list({ ...input, limit: 100 })).items.map((p) => p.slug).sort();
		expect(await slugs({ collection: 'outdoor', option: { name: 'Colour', value: 'Forest' } })).toEqual(['merino-beanie', 'packable-down-blanket']);
		expect(await slugs({ collection: 'outdoor', option: { name: 'Colour', value: 'Forest' }, inStock: true })).toEqual(['merino-beanie']);
		expect(await slugs({ option: { name: 'Colour', value: 'Mauve' } })).toEqual([]);
		expect(catalogListInput.safeParse({ option: { name: '', value: 'Forest' } }).success).toBe(false);
	});

	it('describes a product’s options and its live variants, priced as a shopper pays', async () => {
		const cushion = await getProduct(shop.db, { slug: 'linen-cushion-cover' });
		expect(cushion.options).toEqual([
			{ name: 'Colour', values: ['Sage', 'Clay'] },
			{ name: 'Size', values: ['Square', 'Lumbar'] }
		]);
		expect(cushion.variants.map(({ sku, options, priceMinor, inventory }) => ({ sku, options, priceMinor, inventory }))).toEqual([
			{ sku: 'LINEN-CUSHION-COVER-SAGE-SQUARE', options: { Colour: 'Sage', Size: 'Square' }, priceMinor: 3800, inventory: 8 },
			{ sku: 'LINEN-CUSHION-COVER-SAGE-LUMBAR', options: { Colour: 'Sage', Size: 'Lumbar' }, priceMinor: 3600, inventory: 0 },
			{ sku: 'LINEN-CUSHION-COVER-CLAY-SQUARE', options: { Colour: 'Clay', Size: 'Square' }, priceMinor: 3800, inventory: 5 },
			{ sku: 'LINEN-CUSHION-COVER-CLAY-LUMBAR', options: { Colour: 'Clay', Size: 'Lumbar' }, priceMinor: 3600, inventory: 2 }
		]);
		expect(cushion).toMatchObject({ inventory: 15, priceMinor: 3600, priceMaxMinor: 3800 });
		const board = await getProduct(shop.db, { slug: 'walnut-serving-board' });
		expect(board.options).toEqual([]);
		expect(board.variants).toEqual([{ id: board.id, sku: 'WALNUT-SERVING-BOARD', options: {}, priceMinor: board.priceMinor, inventory: board.inventory }]);
	});

	it('refuses a cursor that is forged, garbled or from another sort', async () => {
		const first = await list({ sort: 'price_asc' });
		const forged = Buffer.from(JSON.stringify(['price_asc', "1); drop table products; --", first.items[0]!.id])).toString('base64url');
		for (const cursor of ['not-a-cursor', forged, first.nextCursor!]) {
			const sort = cursor === first.nextCursor ? 'title' : 'price_asc';
			await expect(list({ sort, cursor })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
		}
		const badDate = Buffer.from(JSON.stringify(['newest', '2026-13-45T99:00:00.000000Z', first.items[0]!.id])).toString('base64url');
		await expect(list({ sort: 'newest', cursor: badDate })).rejects.toBeInstanceOf(AppError);
	});

	it('rejects bad input in the shared schema', () => {
		for (const input of [
			{ limit: 0 },
			{ limit: 101 },
			{ minPrice: -1 },
			{ minPrice: 500, maxPrice: 100 },
			{ sort: 'cheapest' },
			{ collection: 'Not A Slug!' },
			{ role: 'admin' }
		]) {
			expect(catalogListInput.safeParse(input).success, JSON.stringify(input)).toBe(false);
		}
	});
});

describe('catalog.product and catalog.collections', () => {
	it('finds a product by slug or id with its rating from its reviews', async () => {
		const bySlug = await getProduct(shop.db, { slug: demoProducts[3]!.slug });
		const byId = await getProduct(shop.db, { id: bySlug.id });
		expect(byId).toEqual(bySlug);
		const [agg] = await shop.db
			.select({ avg: sql<string>`avg(${reviews.rating})`, count: sql<number>`count(*)::int` })
			.from(reviews)
			.where(eq(reviews.productId, bySlug.id));
		expect(bySlug.reviewCount).toBe(agg!.count);
		if (agg!.count) expect(bySlug.rating).toBeCloseTo(Number(agg!.avg), 1);
	});

	it('answers NOT_FOUND for an unknown or archived product', async () => {
		await expect(getProduct(shop.db, { slug: 'no-such-thing' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		const slug = demoProducts[5]!.slug;
		await shop.db.update(products).set({ deletedAt: new Date() }).where(eq(products.slug, slug));
		try {
			await expect(getProduct(shop.db, { slug })).rejects.toMatchObject({ code: 'NOT_FOUND' });
			expect((await list()).total).toBe(demoProducts.length - 1);
		} finally {
			await shop.db.update(products).set({ deletedAt: null }).where(eq(products.slug, slug));
		}
	});

	it('lists every collection with its product count', async () => {
		const found = await listCollections(shop.db);
		expect(found.map((c) => c.slug)).toEqual(demoCollections.map((c) => c.slug));
		for (const c of found) {
			expect(c.productCount).toBe(demoProducts.filter((p) => p.collectionSlug === c.slug).length);
		}
		// Two outdoor products come in colours; the apron is the only garden product in options.
		expect(found.find((c) => c.slug === 'outdoor')?.options).toEqual([{ name: 'Colour', values: ['Oat', 'Forest', 'Charcoal', 'Rust'] }]);
		expect(found.find((c) => c.slug === 'plants-garden')?.options).toEqual([]);
	});
});

describe('catalog storage', () => {
	it('gives every product write a new, higher sync version', async () => {
		const before = await getProduct(shop.db, { slug: demoProducts[7]!.slug });
		const [{ max }] = (await shop.db.select({ max: sql<number>`max(${products.version})::int` }).from(products)) as [
			{ max: number }
		];
		await shop.db.update(products).set({ priceMinor: before.priceMinor + 100 }).where(eq(products.id, before.id));
		const after = await getProduct(shop.db, { id: before.id });
		expect(after.version).toBeGreaterThan(max);
		expect(after.priceMinor).toBe(before.priceMinor + 100);
	});

	it('refuses negative stock and prices in the database itself', async () => {
		const id = (await list()).items[0]!.id;
		await expect(shop.db.update(productVariants).set({ inventory: -1 }).where(eq(productVariants.id, id))).rejects.toThrow();
		await expect(shop.db.update(products).set({ priceMinor: -5 }).where(eq(products.id, id))).rejects.toThrow();
	});

	it('seeds again without duplicating anything', async () => {
		const count = async () => ({
			products: await shop.db.$count(products),
			reviews: await shop.db.$count(reviews)
		});
		const before = await count();
		await seedCatalog(shop.db);
		expect(await count()).toEqual(before);
	});
});

describe('toPrefixQuery', () => {
	it('keeps only words, each as a prefix, all required', () => {
		expect(toPrefixQuery('Walnut  boa')).toBe('walnut:* & boa:*');
		expect(toPrefixQuery("it's <-> !x")).toBe('it:* & s:* & x:*');
		expect(toPrefixQuery('  !!! ')).toBeNull();
	});
});
