import { describe, expect, it } from 'vitest';
import type { CollectionSummary } from '$lib/shared/catalog';
import { readCatalogParams } from '$lib/shared/catalog-url';
import { appliedFilters } from './applied-filters';

const collections: CollectionSummary[] = [{ id: 'c1', slug: 'coffee-tea', title: 'Coffee & Tea', description: '', productCount: 15, options: [] }];
const params = (query: string) => readCatalogParams(new URLSearchParams(query));

describe('appliedFilters', () => {
	it('names each filter in force, and each chip takes off only its own', () => {
		const chips = appliedFilters(params('q=mug&collection=coffee-tea&min=10&max=50&instock=1&option=Glaze:Sage&sort=title'), collections);
		expect(chips.map((c) => c.label)).toEqual(['“mug”', 'Coffee & Tea', '$10–$50', 'In stock only', 'Glaze: Sage']);
		expect(chips[2]!.without).toEqual({ q: 'mug', collection: 'coffee-tea', min: '', max: '', inStock: true, option: 'Glaze:Sage', sort: 'title' });
		expect(chips[3]!.without.inStock).toBe(false);
		expect(chips[4]!.without.option).toBe('');
		expect(chips[0]!.without.q).toBe('');
	});

	it('says an open price range from its one end', () => {
		expect(appliedFilters(params('min=10'), collections).map((c) => c.label)).toEqual(['From $10']);
		expect(appliedFilters(params('max=50'), collections).map((c) => c.label)).toEqual(['Up to $50']);
	});

	it('gives the sort no chip', () => {
		expect(appliedFilters(params('sort=price_asc'), collections)).toEqual([]);
	});
});
