import { describe, expect, it } from 'vitest';
import { catalogListInput } from './catalog-input';
import { CROSSED_PRICES } from './catalog';
import { catalogQuery, catalogSearch, crossedPrices, readCatalogParams } from './catalog-url';

describe('catalog URLs', () => {
	it('round-trips filters through a short, shareable query string', () => {
		const params = readCatalogParams(new URLSearchParams('q=mug&collection=coffee-tea&min=10&max=40&instock=1&option=Glaze%3ASage&sort=price_asc'));
		expect(params).toEqual({ q: 'mug', collection: 'coffee-tea', min: '10', max: '40', inStock: true, option: 'Glaze:Sage', sort: 'price_asc' });
		expect(catalogSearch(params)).toBe('?q=mug&collection=coffee-tea&min=10&max=40&instock=1&option=Glaze%3ASage&sort=price_asc');
		expect(catalogQuery(params).option).toEqual({ name: 'Glaze', value: 'Sage' });
		expect(catalogSearch(readCatalogParams(new URLSearchParams()))).toBe('');
	});

	it('lists a search best match first unless another order is chosen, and keeps the link short', () => {
		const params = readCatalogParams(new URLSearchParams('q=espresso'));
		expect(params.sort).toBe('relevance');
		expect(catalogQuery(params).sort).toBe('relevance');
		expect(catalogSearch(params)).toBe('?q=espresso');
		expect(catalogSearch({ ...params, sort: 'newest' })).toBe('?q=espresso&sort=newest');
		expect(catalogSearch({ q: '', sort: 'relevance' })).toBe('?sort=relevance');
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

	it('knows a crossed price range, and the API refuses one in the same words', () => {
		expect(crossedPrices({ min: '20', max: '10' })).toBe(true);
		expect(crossedPrices({ min: '10', max: '10' })).toBe(false);
		expect(crossedPrices({ min: '20', max: '' })).toBe(false);
		expect(crossedPrices({ min: 'cheap', max: '10' })).toBe(false);
		expect(catalogListInput.safeParse({ minPrice: 2000, maxPrice: 1000 }).error?.issues[0]?.message).toBe(CROSSED_PRICES);
	});

	it('makes only queries the API takes as they are, whatever a link holds', () => {
		const pick = <T>(choices: T[]) => choices[Math.floor(Math.random() * choices.length)]!;
		const values = {
			q: ['', '  ', 'mug', ' walnut board ', 'x'.repeat(150), 'ünïcode ☕'],
			collection: ['', 'coffee-tea', 'Bad Slug!', '-x', 'a--b', 'a'.repeat(121), 'a'.repeat(120)],
			min: ['', '0', '10', '12.5', 'cheap', '999999999', '1000000', '1000000.01', '-3'],
			max: ['', '0', '20', '40.50', '5,5', '1e3', '999999999.99'],
			instock: ['', '1', '0', 'yes'],
			option: ['', 'Size:M', ':M', 'Size:', 'Size', 'A:B:C', `${'x'.repeat(41)}:M`, 'Size:Extra Large'],
			sort: ['', 'newest', 'price_desc', 'rating', 'weird']
		};
		for (let i = 0; i < 2000; i++) {
			const search = new URLSearchParams();
			for (const [key, choices] of Object.entries(values)) search.set(key, pick(choices));
			const cursor = pick([null, '', 'abc', 'x'.repeat(400), 'x'.repeat(401)]);
			const query = catalogQuery(readCatalogParams(search), cursor);
			expect(catalogListInput.parse(query), `${search}, cursor ${cursor?.length}`).toEqual(query);
		}
	});
});
