import { describe, expect, it } from 'vitest';
import { catalogQuery } from './catalog-input';
import { catalogSearch, readCatalogParams } from './catalog-url';

describe('catalog URLs', () => {
	it('round-trips filters through a short, shareable query string', () => {
		const params = readCatalogParams(new URLSearchParams('q=mug&collection=coffee-tea&min=10&max=40&instock=1&sort=price_asc'));
		expect(params).toEqual({ q: 'mug', collection: 'coffee-tea', min: '10', max: '40', inStock: true, sort: 'price_asc' });
		expect(catalogSearch(params)).toBe('?q=mug&collection=coffee-tea&min=10&max=40&instock=1&sort=price_asc');
		expect(catalogSearch(readCatalogParams(new URLSearchParams()))).toBe('');
	});

	it('turns URL filters into a catalog.list query with prices in minor units', () => {
		const query = catalogQuery(readCatalogParams(new URLSearchParams('min=10&max=40.5&instock=1')));
		expect(query).toMatchObject({ minPrice: 1000, maxPrice: 4050, inStock: true, sort: 'newest', limit: 24 });
	});

	it('drops only the bad values of a hand-edited link', () => {
		const query = catalogQuery(readCatalogParams(new URLSearchParams('min=cheap&max=20&collection=Bad Slug!&sort=weird')));
		expect(query).toEqual({ maxPrice: 2000, sort: 'newest', limit: 24 });
		const swapped = catalogQuery(readCatalogParams(new URLSearchParams('min=50&max=20')));
		expect(swapped.minPrice).toBeUndefined();
		expect(swapped.maxPrice).toBe(2000);
	});
});
