import { describe, expect, it } from 'vitest';
import { countries, defaultCountry, SHOP_COUNTRY } from './addresses';

describe('countries', () => {
	it('lists each country once, under its current code', () => {
		const list = countries();
		const names = list.map((c) => c.name);
		expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
		expect(new Set(list.map((c) => c.code)).size).toBe(list.length);
		const codes = new Set(list.map((c) => c.code));
		for (const current of ['BJ', 'BF', 'CD', 'CW', 'FR', 'DE', 'GB', 'MM', 'RS']) expect(codes.has(current), current).toBe(true);
		for (const withdrawn of ['DY', 'HV', 'ZR', 'AN', 'FX', 'DD', 'UK', 'BU', 'YU', 'CS', 'SU']) expect(codes.has(withdrawn), withdrawn).toBe(false);
		expect(list.length).toBeGreaterThan(240);
	});
});

describe('defaultCountry', () => {
	it('is the shop’s country, the United States, when the browser names none', () => {
		expect(SHOP_COUNTRY).toBe('US');
		expect(countries().find((c) => c.code === SHOP_COUNTRY)?.name).toBe('United States');
		expect(defaultCountry([])).toBe('US');
		expect(defaultCountry(['en', 'fr'])).toBe('US');
	});

	it('is the first country the browser’s languages name', () => {
		expect(defaultCountry(['de-DE', 'en-US'])).toBe('DE');
		expect(defaultCountry(['fr', 'en-GB'])).toBe('GB');
		expect(defaultCountry(['pt-BR'])).toBe('BR');
	});

	it('passes over a region that is no country, or no tag at all, and reads a withdrawn code as today’s', () => {
		expect(defaultCountry(['es-419', 'not a tag', 'en-CA'])).toBe('CA');
		expect(defaultCountry(['de-DD'])).toBe('DE');
	});
});
