import MiniSearch, { type Query } from 'minisearch';
import {
	COUNT_CAP,
	DEFAULT_PAGE_SIZE,
	MAX_SEARCH_WORDS,
	MAX_PAGE_SIZE,
	catalogSorts,
	type CatalogPage,
	type CatalogSort,
	type CollectionSummary,
	type ProductDetail,
	type ProductSummary
} from '$lib/shared/catalog';
import type { CatalogListQuery } from '$lib/shared/catalog-input';
import type { SyncCollection, SyncProduct } from '$lib/shared/sync';


/** Words shorter than this are matched exactly or by prefix, never fuzzily. */
const MIN_FUZZY_LENGTH = 4;

const CURSOR_PREFIX = 'local:';
const CURSOR_PATTERN = /^local:(\d{1,9})$/;

/**
 * Words whose matches are remembered, so paging through a search, changing its sort or
 * filters, or typing one more word does not search for the earlier words again.
 */
const WORD_CACHE_SIZE = 64;

/** The server's word pattern (see `toPrefixQuery`): runs of letters and digits. */
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Postgres's English stop words (tsearch_data/english.stop). The server's `english` text
 * search drops them from both the products and the query, so the device does too.
 */
const STOP_WORDS = new Set(
	(
		'i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers ' +
		'herself it its itself they them their theirs themselves what which who whom this that these those am is ' +
		'are was were be been being have has had having do does did doing a an the and but if or because as until ' +
		'while of at by for with about against between into through during before after above below to from up ' +
		'down in out on off over under again further then once here there when where why how all any both each ' +
		'few more most other some such no nor not only own same so than too very s t can will just don should now'
	).split(' ')
);

function words(text: string): string[] {
	return text.toLowerCase().match(WORD) ?? [];
}

function keepTerm(term: string): string | null {
	return STOP_WORDS.has(term) ? null : term;
}

/**
 * The words of a shopper's search as the server reads them: the first eight words,
 * stop words left out. `null` when the text has no words at all (no search); an empty
 * list when every word is a stop word (a search that matches nothing, as on the server).
 */
function searchTerms(text: string | undefined): string[] | null {
	if (!text) return null;
	const found = words(text).slice(0, MAX_SEARCH_WORDS);
	if (found.length === 0) return null;
	return [...new Set(found.filter((w) => !STOP_WORDS.has(w)))];
}

/** Each spelling of `term` with two neighbouring characters swapped ("wlanut" → "walnut", …). */
function transpositions(term: string): string[] {
	const out = new Set<string>();
	for (let i = 0; i + 1 < term.length; i++) {
		if (term[i] === term[i + 1]) continue;
		out.add(term.slice(0, i) + term[i + 1] + term[i] + term.slice(i + 2));
	}
	return [...out];
}

/**
 * One word of four or more letters: by prefix, within one edit per five characters
 * (Levenshtein), and — since a swap of two letters is two Levenshtein edits — by prefix
 * of any one swap.
 */
function wordQuery(term: string): Query {
	return {
		combineWith: 'OR',
		queries: [term, { combineWith: 'OR', fuzzy: false, prefix: true, queries: transpositions(term) }]
	};
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

type IndexDoc = { i: number; title: string; description: string };

/**
 * MiniSearch over titles and descriptions, and every indexed word in code-unit order with
 * the products holding it. Words of one to three letters match by prefix only, where the
 * word list answers at once; MiniSearch would score every word under the prefix ("c" →
 * thousands) for a ranking the sorts ignore.
 */
type TextIndex = { search: MiniSearch<IndexDoc>; terms: string[]; postings: Uint32Array[] };

type Entry = {
	product: SyncProduct;
	collection: SyncCollection;
	/** Index of the collection in the catalog's collection list. */
	collectionIndex: number;
	createdMs: number;
	ratingKey: number;
};

function sortComparator(sort: CatalogSort, entries: Entry[]): (a: number, b: number) => number {
	const e = (i: number) => entries[i]!;
	switch (sort) {
		case 'newest':
			return (a, b) => e(b).createdMs - e(a).createdMs || compareText(e(b).product.id, e(a).product.id);
		case 'price_asc':
			return (a, b) =>
				e(a).product.priceMinor - e(b).product.priceMinor || compareText(e(a).product.id, e(b).product.id);
		case 'price_desc':
			return (a, b) =>
				e(b).product.priceMinor - e(a).product.priceMinor || compareText(e(b).product.id, e(a).product.id);
		case 'title':
			return (a, b) =>
				compareText(e(a).product.title, e(b).product.title) || compareText(e(a).product.id, e(b).product.id);
		case 'rating':
			return (a, b) => e(b).ratingKey - e(a).ratingKey || compareText(e(b).product.id, e(a).product.id);
	}
}

function toSummary(entry: Entry): ProductSummary {
	const p = entry.product;
	const image = p.images[0];
	return {
		id: p.id,
		slug: p.slug,
		title: p.title,
		priceMinor: p.priceMinor,
		currency: p.currency,
		inventory: p.inventory,
		image: image ? { src: image.src, alt: image.alt } : null,
		rating: p.rating,
		reviewCount: p.reviewCount,
		collection: { slug: entry.collection.slug, title: entry.collection.title }
	};
}

/**
 * Where a page starts: the device's own `local:<offset>`, or a cursor the server made for
 * the same sort (base64url JSON `[sort, key, id]`), continued after the product it names,
 * so paging goes on seamlessly when the device takes over from the network.
 */
function parseCursor(cursor: string | undefined, sort: CatalogSort): { offset: number } | { afterId: string } {
	if (!cursor) return { offset: 0 };
	const match = CURSOR_PATTERN.exec(cursor);
	if (match) return { offset: Number(match[1]) };
	try {
		const parsed: unknown = JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')));
		if (Array.isArray(parsed) && parsed[0] === sort && typeof parsed[2] === 'string') return { afterId: parsed[2] };
	} catch {
		// Not a cursor we know: start from the top.
	}
	return { offset: 0 };
}

const emptyPage = (): CatalogPage => ({ items: [], nextCursor: null, total: 0, totalCapped: false });

/**
 * The catalog held in memory on the device, so the shop can browse and search without the
 * network. It answers `catalog.list` with the server's filters, sorts and page shape; its
 * cursors are its own (`local:<offset>`), so a page from the server never continues here.
 */
export class LocalCatalog {
	readonly size: number;

	readonly #entries: Entry[];
	readonly #collections: SyncCollection[];
	readonly #productCounts: number[];
	readonly #collectionBySlug: Map<string, number>;
	readonly #bySlug: Map<string, number>;
	readonly #byId: Map<string, number>;
	/** Per product index, for the filter loop. */
	readonly #price: Float64Array;
	readonly #inventory: Float64Array;
	/** Product indices in each sort's order, for all products and per collection. */
	readonly #order: Record<CatalogSort, Uint32Array>;
	readonly #collectionOrder: Record<CatalogSort, Uint32Array>[];
	/** The words of every product, indexed at the first search: browsing never pays for it. */
	#text: TextIndex | null = null;
	/** Per search word, a flag per product index: 1 where the word matches. */
	readonly #wordCache = new Map<string, Uint8Array>();

	private constructor(products: SyncProduct[], collections: SyncCollection[]) {
		const collectionById = new Map<string, SyncCollection>();
		for (const c of collections) collectionById.set(c.id, c);
		this.#collections = [...collectionById.values()].sort(
			(a, b) => a.position - b.position || compareText(a.title, b.title) || compareText(a.id, b.id)
		);
		const collectionIndex = new Map(this.#collections.map((c, i) => [c.id, i]));
		this.#collectionBySlug = new Map(this.#collections.map((c, i) => [c.slug, i]));

		// One row per id (the last wins), and only products whose collection exists.
		const productById = new Map<string, SyncProduct>();
		for (const p of products) productById.set(p.id, p);
		const entries: Entry[] = [];
		for (const product of productById.values()) {
			const ci = collectionIndex.get(product.collectionId);
			if (ci === undefined) continue;
			const createdMs = Date.parse(product.createdAt);
			entries.push({
				product,
				collection: this.#collections[ci]!,
				collectionIndex: ci,
				createdMs: Number.isNaN(createdMs) ? 0 : createdMs,
				ratingKey: product.rating ?? 0
			});
		}
		this.#entries = entries;
		this.size = entries.length;

		const n = entries.length;
		this.#price = new Float64Array(n);
		this.#inventory = new Float64Array(n);
		this.#bySlug = new Map();
		this.#byId = new Map();
		this.#productCounts = this.#collections.map(() => 0);
		for (let i = 0; i < n; i++) {
			const entry = entries[i]!;
			this.#price[i] = entry.product.priceMinor;
			this.#inventory[i] = entry.product.inventory;
			this.#bySlug.set(entry.product.slug, i);
			this.#byId.set(entry.product.id, i);
			this.#productCounts[entry.collectionIndex]!++;
		}

		const identity = Array.from({ length: n }, (_, i) => i);
		const order = {} as Record<CatalogSort, Uint32Array>;
		this.#collectionOrder = this.#collections.map(() => ({}) as Record<CatalogSort, Uint32Array>);
		for (const sort of catalogSorts) {
			const sorted = Uint32Array.from(identity.slice().sort(sortComparator(sort, entries)));
			order[sort] = sorted;
			const buckets: number[][] = this.#collections.map(() => []);
			for (const i of sorted) buckets[entries[i]!.collectionIndex]!.push(i);
			buckets.forEach((bucket, ci) => (this.#collectionOrder[ci]![sort] = Uint32Array.from(bucket)));
		}
		this.#order = order;
	}

	static build(products: SyncProduct[], collections: SyncCollection[]): LocalCatalog {
		return new LocalCatalog(products, collections);
	}

	#textIndex(): TextIndex {
		if (this.#text) return this.#text;
		const entries = this.#entries;
		const search = new MiniSearch<IndexDoc>({
			idField: 'i',
			fields: ['title', 'description'],
			storeFields: [],
			tokenize: words,
			processTerm: keepTerm,
			searchOptions: {
				boost: { title: 3 },
				prefix: true,
				fuzzy: (term) => (term.length >= MIN_FUZZY_LENGTH ? 0.2 : false),
				combineWith: 'AND'
			}
		});
		search.addAll(entries.map((e, i) => ({ i, title: e.product.title, description: e.product.description })));

		const postings = new Map<string, number[]>();
		for (let i = 0; i < entries.length; i++) {
			const p = entries[i]!.product;
			for (const term of words(`${p.title} ${p.description}`)) {
				if (STOP_WORDS.has(term)) continue;
				const list = postings.get(term);
				if (!list) postings.set(term, [i]);
				else if (list[list.length - 1] !== i) list.push(i);
			}
		}
		const terms = [...postings.keys()].sort();
		return (this.#text = { search, terms, postings: terms.map((term) => Uint32Array.from(postings.get(term)!)) });
	}

	/**
	 * Same filters, sorts and result shape as the server's `catalog.list`. `cursor` is the
	 * device's own (`local:<offset>`) or one of the server's; see `parseCursor`.
	 */
	list(query: CatalogListQuery): CatalogPage {
		const sort: CatalogSort = catalogSorts.includes(query.sort) ? query.sort : 'newest';
		const limit = Math.min(Math.max(Math.trunc(query.limit) || DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
		const position = parseCursor(query.cursor, sort);
		const afterId = 'afterId' in position ? position.afterId : null;
		let offset = 'offset' in position ? position.offset : Infinity;

		let collection = -1;
		if (query.collection) {
			const found = this.#collectionBySlug.get(query.collection);
			if (found === undefined) return emptyPage();
			collection = found;
		}

		const candidates = collection >= 0 ? this.#collectionOrder[collection]![sort] : this.#order[sort];
		let matches: Uint8Array | null = null;
		const terms = searchTerms(query.q);
		if (terms) {
			if (terms.length === 0) return emptyPage();
			matches = this.#matches(terms);
		}

		const { minPrice, maxPrice, inStock } = query;
		const min = minPrice ?? -Infinity;
		const max = maxPrice ?? Infinity;
		const price = this.#price;
		const inventory = this.#inventory;
		let end = offset + limit;
		const items: ProductSummary[] = [];
		let count = 0;
		for (let r = 0; r < candidates.length; r++) {
			const i = candidates[r]!;
			if (matches && !matches[i]) continue;
			const p = price[i]!;
			if (p < min || p > max) continue;
			if (inStock && !(inventory[i]! > 0)) continue;
			if (afterId !== null && offset === Infinity && this.#entries[i]!.product.id === afterId) {
				offset = count + 1;
				end = offset + limit;
			}
			if (count >= offset && count < end) items.push(toSummary(this.#entries[i]!));
			count++;
			// Past the cap and past this page, nothing more is needed.
			if (count > COUNT_CAP && count > end) break;
		}

		// The product a server cursor named is gone (or filtered out): start from the top.
		if (offset === Infinity) return this.list({ ...query, cursor: undefined });
		return {
			items,
			nextCursor: count > end ? `${CURSOR_PREFIX}${end}` : null,
			total: Math.min(count, COUNT_CAP),
			totalCapped: count > COUNT_CAP
		};
	}

	/** The product with this slug, or null (also when its collection is gone). */
	product(slug: string): ProductDetail | null {
		const i = this.#bySlug.get(slug);
		if (i === undefined) return null;
		const entry = this.#entries[i]!;
		const p = entry.product;
		return {
			...toSummary(entry),
			description: p.description,
			images: p.images.map((image) => ({ src: image.src, alt: image.alt })),
			version: p.version,
			// The device keeps no updatedAt; when the product was added is the closest it has.
			updatedAt: p.createdAt
		};
	}

	collection(slug: string): CollectionSummary | null {
		const i = this.#collectionBySlug.get(slug);
		return i === undefined ? null : this.#collectionSummary(i);
	}

	/** Every collection, by position then title, with how many products it holds. */
	collections(): CollectionSummary[] {
		return this.#collections.map((_, i) => this.#collectionSummary(i));
	}

	/** These products in the order given, leaving out ids the catalog does not hold. */
	summaries(productIds: string[]): ProductSummary[] {
		const out: ProductSummary[] = [];
		for (const id of productIds) {
			const i = this.#byId.get(id);
			if (i !== undefined) out.push(toSummary(this.#entries[i]!));
		}
		return out;
	}

	/**
	 * The address of every picture of every product, once each: first pictures (the ones
	 * grids show) in the shop's default order, then the rest of each product's gallery.
	 */
	pictures(): string[] {
		const newest = Array.from(this.#order.newest, (i) => this.#entries[i]!.product.images);
		const all = new Set<string>();
		for (const images of newest) if (images[0]) all.add(images[0].src);
		for (const images of newest) for (const image of images.slice(1)) all.add(image.src);
		return [...all];
	}

	#collectionSummary(i: number): CollectionSummary {
		const c = this.#collections[i]!;
		return { id: c.id, slug: c.slug, title: c.title, description: c.description, productCount: this.#productCounts[i]! };
	}

	/** A flag per product index: 1 where every word matches (shared; do not change it). */
	#matches(terms: string[]): Uint8Array {
		const masks = terms.map((term) => this.#wordMatches(term));
		if (masks.length === 1) return masks[0]!;
		const all = masks[0]!.slice();
		for (let m = 1; m < masks.length; m++) {
			const mask = masks[m]!;
			for (let i = 0; i < all.length; i++) all[i]! &= mask[i]!;
		}
		return all;
	}

	#wordMatches(term: string): Uint8Array {
		const cached = this.#wordCache.get(term);
		if (cached) {
			// Most recently used last, so the oldest goes first.
			this.#wordCache.delete(term);
			this.#wordCache.set(term, cached);
			return cached;
		}
		const mask = new Uint8Array(this.size);
		const { search, terms, postings } = this.#textIndex();
		if (term.length < MIN_FUZZY_LENGTH) {
			// The first word at or after `term`, then every word that starts with it.
			let lo = 0;
			let hi = terms.length;
			while (lo < hi) {
				const mid = (lo + hi) >>> 1;
				if (terms[mid]! < term) lo = mid + 1;
				else hi = mid;
			}
			for (let k = lo; k < terms.length && terms[k]!.startsWith(term); k++) {
				for (const i of postings[k]!) mask[i] = 1;
			}
		} else {
			for (const result of search.search(wordQuery(term))) mask[result.id as number] = 1;
		}
		this.#wordCache.set(term, mask);
		if (this.#wordCache.size > WORD_CACHE_SIZE) {
			const oldest = this.#wordCache.keys().next();
			if (!oldest.done) this.#wordCache.delete(oldest.value);
		}
		return mask;
	}
}
