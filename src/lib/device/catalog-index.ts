import {
	COUNT_CAP,
	DEFAULT_PAGE_SIZE,
	MAX_PAGE_SIZE,
	catalogSorts,
	productFace,
	type CatalogPage,
	type CatalogSort,
	type CollectionSummary,
	type ProductDetail,
	type ProductSummary
} from '$lib/shared/catalog';
import type { CatalogListQuery } from '$lib/shared/catalog-input';
import { TextSearch } from '$lib/shared/search-index';
import { rank, searchTerms } from '$lib/shared/search-ranking';
import type { SyncCollection, SyncProduct } from '$lib/shared/sync';
import { sharedOptions, variantsOf, type ProductOption } from '$lib/shared/variants';

/** A product with what it sells: what a cart line needs to show it and change its choice. */
export type ProductOffer = ProductSummary & Pick<ProductDetail, 'options' | 'variants'>;

/** A product's options and live variants, as copies (a caller cannot change the catalog through them). */
function sells(p: SyncProduct): Pick<ProductDetail, 'options' | 'variants'> {
	return {
		options: (p.options ?? []).map((o) => ({ name: o.name, values: [...o.values] })),
		variants: variantsOf(p).map((v) => ({ ...v, options: { ...v.options } }))
	};
}

const CURSOR_PREFIX = 'local:';
const CURSOR_PATTERN = /^local:(\d{1,9})$/;

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

type Entry = {
	product: SyncProduct;
	collection: SyncCollection;
	/** Index of the collection in the catalog's collection list. */
	collectionIndex: number;
	createdMs: number;
	ratingKey: number;
};

/** The orders kept ready. "Best match" is ranked per search, and is newest without one. */
type ReadySort = Exclude<CatalogSort, 'relevance'>;
const readySorts = catalogSorts.filter((s): s is ReadySort => s !== 'relevance');

function sortComparator(sort: ReadySort, entries: Entry[]): (a: number, b: number) => number {
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

/** Whether a product sells a live variant in this value of this option (in stock, when asked). */
function sellsIn(p: SyncProduct, option: { name: string; value: string }, inStock?: boolean): boolean {
	return variantsOf(p).some((v) => v.options[option.name] === option.value && (!inStock || v.inventory > 0));
}

/** What a search reads of a product: its title, and its description with the values it comes in ("sage apron", "apron medium"). */
function searchText(p: SyncProduct): { title: string; description: string } {
	const values = (p.options ?? []).flatMap((o) => o.values);
	return { title: p.title, description: values.length ? `${p.description} ${values.join(' ')}` : p.description };
}

function toSummary(entry: Entry): ProductSummary {
	const p = entry.product;
	return {
		...productFace(p),
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
	readonly #collectionOptions: ProductOption[][];
	readonly #collectionBySlug: Map<string, number>;
	readonly #bySlug: Map<string, number>;
	readonly #byId: Map<string, number>;
	/** Per product index, for the filter loop. */
	readonly #price: Float64Array;
	readonly #inventory: Float64Array;
	/** Product indices in each sort's order, for all products and per collection. */
	readonly #order: Record<ReadySort, Uint32Array>;
	readonly #collectionOrder: Record<ReadySort, Uint32Array>[];
	/** The words of every product, indexed at the first search: browsing never pays for it. */
	#text: TextSearch | null = null;

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

		const sells: ProductOption[][][] = this.#collections.map(() => []);
		for (const entry of entries) if (entry.product.options?.length) sells[entry.collectionIndex]!.push(entry.product.options);
		this.#collectionOptions = sells.map(sharedOptions);

		const identity = Array.from({ length: n }, (_, i) => i);
		const order = {} as Record<ReadySort, Uint32Array>;
		this.#collectionOrder = this.#collections.map(() => ({}) as Record<ReadySort, Uint32Array>);
		for (const sort of readySorts) {
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

		const ready = sort === 'relevance' ? 'newest' : sort;
		let candidates: ArrayLike<number> = collection >= 0 ? this.#collectionOrder[collection]![ready] : this.#order[ready];
		let matches: Uint16Array | null = null;
		const terms = searchTerms(query.q);
		if (terms) {
			if (terms.length === 0) return emptyPage();
			this.#text ??= new TextSearch(this.#entries.map((e) => searchText(e.product)));
			matches = this.#text.scores(terms);
			if (sort === 'relevance') candidates = this.#ranked(candidates, matches);
		}

		const { minPrice, maxPrice, inStock, option } = query;
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
			if (option && !sellsIn(this.#entries[i]!.product, option, inStock)) continue;
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
			...sells(p),
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

	/** These products with their options and live variants, in the order given, leaving out ids the catalog does not hold. */
	offers(productIds: string[]): ProductOffer[] {
		return productIds.flatMap((id) => {
			const i = this.#byId.get(id);
			if (i === undefined) return [];
			const entry = this.#entries[i]!;
			return [{ ...toSummary(entry), ...sells(entry.product) }];
		});
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
		return { id: c.id, slug: c.slug, title: c.title, description: c.description, productCount: this.#productCounts[i]!, options: this.#collectionOptions[i]! };
	}

	/** These candidates that match, best rank first, then by id as the server breaks ties. */
	#ranked(candidates: ArrayLike<number>, scores: Uint16Array): number[] {
		const found = Array.from(candidates).filter((i) => scores[i]);
		const ranks = new Uint32Array(this.size);
		for (const i of found) ranks[i] = rank(scores[i]!, this.#inventory[i]!);
		const id = (i: number) => this.#entries[i]!.product.id;
		return found.sort((a, b) => ranks[b]! - ranks[a]! || compareText(id(b), id(a)));
	}
}
