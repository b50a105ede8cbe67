// The catalog's inputs as the API validates them, and the query a page's URL makes. Kept
// apart from `catalog.ts` so that pages which only show products do not load zod.
import { z } from 'zod';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, catalogSorts } from './catalog';
import type { CatalogParams } from './catalog-url';
import { parseMajorUnits } from './money';

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

/**
 * A URL's filters as a `catalog.list` query. A shared link with one bad value still opens
 * the shop: that value is dropped rather than failing the page.
 */
export function catalogQuery(p: CatalogParams, cursor?: string | null): CatalogListQuery {
	const candidate = {
		q: p.q.trim() || undefined,
		collection: p.collection || undefined,
		minPrice: parseMajorUnits(p.min) ?? undefined,
		maxPrice: parseMajorUnits(p.max) ?? undefined,
		inStock: p.inStock || undefined,
		sort: p.sort,
		cursor: cursor || undefined
	};
	const parsed = catalogListInput.safeParse(candidate);
	if (parsed.success) return parsed.data;
	const bad = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
	return catalogListInput.parse(
		Object.fromEntries(Object.entries(candidate).filter(([key]) => !bad.has(key)))
	);
}
