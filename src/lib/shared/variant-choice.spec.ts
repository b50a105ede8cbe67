import { describe, expect, it } from 'vitest';
import { shownVariant } from './catalog';
import { choiceState, choiceText, findVariant, fitsOptions, lineTitle, pickVariant, variantLabel } from './variant-choice';
import type { ProductOption } from './variants';

// A cushion in two colours and two sizes: Sage Lumbar sold out, Clay Lumbar not sold at all.
const options: ProductOption[] = [
	{ name: 'Colour', values: ['Sage', 'Clay'] },
	{ name: 'Size', values: ['Square', 'Lumbar'] }
];
const variant = (id: string, colour: string, size: string, inventory: number) => ({ id, options: { Colour: colour, Size: size }, inventory });
const sageSquare = variant('sage-square', 'Sage', 'Square', 0);
const sageLumbar = variant('sage-lumbar', 'Sage', 'Lumbar', 0);
const claySquare = variant('clay-square', 'Clay', 'Square', 5);
const variants = [sageSquare, sageLumbar, claySquare];

describe('naming a choice', () => {
	it('labels a variant in the order of the options, whatever the order of its values', () => {
		expect(variantLabel(options, { Size: 'Lumbar', Colour: 'Sage' })).toBe('Sage / Lumbar');
		expect(variantLabel([], {})).toBe('');
	});

	it('titles a line with its choice, and a product without options by its title alone', () => {
		expect(lineTitle('Linen Cushion Cover', options, { Colour: 'Clay', Size: 'Square' })).toBe('Linen Cushion Cover (Clay / Square)');
		expect(lineTitle('Walnut Serving Board', [], {})).toBe('Walnut Serving Board');
	});

	it('writes the values with their names', () => {
		expect(choiceText({ Colour: 'Clay', Size: 'Square' })).toBe('Colour: Clay · Size: Square');
		expect(choiceText({})).toBe('');
	});
});

describe('finding a variant', () => {
	it('finds the variant of exactly these values', () => {
		expect(findVariant(variants, { Colour: 'Clay', Size: 'Square' })).toBe(claySquare);
		expect(findVariant(variants, { Colour: 'Clay', Size: 'Lumbar' })).toBeUndefined();
		expect(findVariant(variants, { Colour: 'Clay' })).toBeUndefined();
	});

	it('knows values that name one of each option and nothing else', () => {
		expect(fitsOptions(options, { Colour: 'Sage', Size: 'Lumbar' })).toBe(true);
		expect(fitsOptions(options, { Colour: 'Sage' })).toBe(false);
		expect(fitsOptions(options, { Colour: 'Sage', Size: 'Huge' })).toBe(false);
		expect(fitsOptions(options, { Colour: 'Sage', Size: 'Square', Fill: 'Down' })).toBe(false);
	});
});

describe('what a pick leads to', () => {
	it('tells, for each value, whether the other choices make a variant in stock, a sold-out one, or none', () => {
		const chosen = { Colour: 'Clay', Size: 'Square' };
		expect(choiceState(variants, chosen, 'Size', 'Square')).toBe('available');
		expect(choiceState(variants, chosen, 'Size', 'Lumbar')).toBe('none');
		expect(choiceState(variants, chosen, 'Colour', 'Sage')).toBe('sold_out');
		// With nothing else chosen a value counts every variant that has it.
		expect(choiceState(variants, {}, 'Size', 'Square')).toBe('available');
	});

	it('keeps the other values when the shop sells that combination, even sold out', () => {
		expect(pickVariant(variants, claySquare, 'Colour', 'Sage')).toBe(sageSquare);
		expect(pickVariant(variants, sageSquare, 'Size', 'Lumbar')).toBe(sageLumbar);
	});

	it('lands on a variant it sells with that value when the combination is not sold: one in stock first', () => {
		// No Clay Lumbar: the only Lumbar, sold out as it is.
		expect(pickVariant(variants, claySquare, 'Size', 'Lumbar')).toBe(sageLumbar);
		// No Clay Square: of the Clay ones, the one in stock.
		const clayLumbar = variant('clay-lumbar', 'Clay', 'Lumbar', 2);
		const clayLarge = variant('clay-large', 'Clay', 'Large', 0);
		expect(pickVariant([sageSquare, clayLarge, clayLumbar], sageSquare, 'Colour', 'Clay')).toBe(clayLumbar);
		expect(pickVariant(variants, claySquare, 'Size', 'Huge')).toBeUndefined();
	});
});

describe('the variant a product page shows', () => {
	it('is the one the address names, else the first in stock, else the first', () => {
		expect(shownVariant(variants, 'sage-lumbar')).toBe(sageLumbar);
		expect(shownVariant(variants, 'no-longer-sold')).toBe(claySquare);
		expect(shownVariant(variants, null)).toBe(claySquare);
		expect(shownVariant([sageSquare, sageLumbar], null)).toBe(sageSquare);
		expect(shownVariant([], null)).toBeUndefined();
	});
});
