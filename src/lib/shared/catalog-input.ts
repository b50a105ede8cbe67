// The catalog's inputs as the API validates them. Kept apart from `catalog.ts` so that
// pages which only show products do not load zod.
import { z } from './zod';
import {
	DEFAULT_PAGE_SIZE,
	MAX_CURSOR_LENGTH,
	MAX_PAGE_SIZE,
	MAX_PRICE_MINOR,
	MAX_SEARCH_LENGTH,
	MAX_SLUG_LENGTH,
	SLUG_PATTERN,
	catalogSorts,
	CROSSED_PRICES,
	defaultSort
} from './catalog';

export const slugSchema = z
	.string()
	.min(1)
	.max(MAX_SLUG_LENGTH)
	.regex(SLUG_PATTERN, 'Use lower-case letters, digits and single hyphens.');

const priceSchema = z.number().int().min(0).max(MAX_PRICE_MINOR);
export const cursorSchema = z.string().min(1).max(MAX_CURSOR_LENGTH);

export const catalogListInput = z
	.strictObject({
		q: z.string().trim().max(MAX_SEARCH_LENGTH).optional(),
		collection: slugSchema.optional(),
		minPrice: priceSchema.optional(),
		maxPrice: priceSchema.optional(),
		inStock: z.boolean().optional(),
		/** Products sold in this value of this option ("Size" "Medium"); with inStock, in stock in it. */
		option: z.strictObject({ name: z.string().min(1).max(40), value: z.string().min(1).max(40) }).optional(),
		sort: z.enum(catalogSorts).optional(),
		cursor: cursorSchema.optional(),
		limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE)
	})
	.refine((i) => i.minPrice === undefined || i.maxPrice === undefined || i.minPrice <= i.maxPrice, {
		message: CROSSED_PRICES,
		path: ['minPrice']
	})
	.transform((i) => ({ ...i, sort: i.sort ?? defaultSort(i.q) }));
export type CatalogListInput = z.input<typeof catalogListInput>;
export type CatalogListQuery = z.output<typeof catalogListInput>;

export const catalogProductInput = z.union([
	z.strictObject({ slug: slugSchema }),
	z.strictObject({ id: z.uuid() })
]);
