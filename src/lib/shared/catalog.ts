import type { ProductOption, VariantView } from './variants';

export const catalogSorts = ['relevance', 'newest', 'price_asc', 'price_desc', 'title', 'rating'] as const;
export type CatalogSort = (typeof catalogSorts)[number];

/**
 * The order a list takes when none is chosen: best match first for a search, else newest.
 * Without a search, "best match" has nothing to rank and lists the newest first.
 */
export const defaultSort = (q: string | undefined): CatalogSort => (q?.trim() ? 'relevance' : 'newest');

export const sortLabels: Record<CatalogSort, string> = {
	relevance: 'Best match',
	newest: 'Newest',
	price_asc: 'Price: low to high',
	price_desc: 'Price: high to low',
	title: 'Name: A to Z',
	rating: 'Top rated'
};

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 24;
/** The largest price a filter may name, in minor units ($1,000,000.00). */
export const MAX_PRICE_MINOR = 100_000_000;
export const MAX_SEARCH_LENGTH = 100;
export const MAX_CURSOR_LENGTH = 400;
export const MAX_SLUG_LENGTH = 120;
/** What a crossed price range is told, on the device and by the API alike. */
export const CROSSED_PRICES = 'The lowest price is above the highest. Swap them, or clear one.';
/** A search reads at most this many words, on the server and on the device alike. */
export const MAX_SEARCH_WORDS = 8;
/** Counting matches stops here and the page says "1,000+ products". */
export const COUNT_CAP = 1000;

/** A product's average rating to one decimal, or null before its first review. */
export const averageRating = (ratingTotal: number, reviewCount: number): number | null =>
	reviewCount ? Math.round((ratingTotal / reviewCount) * 10) / 10 : null;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export type ProductImage = { src: string; alt: string };

/** What every list of products shows of one (a grid, the cart, an assistant's answer): enough to show it and put it in the cart. */
export type ProductFace = {
	id: string;
	slug: string;
	title: string;
	/** The price of its cheapest variant. */
	priceMinor: number;
	/** The price of its dearest variant, when its variants differ in price ("from" prices). */
	priceMaxMinor?: number;
	currency: string;
	/** Units over all its variants. */
	inventory: number;
	image: ProductImage | null;
};

/** A product's face, from a product with all its pictures: the first picture shows. */
export function productFace(p: Omit<ProductFace, 'image'> & { images: ProductImage[] }): ProductFace {
	const image = p.images[0];
	return {
		id: p.id,
		slug: p.slug,
		title: p.title,
		priceMinor: p.priceMinor,
		...(p.priceMaxMinor !== undefined && p.priceMaxMinor !== p.priceMinor && { priceMaxMinor: p.priceMaxMinor }),
		currency: p.currency,
		inventory: p.inventory,
		image: image ? { src: image.src, alt: image.alt } : null
	};
}

export type ProductSummary = ProductFace & {
	rating: number | null;
	reviewCount: number;
	collection: { slug: string; title: string };
};

export type ProductDetail = ProductSummary & {
	description: string;
	options: ProductOption[];
	/** Its live variants: one, carrying the product's id, for a product without options. */
	variants: VariantView[];
	images: ProductImage[];
	version: number;
	updatedAt: string;
};

/**
 * The variant a product page shows: the one its address names, else the first in stock, else
 * the first, so the page always shows a variant's price and stock. (Here rather than with the
 * other rules of choosing, in `variant-choice.ts`: every product page needs it first thing.)
 */
export function shownVariant<V extends Pick<VariantView, 'id' | 'inventory'>>(variants: V[], id: string | null): V | undefined {
	return variants.find((v) => v.id === id) ?? variants.find((v) => v.inventory > 0) ?? variants[0];
}

export type CollectionSummary = {
	id: string;
	slug: string;
	title: string;
	description: string;
	productCount: number;
	/** The options its products share, for filtering by a value (see `sharedOptions`). */
	options: ProductOption[];
};

export type Page<T> = { items: T[]; nextCursor: string | null };

/** `total` counts matches up to a cap; `totalCapped` says there are more than that. */
export type CatalogPage = Page<ProductSummary> & { total: number; totalCapped: boolean };

/** The longest review a shopper may write, in characters. */
export const REVIEW_MAX = 2000;

/** Products at or below this count show as "only N left". */
export const LOW_STOCK = 5;

export function stockState(inventory: number): 'sold_out' | 'low' | 'in_stock' {
	if (inventory <= 0) return 'sold_out';
	return inventory <= LOW_STOCK ? 'low' : 'in_stock';
}
