import {
	DEFAULT_PAGE_SIZE,
	MAX_CURSOR_LENGTH,
	MAX_PRICE_MINOR,
	MAX_SEARCH_LENGTH,
	MAX_SLUG_LENGTH,
	SLUG_PATTERN,
	catalogSorts,
	defaultSort,
	type CatalogSort
} from './catalog';
import type { CatalogListQuery } from './catalog-input';
import { parseMajorUnits } from './money';

/** The catalog filters as they appear in a shareable URL (prices in major units). */
export type CatalogParams = {
	q: string;
	collection: string;
	min: string;
	max: string;
	inStock: boolean;
	/** An option value to filter by, as "Name:Value" ("Size:Medium"); '' for none. */
	option: string;
	sort: CatalogSort;
};

/** "Size:Medium" → { name: 'Size', value: 'Medium' }, or undefined when it is not one. */
export function parseOptionParam(text: string): { name: string; value: string } | undefined {
	const at = text.indexOf(':');
	const [name, value] = [text.slice(0, at).trim(), text.slice(at + 1).trim()];
	return at > 0 && name && value && name.length <= 40 && value.length <= 40 ? { name, value } : undefined;
}

export function readCatalogParams(params: URLSearchParams): CatalogParams {
	const sort = params.get('sort') ?? '';
	const q = (params.get('q') ?? '').slice(0, MAX_SEARCH_LENGTH);
	return {
		q,
		collection: params.get('collection') ?? '',
		min: params.get('min') ?? '',
		max: params.get('max') ?? '',
		inStock: params.get('instock') === '1',
		option: params.get('option') ?? '',
		sort: (catalogSorts as readonly string[]).includes(sort) ? (sort as CatalogSort) : defaultSort(q)
	};
}

/** Whether both prices are given and the lowest is above the highest: no search is run then. */
export function crossedPrices(p: Pick<CatalogParams, 'min' | 'max'>): boolean {
	const [min, max] = [parseMajorUnits(p.min), parseMajorUnits(p.max)];
	return min !== null && max !== null && min > max;
}

/**
 * A URL's filters as a `catalog.list` query. A shared link with one bad value still opens
 * the shop: that value is dropped rather than failing the page. It keeps to the limits
 * `catalogListInput` checks (a test holds the two together) without loading zod, as every
 * catalog page runs it while it first shows.
 */
export function catalogQuery(p: CatalogParams, cursor?: string | null): CatalogListQuery {
	const price = (text: string) => {
		const minor = parseMajorUnits(text);
		return minor !== null && minor <= MAX_PRICE_MINOR ? minor : undefined;
	};
	const q = p.q.trim().slice(0, MAX_SEARCH_LENGTH);
	const minPrice = price(p.min);
	const maxPrice = price(p.max);
	const query: Partial<CatalogListQuery> = {};
	if (q) query.q = q;
	if (p.collection.length <= MAX_SLUG_LENGTH && SLUG_PATTERN.test(p.collection)) query.collection = p.collection;
	// Crossed prices: the lower bound gives way, as the API's check names it.
	if (minPrice !== undefined && !(maxPrice !== undefined && minPrice > maxPrice)) query.minPrice = minPrice;
	if (maxPrice !== undefined) query.maxPrice = maxPrice;
	if (p.inStock) query.inStock = true;
	const option = parseOptionParam(p.option);
	if (option) query.option = option;
	query.sort = catalogSorts.includes(p.sort) ? p.sort : defaultSort(q);
	if (cursor && cursor.length <= MAX_CURSOR_LENGTH) query.cursor = cursor;
	query.limit = DEFAULT_PAGE_SIZE;
	return query as CatalogListQuery;
}

/** The URL search string for these filters, leaving defaults out so links stay short. */
export function catalogSearch(p: Partial<CatalogParams>, cursor?: string | null): string {
	const out = new URLSearchParams();
	if (p.q?.trim()) out.set('q', p.q.trim());
	if (p.collection) out.set('collection', p.collection);
	if (p.min) out.set('min', p.min);
	if (p.max) out.set('max', p.max);
	if (p.inStock) out.set('instock', '1');
	if (p.option) out.set('option', p.option);
	if (p.sort && p.sort !== defaultSort(p.q)) out.set('sort', p.sort);
	if (cursor) out.set('cursor', cursor);
	const text = out.toString();
	return text ? `?${text}` : '';
}
