import { describe, expect, it } from 'vitest';
import { catalogSorts, COUNT_CAP, type CatalogSort } from '$lib/shared/catalog';
import { catalogListInput, type CatalogListInput } from '$lib/shared/catalog-input';
import type { SyncCollection, SyncProduct } from '$lib/shared/sync';
import { seededRandom } from '$lib/shared/random';
import { rank, wordScorer, words } from '$lib/shared/search-ranking';
import { LocalCatalog } from './catalog-index';

// ---- A synthetic catalog, the same on every run ----

const random = seededRandom;

function uuid(next: () => number): string {
	const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

const pick = <T>(next: () => number, list: readonly T[]): T => list[Math.floor(next() * list.length)]!;

const COLLECTIONS: SyncCollection[] = [
	{ id: 'c0000000-0000-4000-a000-000000000001', version: 1, slug: 'kitchen', title: 'Kitchen', description: 'Cook and serve', position: 2 },
	{ id: 'c0000000-0000-4000-a000-000000000002', version: 2, slug: 'lighting', title: 'Lighting', description: 'Lamps', position: 1 },
	{ id: 'c0000000-0000-4000-a000-000000000003', version: 3, slug: 'home', title: 'Home', description: 'Around the house', position: 2 },
	{ id: 'c0000000-0000-4000-a000-000000000004', version: 4, slug: 'empty', title: 'Empty', description: 'Nothing yet', position: 9 }
];
/** Products may still point at a collection the device no longer holds. */
const GONE_COLLECTION = 'c0000000-0000-4000-a000-0000000000ff';

const MATERIALS = ['Walnut', 'Oak', 'Maple', 'Ceramic', 'Linen', 'Copper'] as const;
const NOUNS = ['Board', 'Bowl', 'Mug', 'Rug', 'Lamp', 'Tray', 'Vase'] as const;
const ADJECTIVES = ['Small', 'Large', 'Rustic', 'Modern'] as const;
const USES = ['serving bread', 'the morning coffee', 'a quiet evening', 'display on a shelf'] as const;
const PRICES = [500, 1250, 1999, 2500, 4000, 7550, 12000] as const;
const RATINGS = [null, null, 3, 3.5, 4, 4.2, 4.7, 5] as const;

type Options = { count: number; seed?: number; goneEvery?: number; nonsense?: boolean };

function makeProducts({ count, seed = 1, goneEvery = 0, nonsense = false }: Options): SyncProduct[] {
	const next = random(seed);
	const base = Date.parse('2025-01-01T00:00:00.000Z');
	const syllables = ['ka', 'lo', 'mi', 'ren', 'tas', 'vo', 'ze', 'qui', 'bar', 'nel'];
	return Array.from({ length: count }, (_, n) => {
		const material = pick(next, MATERIALS);
		const noun = pick(next, NOUNS);
		const adjective = pick(next, ADJECTIVES);
		const extra = nonsense
			? ` Code ${Array.from({ length: 3 }, () => pick(next, syllables)).join('')}${n}.`
			: '';
		const heirloom = n % 41 === 7 ? ' An heirloom piece.' : '';
		const rating = pick(next, RATINGS);
		return {
			id: uuid(next),
			version: n + 10,
			slug: `product-${n}`,
			title: `${adjective} ${material} ${noun}`,
			description: `Made for ${pick(next, USES)}, in ${material.toLowerCase()}.${heirloom}${extra}`,
			// Many equal prices, times and ratings, so every tiebreak is exercised.
			priceMinor: next() < 0.5 ? pick(next, PRICES) : Math.floor(next() * 20_000),
			currency: 'USD',
			inventory: next() < 0.25 ? 0 : Math.floor(next() * 30),
			collectionId:
				goneEvery && n % goneEvery === 0 ? GONE_COLLECTION : COLLECTIONS[n % 3]!.id,
			images: n % 10 === 0 ? [] : [{ src: `/img/${n}.webp`, alt: `Photo ${n}` }, { src: `/img/${n}b.webp`, alt: 'Back' }],
			rating,
			reviewCount: rating === null ? 0 : 1 + Math.floor(next() * 40),
			createdAt: new Date(base + Math.floor(next() * 60) * 86_400_000).toISOString()
		};
	}).map((p) => sellingOne(p));
}

/** A product without options sells one variant, carrying its id, at its price and stock. */
function sellingOne(p: Omit<SyncProduct, 'priceMaxMinor' | 'options' | 'variants'>): SyncProduct {
	return { ...p, priceMaxMinor: p.priceMinor, options: [], variants: [{ id: p.id, sku: p.slug.toUpperCase(), options: {}, priceMinor: p.priceMinor, inventory: p.inventory }] };
}

// ---- A plain reference: filter everything, sort everything ----

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const referenceOrder: Record<Exclude<CatalogSort, 'relevance'>, (a: SyncProduct, b: SyncProduct) => number> = {
	newest: (a, b) => cmp(b.createdAt, a.createdAt) || cmp(b.id, a.id),
	price_asc: (a, b) => a.priceMinor - b.priceMinor || cmp(a.id, b.id),
	price_desc: (a, b) => b.priceMinor - a.priceMinor || cmp(b.id, a.id),
	title: (a, b) => cmp(a.title, b.title) || cmp(a.id, b.id),
	rating: (a, b) => (b.rating ?? 0) - (a.rating ?? 0) || cmp(b.id, a.id)
};

/** The Postgres English stop words that the fixture's texts use. */
const STOP = new Set(['the', 'a', 'in', 'on', 'for', 'an', 'of', 'and']);

function levenshtein(a: string, b: string): number {
	let row = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const nextRow = [i];
		for (let j = 1; j <= b.length; j++) {
			nextRow[j] = Math.min(row[j]! + 1, nextRow[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
		}
		row = nextRow;
	}
	return row[b.length]!;
}

/** A query word matches a product word by prefix, by a few edits, or by one swapped pair. */
function wordMatches(word: string, term: string): boolean {
	if (word.startsWith(term)) return true;
	if (term.length < 4) return false;
	if (levenshtein(word, term) <= Math.round(term.length * 0.2)) return true;
	for (let i = 0; i + 1 < term.length; i++) {
		const swapped = term.slice(0, i) + term[i + 1] + term[i] + term.slice(i + 2);
		if (word.startsWith(swapped)) return true;
	}
	return false;
}

const tokens = (text: string) => (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOP.has(w));

function reference(products: SyncProduct[], input: CatalogListInput): SyncProduct[] {
	const query = catalogListInput.parse(input);
	const collectionIds = new Map(COLLECTIONS.map((c) => [c.id, c.slug]));
	const terms = query.q ? tokens(query.q) : [];
	return products
		.filter((p) => collectionIds.has(p.collectionId))
		.filter((p) => !query.collection || collectionIds.get(p.collectionId) === query.collection)
		.filter((p) => query.minPrice === undefined || p.priceMinor >= query.minPrice)
		.filter((p) => query.maxPrice === undefined || p.priceMinor <= query.maxPrice)
		.filter((p) => !query.inStock || p.inventory > 0)
		.filter((p) => {
			const words = tokens(`${p.title} ${p.description}`);
			return terms.every((t) => words.some((w) => wordMatches(w, t)));
		})
		.sort(query.sort !== 'relevance' ? referenceOrder[query.sort] : terms.length ? byRank(terms) : referenceOrder.newest);
}

/** Best match: the shared rank of each product, then by id, highest first. */
function byRank(terms: string[]) {
	const scorers = terms.map(wordScorer);
	const rankOf = (p: SyncProduct) =>
		rank(
			scorers.reduce((sum, score) => sum + score(words(p.title), words(p.description)), 0),
			p.inventory
		);
	return (a: SyncProduct, b: SyncProduct) => rankOf(b) - rankOf(a) || cmp(b.id, a.id);
}

/** Every page of a query, checking each page's shape on the way. */
function listAll(catalog: LocalCatalog, input: CatalogListInput) {
	const ids: string[] = [];
	const totals = new Set<string>();
	let cursor: string | undefined;
	let pages = 0;
	for (;;) {
		const page = catalog.list(catalogListInput.parse({ ...input, cursor }));
		pages++;
		totals.add(`${page.total}/${page.totalCapped}`);
		ids.push(...page.items.map((item) => item.id));
		if (page.nextCursor === null) break;
		expect(page.items).toHaveLength(catalogListInput.parse(input).limit);
		expect(page.nextCursor).toMatch(/^local:\d+$/);
		cursor = page.nextCursor;
		if (pages > 10_000) throw new Error('paging never ends');
	}
	return { ids, pages, totals: [...totals] };
}

const products = makeProducts({ count: 300, goneEvery: 23 });
const catalog = LocalCatalog.build(products, COLLECTIONS);
const visible = products.filter((p) => p.collectionId !== GONE_COLLECTION);

function expectSameAsReference(input: CatalogListInput) {
	const expected = reference(products, input).map((p) => p.id);
	// A comparison of two empty lists would prove nothing.
	expect(expected.length).toBeGreaterThan(0);
	const { ids, totals } = listAll(catalog, input);
	expect(ids).toEqual(expected);
	expect(new Set(ids).size).toBe(ids.length);
	expect(totals).toEqual([`${expected.length}/false`]);
	return ids;
}

describe('LocalCatalog.list', () => {
	it('holds only products whose collection exists', () => {
		expect(visible.length).toBeLessThan(products.length);
		expect(catalog.size).toBe(visible.length);
		expect(catalog.list(catalogListInput.parse({ limit: 1 })).total).toBe(visible.length);
	});

	it.each(catalogSorts)('orders by %s and pages through every product exactly once', (sort) => {
		const ids = expectSameAsReference({ sort, limit: 37 });
		expect(ids).toHaveLength(visible.length);
	});

	it('breaks ties by id in the direction of the sort', () => {
		// The fixture has many equal prices; within one, price_asc ascends by id and price_desc descends.
		const byPrice = (sort: CatalogSort) =>
			listAll(catalog, { sort, limit: 100, minPrice: 1999, maxPrice: 1999 }).ids;
		const asc = byPrice('price_asc');
		expect(asc.length).toBeGreaterThan(3);
		expect(asc).toEqual([...asc].sort());
		expect(byPrice('price_desc')).toEqual([...asc].reverse());
	});

	it('sorts titles by code unit, not by locale', () => {
		const local = LocalCatalog.build(
			[
				{ ...visible[0]!, id: 'a1', slug: 'a1', title: 'apple' },
				{ ...visible[0]!, id: 'a2', slug: 'a2', title: 'Zebra' },
				{ ...visible[0]!, id: 'a3', slug: 'a3', title: 'Éclair' },
				{ ...visible[0]!, id: 'a4', slug: 'a4', title: 'Apple' }
			],
			COLLECTIONS
		);
		const titles = local.list(catalogListInput.parse({ sort: 'title' })).items.map((i) => i.title);
		expect(titles).toEqual(['Apple', 'Zebra', 'apple', 'Éclair']);
	});

	it('treats a missing rating as 0 and the newest as the latest createdAt', () => {
		const top = catalog.list(catalogListInput.parse({ sort: 'rating', limit: 100 })).items;
		expect(top[0]!.rating).toBe(5);
		const last = listAll(catalog, { sort: 'rating', limit: 100 }).ids.at(-1);
		expect(visible.find((p) => p.id === last)!.rating).toBeNull();
		const newest = catalog.list(catalogListInput.parse({ limit: 1 })).items[0]!;
		const latest = Math.max(...visible.map((p) => Date.parse(p.createdAt)));
		expect(Date.parse(visible.find((p) => p.id === newest.id)!.createdAt)).toBe(latest);
	});

	it.each<[string, CatalogListInput]>([
		['collection', { collection: 'kitchen' }],
		['minPrice', { minPrice: 4000 }],
		['maxPrice', { maxPrice: 1999 }],
		['a price range, inclusive', { minPrice: 1250, maxPrice: 4000 }],
		['inStock', { inStock: true }],
		['collection + inStock', { collection: 'lighting', inStock: true, sort: 'price_asc' }],
		['collection + price + inStock', { collection: 'home', minPrice: 1000, maxPrice: 9000, inStock: true, sort: 'rating' }],
		['price + inStock, by title', { maxPrice: 5000, inStock: true, sort: 'title' }]
	])('filters by %s', (_, input) => {
		expectSameAsReference({ ...input, limit: 25 });
	});

	it('filters each way strictly', () => {
		const all = (input: CatalogListInput) => listAll(catalog, { ...input, limit: 100 }).ids;
		const byId = new Map(visible.map((p) => [p.id, p]));
		const kitchen = all({ collection: 'kitchen' });
		expect(kitchen.every((id) => byId.get(id)!.collectionId === COLLECTIONS[0]!.id)).toBe(true);
		const inStock = all({ inStock: true });
		expect(inStock.every((id) => byId.get(id)!.inventory > 0)).toBe(true);
		expect(inStock.length).toBe(visible.filter((p) => p.inventory > 0).length);
		expect(inStock.length).toBeLessThan(visible.length);
		// Inclusive bounds: a price exactly at the bound is in.
		expect(all({ minPrice: 1999, maxPrice: 1999 }).length).toBe(visible.filter((p) => p.priceMinor === 1999).length);
	});

	it('gives an empty page for an unknown or empty collection and for a range nothing is in', () => {
		for (const input of [{ collection: 'nope' }, { collection: 'empty' }, { minPrice: 99_000_000 }]) {
			expect(catalog.list(catalogListInput.parse(input))).toEqual({ items: [], nextCursor: null, total: 0, totalCapped: false });
		}
	});

	it('shapes each item as the server does', () => {
		const page = catalog.list(catalogListInput.parse({ sort: 'title', limit: 100 }));
		for (const item of page.items) {
			const p = visible.find((v) => v.id === item.id)!;
			const c = COLLECTIONS.find((k) => k.id === p.collectionId)!;
			expect(item).toEqual({
				id: p.id,
				slug: p.slug,
				title: p.title,
				priceMinor: p.priceMinor,
				currency: 'USD',
				inventory: p.inventory,
				image: p.images[0] ?? null,
				rating: p.rating,
				reviewCount: p.reviewCount,
				collection: { slug: c.slug, title: c.title }
			});
		}
		expect(page.items.some((i) => i.image === null)).toBe(true);
		expect(page.items.some((i) => i.rating === null)).toBe(true);
	});

	it('starts over for a cursor it did not write, and ends past the last page', () => {
		const first = catalog.list(catalogListInput.parse({ limit: 10 }));
		for (const cursor of ['WyJuZXdlc3QiXQ', 'local:', 'local:-3', 'local:1e3', 'other:10']) {
			expect(catalog.list(catalogListInput.parse({ limit: 10, cursor }))).toEqual(first);
		}
		const second = catalog.list(catalogListInput.parse({ limit: 10, cursor: first.nextCursor! }));
		expect(second.items[0]!.id).not.toBe(first.items[0]!.id);
		expect(catalog.list(catalogListInput.parse({ cursor: 'local:100000' }))).toEqual({
			items: [],
			nextCursor: null,
			total: visible.length,
			totalCapped: false
		});
		// A page that ends exactly at the last product says there is no next one.
		const exact = catalog.list(catalogListInput.parse({ limit: 10, cursor: `local:${visible.length - 10}` }));
		expect(exact.items).toHaveLength(10);
		expect(exact.nextCursor).toBeNull();
	});

	it('continues a server cursor after the product it names, in the same sort', () => {
		const serverCursor = (sort: string, id: string) => Buffer.from(JSON.stringify([sort, 'key', id])).toString('base64url');
		const first = catalog.list(catalogListInput.parse({ sort: 'price_asc', limit: 10 }));
		const second = catalog.list(catalogListInput.parse({ sort: 'price_asc', limit: 10, cursor: first.nextCursor! }));
		const viaServer = catalog.list(
			catalogListInput.parse({ sort: 'price_asc', limit: 10, cursor: serverCursor('price_asc', first.items.at(-1)!.id) })
		);
		expect(viaServer.items).toEqual(second.items);
		// Another sort's cursor, or one naming a product the device lacks, starts from the top.
		for (const cursor of [serverCursor('title', first.items.at(-1)!.id), serverCursor('price_asc', '00000000-0000-4000-8000-000000000000')]) {
			expect(catalog.list(catalogListInput.parse({ sort: 'price_asc', limit: 10, cursor })).items).toEqual(first.items);
		}
	});

	it('counts up to the cap and says when there are more', () => {
		const big = makeProducts({ count: 1100, seed: 7 });
		const local = LocalCatalog.build(big, COLLECTIONS);
		expect(local.size).toBe(1100);
		const page = local.list(catalogListInput.parse({}));
		expect(page).toMatchObject({ total: COUNT_CAP, totalCapped: true });
		expect(page.items).toHaveLength(24);
		// Paging goes on past the cap and still visits each product once.
		const all = listAll(local, { limit: 100, sort: 'price_desc' });
		expect(new Set(all.ids).size).toBe(1100);
		expect(all.ids).toEqual([...big].sort(referenceOrder.price_desc).map((p) => p.id));
		// Under the cap the count is exact.
		const kitchen = big.filter((p) => p.collectionId === COLLECTIONS[0]!.id).length;
		expect(local.list(catalogListInput.parse({ collection: 'kitchen' }))).toMatchObject({ total: kitchen, totalCapped: false });
		// Exactly at the cap is not "more than".
		const exactly = LocalCatalog.build(big.slice(0, COUNT_CAP), COLLECTIONS);
		expect(exactly.list(catalogListInput.parse({}))).toMatchObject({ total: COUNT_CAP, totalCapped: false });
		const oneMore = LocalCatalog.build(big.slice(0, COUNT_CAP + 1), COLLECTIONS);
		expect(oneMore.list(catalogListInput.parse({}))).toMatchObject({ total: COUNT_CAP, totalCapped: true });
	});
});

describe('LocalCatalog.list search', () => {
	const search = (q: string, input: CatalogListInput = {}) =>
		listAll(catalog, { ...input, q, limit: 100 }).ids.map((id) => visible.find((p) => p.id === id)!);
	const withWord = (word: string) =>
		visible.filter((p) => tokens(`${p.title} ${p.description}`).some((w) => w === word));

	it('matches a word by its prefix', () => {
		const found = search('walnu');
		expect(found.length).toBeGreaterThan(0);
		expect(new Set(found)).toEqual(new Set(withWord('walnut')));
		expectSameAsReference({ q: 'walnu', limit: 30 });
		// Words of one to three letters: prefix only.
		expectSameAsReference({ q: 'b', limit: 50 });
		expectSameAsReference({ q: 'co', sort: 'title', limit: 50 });
		expectSameAsReference({ q: 'dis', limit: 50 });
	});

	it('forgives a typo in a longer word', () => {
		const walnut = new Set(withWord('walnut'));
		expect(new Set(search('wlanut'))).toEqual(walnut); // swapped letters
		expect(new Set(search('walnit'))).toEqual(walnut); // one wrong letter
		const serving = search('serivng');
		expect(serving.length).toBeGreaterThan(0);
		expect(new Set(serving)).toEqual(new Set(withWord('serving')));
	});

	it('does not guess at short words', () => {
		const rugs = search('rug');
		expect(rugs.length).toBeGreaterThan(0);
		expect(rugs.every((p) => p.title.endsWith(' Rug'))).toBe(true);
		expect(search('rig')).toEqual([]);
	});

	it('requires every word', () => {
		const both = search('walnut bowl');
		expect(both.length).toBeGreaterThan(0);
		expect(new Set(both)).toEqual(new Set(withWord('walnut').filter((p) => withWord('bowl').includes(p))));
		expect(search('walnut bowl').length).toBeLessThan(search('walnut').length);
		expectSameAsReference({ q: 'large maple tray', limit: 5 });
	});

	it('searches descriptions', () => {
		const found = search('heirloom');
		expect(found.length).toBeGreaterThan(0);
		expect(found.every((p) => p.description.includes('heirloom') && !p.title.toLowerCase().includes('heirloom'))).toBe(true);
		expect(new Set(found)).toEqual(new Set(withWord('heirloom')));
		expectSameAsReference({ q: 'morning coffee', limit: 10 });
	});

	it('matches the values a product comes in ("sage apron", "apron medium")', () => {
		const apron = {
			...products[0]!,
			id: 'a0000000-0000-4000-a000-00000000a9e0',
			slug: 'garden-apron',
			title: 'Garden Apron',
			description: 'Waxed canvas.',
			collectionId: COLLECTIONS[0]!.id,
			options: [
				{ name: 'Size', values: ['Small', 'Medium'] },
				{ name: 'Colour', values: ['Sage', 'Clay'] }
			]
		};
		const local = LocalCatalog.build([...products, apron], COLLECTIONS);
		const ids = (q: string) => listAll(local, { q, limit: 100 }).ids;
		expect(ids('sage apron')).toEqual([apron.id]);
		expect(ids('apron medium')).toEqual([apron.id]);
		expect(ids('apron large')).toEqual([]);
	});

	it('filters by an option value (in stock in it, when asked), and names the options a collection’s products share', () => {
		const kitchen = COLLECTIONS[0]!.id;
		const sized = (n: number, stock: Record<string, number>, extra: Partial<SyncProduct> = {}): SyncProduct => ({
			...products[0]!,
			id: `a0000000-0000-4000-a000-00000000000${n}`,
			slug: `sized-${n}`,
			collectionId: kitchen,
			options: [{ name: 'Size', values: Object.keys(stock) }],
			variants: Object.entries(stock).map(([size, inventory], i) => ({ id: `b0000000-0000-4000-a000-0000000000${n}${i}`, sku: `S${n}${i}`, options: { Size: size }, priceMinor: 1000, inventory })),
			...extra
		});
		const a = sized(1, { S: 0, M: 4 });
		const b = sized(2, { M: 0, L: 2 });
		const c = sized(3, { XL: 1 }, { options: [{ name: 'Glaze', values: ['Sage'] }], variants: [{ id: 'b0000000-0000-4000-a000-000000000039', sku: 'G', options: { Glaze: 'Sage' }, priceMinor: 1000, inventory: 1 }] });
		const local = LocalCatalog.build([...products, a, b, c], COLLECTIONS);
		const ids = (input: CatalogListInput) => listAll(local, { ...input, limit: 100 }).ids.sort();
		expect(ids({ option: { name: 'Size', value: 'M' } })).toEqual([a.id, b.id]);
		expect(ids({ option: { name: 'Size', value: 'M' }, inStock: true })).toEqual([a.id]);
		expect(ids({ option: { name: 'Size', value: 'S' }, inStock: true })).toEqual([]);
		expect(local.collection('kitchen')?.options).toEqual([{ name: 'Size', values: ['S', 'M', 'L'] }]);
		expect(local.collection('lighting')?.options).toEqual([]);
	});

	it('finds nothing for an unknown word or a search of stop words only', () => {
		expect(catalog.list(catalogListInput.parse({ q: 'zzqxv' }))).toEqual({ items: [], nextCursor: null, total: 0, totalCapped: false });
		expect(search('the')).toEqual([]);
		expect(search('the walnut')).toEqual(search('walnut'));
	});

	it('treats punctuation alone as no search', () => {
		for (const q of ['?!', '—…', '  -  ']) {
			expect(catalog.list(catalogListInput.parse({ q, limit: 5 }))).toEqual(catalog.list(catalogListInput.parse({ limit: 5 })));
		}
		expect(search('walnut!!!')).toEqual(search('walnut'));
	});

	it('keeps the other filters and the chosen sort', () => {
		for (const sort of catalogSorts) {
			expectSameAsReference({ q: 'oak', sort, limit: 7 });
		}
		expectSameAsReference({ q: 'walnu', collection: 'kitchen', inStock: true, sort: 'price_asc', limit: 3 });
		expectSameAsReference({ q: 'lamp', minPrice: 1000, maxPrice: 12000, sort: 'rating', limit: 4 });
		const prices = search('copper', { sort: 'price_asc' }).map((p) => p.priceMinor);
		expect(prices).toEqual([...prices].sort((a, b) => a - b));
		expect(search('copper', { collection: 'nope' })).toEqual([]);
	});

	it('pages a search with the same sort each time it is asked', () => {
		// The second sort must not reuse the first sort's remembered order.
		const newest = listAll(catalog, { q: 'maple', sort: 'newest', limit: 5 }).ids;
		const title = listAll(catalog, { q: 'maple', sort: 'title', limit: 5 }).ids;
		expect(newest).toEqual(reference(products, { q: 'maple', sort: 'newest' }).map((p) => p.id));
		expect(title).toEqual(reference(products, { q: 'maple', sort: 'title' }).map((p) => p.id));
		expect(title).not.toEqual(newest);
	});
});

describe('LocalCatalog lookups', () => {
	it('finds a product by slug with its details', () => {
		const p = visible.find((v) => v.images.length === 2)!;
		const detail = catalog.product(p.slug);
		expect(detail).toMatchObject({
			id: p.id,
			slug: p.slug,
			description: p.description,
			images: p.images,
			image: p.images[0],
			version: p.version,
			updatedAt: p.createdAt
		});
		expect(catalog.product('no-such-product')).toBeNull();
		const gone = products.find((v) => v.collectionId === GONE_COLLECTION)!;
		expect(catalog.product(gone.slug)).toBeNull();
	});

	it('returns copies, so a caller cannot change the catalog', () => {
		const p = visible.find((v) => v.images.length === 2)!;
		const detail = catalog.product(p.slug)!;
		detail.images[0]!.alt = 'changed';
		detail.image!.src = 'changed';
		detail.collection.title = 'changed';
		const [summary] = catalog.summaries([p.id]);
		summary!.image!.alt = 'changed too';
		const again = catalog.product(p.slug)!;
		expect(again.images).toEqual(p.images);
		expect(again.image).toEqual(p.images[0]);
		expect(again.collection.title).not.toBe('changed');
		expect(p.images[0]!.alt).not.toMatch(/changed/);
	});

	it('finds a collection by slug, with its product count', () => {
		const kitchen = visible.filter((p) => p.collectionId === COLLECTIONS[0]!.id).length;
		expect(catalog.collection('kitchen')).toEqual({
			id: COLLECTIONS[0]!.id,
			slug: 'kitchen',
			title: 'Kitchen',
			description: 'Cook and serve',
			productCount: kitchen,
			options: []
		});
		expect(catalog.collection('nope')).toBeNull();
	});

	it('lists collections by position, then title', () => {
		const all = catalog.collections();
		expect(all.map((c) => c.slug)).toEqual(['lighting', 'home', 'kitchen', 'empty']);
		expect(all.find((c) => c.slug === 'empty')!.productCount).toBe(0);
		expect(all.reduce((sum, c) => sum + c.productCount, 0)).toBe(visible.length);
	});

	it('gives summaries in the order asked, skipping unknown ids', () => {
		const [a, b, c] = [visible[5]!, visible[0]!, visible[17]!];
		const gone = products.find((v) => v.collectionId === GONE_COLLECTION)!;
		const found = catalog.summaries([a.id, 'unknown', b.id, gone.id, c.id]);
		expect(found.map((s) => s.id)).toEqual([a.id, b.id, c.id]);
		const { description: _d, images: _i, version: _v, updatedAt: _u, options: _o, variants: _s, ...summary } = catalog.product(a.slug)!;
		expect(found[0]).toEqual(summary);
		expect(catalog.summaries([])).toEqual([]);
	});

	it('gives products with their options and live variants, in the order asked, skipping unknown ids', () => {
		const apron = {
			...visible[3]!,
			options: [{ name: 'Size', values: ['Small', 'Large'] }],
			variants: [
				{ id: visible[3]!.id, sku: 'APR-S', options: { Size: 'Small' }, priceMinor: 4400, inventory: 2 },
				{ id: 'v0000000-0000-4000-a000-00000000000l', sku: 'APR-L', options: { Size: 'Large' }, priceMinor: 5200, inventory: 0 }
			]
		};
		// A product the device kept from before variants sells one, carrying its id.
		const { variants: _v, options: _o, ...kept } = visible[4]!;
		const local = LocalCatalog.build([apron, kept as SyncProduct], COLLECTIONS);
		const offers = local.offers([kept.id, 'unknown', apron.id]);
		expect(offers.map((o) => o.id)).toEqual([kept.id, apron.id]);
		expect(offers[0]).toMatchObject({ options: [], variants: [{ id: kept.id, options: {}, priceMinor: kept.priceMinor, inventory: kept.inventory }] });
		expect(offers[1]).toMatchObject({ title: apron.title, options: apron.options, variants: apron.variants });
		// Copies: what a page does with them stays on the page.
		offers[1]!.variants[0]!.options.Size = 'Huge';
		offers[1]!.options[0]!.values.push('Huge');
		expect(local.product(apron.slug)).toMatchObject({ options: [{ values: ['Small', 'Large'] }], variants: [{ options: { Size: 'Small' } }, {}] });
	});

	it('lists every picture once: first pictures in the shop’s order, then the rest of the galleries', () => {
		const shown = [...visible].sort(referenceOrder.newest);
		const first = shown.flatMap((p) => p.images.slice(0, 1).map((i) => i.src));
		const rest = shown.flatMap((p) => p.images.slice(1).map((i) => i.src));
		expect(catalog.pictures()).toEqual([...first, ...rest]);
		const twice = LocalCatalog.build([{ ...visible[0]!, images: [{ src: '/img/same.webp', alt: '' }, { src: '/img/same.webp', alt: '' }] }], COLLECTIONS);
		expect(twice.pictures()).toEqual(['/img/same.webp']);
	});
});

describe('LocalCatalog speed', () => {
	it('builds 10,000 products and searches them quickly', { timeout: 10_000 }, () => {
		const big = makeProducts({ count: 10_000, seed: 3, nonsense: true });
		const started = performance.now();
		const local = LocalCatalog.build(big, COLLECTIONS);
		const buildMs = performance.now() - started;
		expect(local.size).toBe(10_000);

		const timed = (input: CatalogListInput, catalog = local) => {
			const t = performance.now();
			const page = catalog.list(catalogListInput.parse(input));
			return { ms: performance.now() - t, page };
		};
		const sorts = (n: number) => catalogSorts[n % catalogSorts.length]!;

		// 100 words never searched before: single letters (the slowest: every word under them),
		// two-syllable prefixes of the product codes, and real words with and without typos.
		const syllables = ['ka', 'lo', 'mi', 'ren', 'tas', 'vo', 'ze', 'qui', 'bar', 'nel'];
		const fresh = [
			...'abcdefghijklmnopqrstuvwxyz',
			...syllables.flatMap((a) => syllables.map((b) => a + b)).slice(0, 58),
			...['walnut', 'wlanut', 'serivng', 'bowl', 'copper', 'coper', 'morning', 'evening', 'shelf', 'display', 'modern', 'rustic', 'ceramic', 'linen', 'lamp', 'zzqx']
		];
		expect(new Set(fresh).size).toBe(100);
		const fresh100 = fresh.map((q, n) => timed({ q, sort: sorts(n) }));
		expect(fresh100.find((_, n) => fresh[n] === 'wlanut')!.page.total).toBeGreaterThan(0);

		// 100 searches of one to three words, most of them sharing words searched before (as when typing).
		const words = ['walnut', 'wal', 'serivng', 'large oak', 'bowl', 'kalo', 'morning coffee', 'coper', 'modern lamp', 'zzqx'];
		const extras = ['', 'ka', 'lo', 'mi', 'ren', 'tas', 'modern', 'large', 'serving', 'b'];
		const mixed = words.flatMap((w, i) => extras.map((e, j) => ({ q: `${w} ${e}`.trim(), sort: sorts(i + j) })));
		const mixed100 = mixed.map((input) => ({ ...input, ...timed(input) }));
		// Each search's second page, as when scrolling.
		const nextPage = mixed.map((input) => timed({ ...input, cursor: local.list(catalogListInput.parse(input)).nextCursor ?? undefined }));
		// Collection pages, with and without the stock filter, at different depths.
		const collectionPages = Array.from({ length: 100 }, (_, n) =>
			timed({ collection: COLLECTIONS[n % 3]!.slug, sort: sorts(n), inStock: n % 2 === 0, cursor: `local:${(n % 10) * 24}` })
		);
		expect(collectionPages.every((c) => c.page.items.length === 24)).toBe(true);

		// The same first-time words on a second catalog, once the engine has compiled the code.
		const again = performance.now();
		const second = LocalCatalog.build(big, COLLECTIONS);
		const secondBuildMs = performance.now() - again;
		const freshAgain = fresh.map((q, n) => timed({ q, sort: sorts(n) }, second));

		const at = (list: { ms: number }[], p: number) => {
			const sorted = list.map((x) => x.ms).sort((a, b) => a - b);
			return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!.toFixed(3);
		};
		const figures = (list: { ms: number }[]) => `p50 ${at(list, 0.5)} ms, p95 ${at(list, 0.95)} ms, max ${at(list, 1)} ms`;
		console.log(
			[
				`LocalCatalog, 10,000 products: build ${buildMs.toFixed(1)} ms`,
				`  100 first-time one-word searches: ${figures(fresh100)}`,
				`  again on a second catalog (build ${secondBuildMs.toFixed(1)} ms): ${figures(freshAgain)}`,
				`  100 searches sharing words: ${figures(mixed100)}`,
				`  their second pages: ${figures(nextPage)}`,
				`  100 collection pages: ${figures(collectionPages)}`,
				`  slowest: ${[...mixed100, ...fresh100.map((f, n) => ({ ...f, q: fresh[n]! }))]
					.sort((a, b) => b.ms - a.ms)
					.slice(0, 4)
					.map((s) => `"${s.q}" ${s.ms.toFixed(1)} ms (${s.page.total}${s.page.totalCapped ? '+' : ''} found)`)
					.join(', ')}`
			].join('\n')
		);
	});
});
