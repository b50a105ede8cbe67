import { describe, expect, it } from 'vitest';
import { distance, ProductMatcher, stem } from './product-match';

const catalog = [
	{ id: 'scarf', title: 'Merino Travel Scarf' },
	{ id: 'blue', title: 'Blue Merino Scarf' },
	{ id: 'board', title: 'Walnut Serving Board' },
	{ id: 'cups', title: 'Double-walled Espresso Cups' },
	{ id: 'mug', title: 'Hand-thrown Stoneware Mug' },
	{ id: 'camp', title: 'Camp Enamel Mug' },
	{ id: 'glass', title: 'Ribbed Glass Tumblers (Set of 4)' }
];
const matcher = new ProductMatcher(catalog);

describe('ProductMatcher', () => {
	it.each([
		['walnut board', 'board'],
		['walnut servng bord', 'board'],
		['espresso cup', 'cups'],
		['expresso cups', 'cups'],
		['blue merino scraf', 'blue'],
		['merino travel scarves', 'scarf'],
		['stoneware mugs', 'mug'],
		['ribbed glass tumblers set of 4', 'glass']
	])('finds %s', (query, id) => {
		expect(matcher.find(query).match).toBe(id);
	});

	it('returns candidates, never a match, when a name fits several products', () => {
		expect(matcher.find('mug')).toEqual({ match: null, candidates: ['camp', 'mug'] });
		expect(matcher.find('merino scarf').match).toBeNull();
		expect(matcher.find('merino scarf').candidates.sort()).toEqual(['blue', 'scarf']);
	});

	it('finds nothing for words no title has', () => {
		expect(matcher.find('bicycle helmet')).toEqual({ match: null, candidates: [] });
		expect(matcher.find('')).toEqual({ match: null, candidates: [] });
	});

	it('counts a swap of two letters as one edit and singularizes plurals', () => {
		expect(distance('scraf', 'scarf', 1)).toBe(1);
		expect(distance('walnut', 'board', 1)).toBe(2);
		expect(stem('cups')).toBe('cup');
		expect(stem('glasses')).toBe('glass');
		expect(stem('berries')).toBe('berry');
	});
});
