import type { CollectionSummary } from '$lib/shared/catalog';
import { parseOptionParam, type CatalogParams } from '$lib/shared/catalog-url';

/** One filter in force, in words, and the filters that remain once it is taken off. */
export type AppliedFilter = { label: string; without: CatalogParams };

/**
 * The filters a shopper has set, as removable chips. The sort is an order, not a filter: it
 * has none. (A collection page passes its params without its own collection, its place.)
 */
export function appliedFilters(params: CatalogParams, collections: CollectionSummary[]): AppliedFilter[] {
	const chips: AppliedFilter[] = [];
	if (params.q) chips.push({ label: `“${params.q}”`, without: { ...params, q: '' } });
	if (params.collection) {
		const title = collections.find((c) => c.slug === params.collection)?.title ?? params.collection;
		chips.push({ label: title, without: { ...params, collection: '' } });
	}
	if (params.min || params.max) {
		const label = params.min && params.max ? `$${params.min}–$${params.max}` : params.min ? `From $${params.min}` : `Up to $${params.max}`;
		chips.push({ label, without: { ...params, min: '', max: '' } });
	}
	if (params.inStock) chips.push({ label: 'In stock only', without: { ...params, inStock: false } });
	const option = parseOptionParam(params.option);
	if (option) chips.push({ label: `${option.name}: ${option.value}`, without: { ...params, option: '' } });
	return chips;
}
