import { describe, expect, it } from 'vitest';
import { variantsSaveInput } from '$lib/shared/variants';
import { applyIntent, draftErrors, draftOf, gridOf, saveInputOf, type SavedVariants } from './variant-draft';
import { readDraft } from './variant-post';

const ID = '00000000-0000-4000-8000-000000000001';
const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const variant = (n: number, options: Record<string, string>, inventory = 2) => ({ id: id(n), sku: `MUG-${n}`, options, priceMinor: null, inventory });

/** A mug sold in S and M, Sage only (S/Clay and M/Clay are not sold). */
const saved: SavedVariants = {
	options: [
		{ name: 'Size', values: ['S', 'M'] },
		{ name: 'Glaze', values: ['Sage', 'Clay'] }
	],
	variants: [variant(1, { Size: 'S', Glaze: 'Sage' }), variant(2, { Size: 'M', Glaze: 'Sage' }, 5)],
	variantsToken: 'token-1'
};
const single: SavedVariants = { options: [], variants: [{ ...variant(1, {}, 7), id: ID }], variantsToken: 'token-0' };

const labels = (draft = draftOf(saved), from = saved) => gridOf(draft, from, 'mug').rows.map((r) => `${r.label}=${r.variant?.id.slice(-1) ?? 'new'}`);
const valueKey = (draft: ReturnType<typeof draftOf>, option: number, value: number) => draft.options[option]!.values[value]!.key;

describe('the options and variants form', () => {
	it('opens as saved: combinations not sold start removed, and come back on request', () => {
		const draft = draftOf(saved);
		expect(labels(draft)).toEqual(['S / Sage=1', 'M / Sage=2']);
		const grid = gridOf(draft, saved, 'mug');
		expect(grid.notSold.map((n) => [n.label, n.variant])).toEqual([['S / Clay', null], ['M / Clay', null]]);
		applyIntent(draft, `restore-row:${grid.notSold[0]!.combo}`);
		expect(labels(draft)).toEqual(['S / Sage=1', 'S / Clay=new', 'M / Sage=2']);
		expect(gridOf(draft, saved, 'mug').rows[1]).toMatchObject({ sku: 'MUG-S-CLAY', price: '', stock: '0' });
	});

	it('keeps a variant through a rename of its value and a reorder of the options', () => {
		const draft = draftOf(saved);
		draft.options[0]!.values[1]!.text = 'Medium';
		applyIntent(draft, `up-option:${draft.options[1]!.key}`);
		expect(labels(draft)).toEqual(['Sage / S=1', 'Sage / Medium=2']);
		expect(gridOf(draft, saved, 'mug').rows[1]!.values).toEqual({ Glaze: 'Sage', Size: 'Medium' });
	});

	it('archives the variants of a removed value, saying so', () => {
		const draft = draftOf(saved);
		applyIntent(draft, `remove-value:${valueKey(draft, 0, 1)}`);
		const grid = gridOf(draft, saved, 'mug');
		expect(grid.rows.map((r) => r.variant?.id)).toEqual([id(1)]);
		expect(grid.notSold).toContainEqual({ combo: null, label: 'M / Sage', variant: saved.variants[1] });
	});

	it('gives a product of one variant its first options: the variant (and its stock) becomes the first combination', () => {
		const draft = draftOf(single);
		applyIntent(draft, 'add-option');
		applyIntent(draft, `add-value:${draft.options[0]!.key}`);
		draft.options[0]!.name = 'Size';
		draft.options[0]!.values[0]!.text = 'S';
		draft.options[0]!.values[1]!.text = 'M';
		const grid = gridOf(draft, single, 'mug');
		expect(grid.rows.map((r) => [r.label, r.variant?.id ?? null, r.stock])).toEqual([['S', ID, '7'], ['M', null, '0']]);
		// Moving values around keeps it on the value it took.
		applyIntent(draft, `up-value:${draft.options[0]!.values[1]!.key}`);
		expect(gridOf(draft, single, 'mug').rows.map((r) => [r.label, r.variant?.id ?? null])).toEqual([['M', null], ['S', ID]]);
		applyIntent(draft, `up-value:${draft.options[0]!.values[1]!.key}`);
		const input = variantsSaveInput.parse(saveInputOf(grid, draft, ID, 'token-0'));
		expect(input.variants).toEqual([
			{ id: ID, sku: 'MUG-1', options: { Size: 'S' }, priceMinor: null, inventory: 0 },
			{ sku: 'MUG-M', options: { Size: 'M' }, priceMinor: null, inventory: 0 }
		]);
	});

	it('puts each mistake beside its field, in words for people', () => {
		const draft = draftOf(saved);
		applyIntent(draft, `add-value:${draft.options[0]!.key}`);
		draft.options[0]!.values[2]!.text = 'L';
		draft.options[1]!.name = ' ';
		const grid = gridOf(draft, saved, 'mug');
		draft.edits[grid.rows[0]!.key] = { price: '12,5x' };
		draft.edits[grid.rows[2]!.key] = { stock: '1.5' };
		const again = gridOf(draft, saved, 'mug');
		const parsed = variantsSaveInput.safeParse(saveInputOf(again, draft, ID, 'token-1'));
		expect(parsed.success).toBe(false);
		expect(draftErrors(parsed.error!, draft, again)).toEqual({
			[`name.${draft.options[1]!.key}`]: 'Name the option, such as Size or Colour.',
			[`price.${id(1)}`]: 'Enter a price such as 24.50, or leave it blank for the product’s price.',
			[`stock.${again.rows[2]!.key}`]: 'Enter a whole number of units.'
		});
	});

	it('reads a post back into the same draft, refusing fields the form never renders', () => {
		const draft = draftOf(saved);
		const grid = gridOf(draft, saved, 'mug');
		const data = new FormData();
		for (const option of draft.options) {
			data.append('option', option.key);
			data.append(`name.${option.key}`, option.name);
			data.append(`was.${option.key}`, option.was!);
			for (const value of option.values) {
				data.append(`value.${option.key}`, value.key);
				data.append(`text.${value.key}`, value.text);
				data.append(`was.${value.key}`, value.was!);
			}
		}
		for (const combo of draft.removed) data.append('removed', combo);
		for (const row of grid.rows) {
			data.append(`sku.${row.key}`, row.key === id(2) ? 'MUG-MEDIUM' : row.sku);
			data.append(`price.${row.key}`, row.price);
		}
		data.append('intent', 'save');
		data.append('editToken', 'token-1');
		const post = readDraft(data, saved, 'mug');
		expect(post).toMatchObject({ intent: 'save', editToken: 'token-1', draft: { ...draft, edits: { [id(2)]: { sku: 'MUG-MEDIUM' } } } });
		data.append('variants', '[]');
		expect(readDraft(data, saved, 'mug')).toEqual({ unexpected: ['variants'] });
	});
});
