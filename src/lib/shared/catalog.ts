import { z } from 'zod';

export const catalogSorts = ['newest', 'price_asc', 'price_desc', 'title', 'rating'] as const;
export type CatalogSort = (typeof catalogSorts)[number];

export const sortLabels: Record<CatalogSort, string> = {
	newest: 'Newest',
	price_asc: 'Price: low to high',
	price_desc: 'Price: high to low',
	title: 'Name: A to Z',
	rating: 'Top rated'
};

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 24;
/** The largest price a filter may name, in minor units ($1,000,000.00). */
const MAX_PRICE_MINOR = 100_000_000;

export const slugSchema = z
	.string()
	.min(1)
	.max(120)
	.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lower-case letters, digits and single hyphens');

const priceSchema = z.number().int().min(0).max(MAX_PRICE_MINOR);
export const cursorSchema = z.string().min(1).max(400);

export const catalogListInput = z
	.strictObject({
		q: z.string().trim().max(100).optional(),
		collection: slugSchema.optional(),
		minPrice: priceSchema.optional(),
		maxPrice: priceSchema.optional(),
		inStock: z.boolean().optional(),
		sort: z.enum(catalogSorts).default('newest'),
		cursor: cursorSchema.optional(),
		limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE)
	})
	.refine((i) => i.minPrice === undefined || i.maxPrice === undefined || i.minPrice <= i.maxPrice, {
		message: 'minPrice must not be greater than maxPrice',
		path: ['minPrice']
	});
export type CatalogListInput = z.input<typeof catalogListInput>;
export type CatalogListQuery = z.output<typeof catalogListInput>;

export const catalogProductInput = z.union([
	z.strictObject({ slug: slugSchema }),
	z.strictObject({ id: z.uuid() })
]);

export type ProductImage = { src: string; alt: string };

export type ProductSummary = {
	id: string;
	slug: string;
	title: string;
	priceMinor: number;
	currency: string;
	inventory: number;
	image: ProductImage | null;
	rating: number | null;
	reviewCount: number;
	collection: { slug: string; title: string };
};

export type ProductDetail = ProductSummary & {
	description: string;
	images: ProductImage[];
	version: number;
	updatedAt: string;
};

export type CollectionSummary = {
	id: string;
	slug: string;
	title: string;
	description: string;
	productCount: number;
};

export type Page<T> = { items: T[]; nextCursor: string | null };

/** `total` counts matches up to a cap; `totalCapped` says there are more than that. */
export type CatalogPage = Page<ProductSummary> & { total: number; totalCapped: boolean };

/** Products at or below this count show as "only N left". */
export const LOW_STOCK = 5;

export function stockState(inventory: number): 'sold_out' | 'low' | 'in_stock' {
	if (inventory <= 0) return 'sold_out';
	return inventory <= LOW_STOCK ? 'low' : 'in_stock';
}
