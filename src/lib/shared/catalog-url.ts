import { catalogSorts, type CatalogSort } from './catalog';

/** The catalog filters as they appear in a shareable URL (prices in major units). */
export type CatalogParams = {
	q: string;
	collection: string;
	min: string;
	max: string;
	inStock: boolean;
	sort: CatalogSort;
};

export function readCatalogParams(params: URLSearchParams): CatalogParams {
	const sort = params.get('sort') ?? '';
	return {
		q: (params.get('q') ?? '').slice(0, 100),
		collection: params.get('collection') ?? '',
		min: params.get('min') ?? '',
		max: params.get('max') ?? '',
		inStock: params.get('instock') === '1',
		sort: (catalogSorts as readonly string[]).includes(sort) ? (sort as CatalogSort) : 'newest'
	};
}

/** The URL search string for these filters, leaving defaults out so links stay short. */
export function catalogSearch(p: Partial<CatalogParams>, cursor?: string | null): string {
	const out = new URLSearchParams();
	if (p.q?.trim()) out.set('q', p.q.trim());
	if (p.collection) out.set('collection', p.collection);
	if (p.min) out.set('min', p.min);
	if (p.max) out.set('max', p.max);
	if (p.inStock) out.set('instock', '1');
	if (p.sort && p.sort !== 'newest') out.set('sort', p.sort);
	if (cursor) out.set('cursor', cursor);
	const text = out.toString();
	return text ? `?${text}` : '';
}
