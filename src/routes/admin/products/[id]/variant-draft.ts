import type { z } from 'zod';
import type { RouterOutputs } from '$lib/api';
import { majorUnits, parseMajorUnits } from '$lib/shared/money';
import { MAX_OPTION_VALUES, MAX_OPTIONS, MAX_VARIANTS } from '$lib/shared/variants';

/**
 * The options-and-variants form between saves, the same in the page (live, as the admin types)
 * and on the server (a post without JavaScript, one button at a time). Options and values keep
 * a key of their own and the name they were saved under (`was`, null when new): a renamed value
 * keeps the variants that hold it. The grid is every combination of the values, less those the
 * admin removed; each saved variant keeps the combination that still holds its values.
 */

export type SavedVariants = RouterOutputs['admin']['products']['variants'];
export type SavedVariant = SavedVariants['variants'][number];

export type DraftValue = { key: string; text: string; was: string | null };
export type DraftOption = { key: string; name: string; was: string | null; values: DraftValue[] };
export type RowEdit = { sku?: string; price?: string; stock?: string };
export type Draft = {
	options: DraftOption[];
	/** Combinations not sold (rows removed), by `comboKey`. */
	removed: string[];
	/** What was typed in the grid, by row key: a kept variant's id, or a new row's combination. */
	edits: Record<string, RowEdit>;
};

export type GridRow = {
	key: string;
	combo: string;
	variant: SavedVariant | null;
	/** Option name → value, as they will be saved. */
	values: Record<string, string>;
	label: string;
	sku: string;
	/** Blank: the product's price. */
	price: string;
	stock: string;
};

export type Grid = {
	rows: GridRow[];
	/** What the grid does not sell: removed combinations (which can come back) and variants whose values are gone. */
	notSold: { combo: string | null; label: string; variant: SavedVariant | null }[];
};

/** A combination's key: its values' keys, in any order of the options. */
const comboKey = (values: DraftValue[]) => ['n', ...values.map((v) => v.key).sort()].join('-');

const labelOf = (values: { text: string }[]) => values.map((v) => v.text.trim()).join(' / ');

/** "LINEN-APRON-M-SAGE": a new variant's SKU, from the product's slug and its values. */
export function suggestedSku(slug: string, values: string[]): string {
	const parts = [slug, ...values].map((part) => part.toUpperCase().replace(/[^A-Z0-9]+/g, '-').replace(/^-+|-+$/g, ''));
	return parts.filter(Boolean).join('-').slice(0, 120).replace(/-+$/, '');
}

/** The values of each option that have text, for options that have any: blank ones wait to be named. */
function named(draft: Draft) {
	return draft.options.flatMap((option) => {
		const values = option.values.filter((v) => v.text.trim());
		return values.length ? [{ option, values }] : [];
	});
}

/** Every combination of the named values, in the options' order (one empty combination without options). */
function combinations(draft: Draft): DraftValue[][] {
	return named(draft).reduce<DraftValue[][]>((combos, { values }) => combos.flatMap((combo) => values.map((v) => [...combo, v])), [[]]);
}

/** Whether a saved variant's values (renames followed) still hold in a combination; options it never had hold any value. */
function holds(variant: SavedVariant, combo: DraftValue[], options: DraftOption[]): boolean {
	return combo.every((value, i) => {
		const was = options[i]!.was;
		return was === null || !(was in variant.options) || value.was === variant.options[was];
	});
}

/** The grid the draft makes of the saved variants, with what the admin typed. */
export function gridOf(draft: Draft, saved: SavedVariants, slug: string): Grid {
	const options = named(draft).map((n) => n.option);
	const combos = combinations(draft);
	// Of the values of an option a variant never had, it takes the one added first: keys grow,
	// so moving values (or options) around never moves a variant to another row.
	const age = (combo: DraftValue[]) => combo.map((v) => Number(v.key.slice(1)));
	const byAge = [...combos].sort((a, b) => {
		const [x, y] = [age(a), age(b)];
		const i = x.findIndex((n, j) => n !== y[j]);
		return i < 0 ? 0 : x[i]! - y[i]!;
	});
	const claimed = new Map<string, SavedVariant>();
	const unclaimed: SavedVariant[] = [];
	for (const variant of saved.variants) {
		const combo = byAge.find((c) => !claimed.has(comboKey(c)) && holds(variant, c, options));
		if (combo) claimed.set(comboKey(combo), variant);
		else unclaimed.push(variant);
	}
	const removed = new Set(draft.removed);
	const rows: GridRow[] = [];
	const notSold: Grid['notSold'] = [];
	for (const combo of combos) {
		const key = comboKey(combo);
		const variant = claimed.get(key) ?? null;
		const label = labelOf(combo);
		if (removed.has(key)) {
			notSold.push({ combo: key, label, variant });
			continue;
		}
		const edit = draft.edits[variant?.id ?? key] ?? {};
		const values = Object.fromEntries(combo.map((v, i) => [options[i]!.name.trim(), v.text.trim()]));
		rows.push({
			key: variant?.id ?? key,
			combo: key,
			variant,
			values,
			label,
			sku: edit.sku ?? variant?.sku ?? suggestedSku(slug, Object.values(values)),
			price: edit.price ?? (variant && variant.priceMinor !== null ? majorUnits(variant.priceMinor) : ''),
			stock: variant ? String(variant.inventory) : (edit.stock ?? '0')
		});
	}
	for (const variant of unclaimed) notSold.push({ combo: null, label: labelOf(saved.options.map((o) => ({ text: variant.options[o.name] ?? '' }))), variant });
	return { rows, notSold };
}

/** The draft of the options and variants as saved: combinations the product does not sell start removed. */
export function draftOf(saved: SavedVariants): Draft {
	let n = 0;
	const key = () => `k${++n}`;
	const options = saved.options.map((o) => ({ key: key(), name: o.name, was: o.name, values: o.values.map((v) => ({ key: key(), text: v, was: v })) }));
	const draft: Draft = { options, removed: [], edits: {} };
	draft.removed = gridOf(draft, saved, '').rows.flatMap((row) => (row.variant ? [] : [row.combo]));
	return draft;
}

/** A key no option or value of the draft has yet (the `skip`-th after the highest). */
function nextKey(draft: Draft, skip = 0): string {
	const keys = draft.options.flatMap((o) => [o.key, ...o.values.map((v) => v.key)]);
	return `k${Math.max(0, ...keys.map((k) => Number(k.slice(1)))) + 1 + skip}`;
}

function moveUp<T extends { key: string }>(list: T[], key: string) {
	const i = list.findIndex((item) => item.key === key);
	if (i > 0) [list[i - 1], list[i]] = [list[i]!, list[i - 1]!];
}

/** The buttons of the form other than Save: each edits the draft in place (in the page, or on the server without JavaScript). */
export const intentPattern = /^(save|refresh|add-option)$|^(remove-option|up-option|add-value|remove-value|up-value|remove-row|restore-row):([\w-]{1,60})$/;

/** Applies one button's edit to the draft, in place; returns the key of a field it added (to focus), if any. */
export function applyIntent(draft: Draft, intent: string): string | undefined {
	const [, , verb, key = ''] = intentPattern.exec(intent) ?? [];
	const option = draft.options.find((o) => o.key === key || o.values.some((v) => v.key === key));
	if (intent === 'add-option' && draft.options.length < MAX_OPTIONS) {
		const key = nextKey(draft);
		draft.options.push({ key, name: '', was: null, values: [{ key: nextKey(draft, 1), text: '', was: null }] });
		return `name-${key}`;
	}
	if (verb === 'remove-row' && !draft.removed.includes(key)) draft.removed.push(key);
	if (verb === 'restore-row') draft.removed = draft.removed.filter((k) => k !== key);
	if (!option) return undefined;
	if (verb === 'remove-option') draft.options = draft.options.filter((o) => o !== option);
	if (verb === 'up-option') moveUp(draft.options, key);
	if (verb === 'add-value' && option.values.length < MAX_OPTION_VALUES) {
		const added = { key: nextKey(draft), text: '', was: null };
		option.values.push(added);
		return `text-${added.key}`;
	}
	if (verb === 'remove-value') option.values = option.values.filter((v) => v.key !== key);
	if (verb === 'up-value') moveUp(option.values, key);
	return undefined;
}

/** What the save procedure takes, from the draft and its grid; what does not parse fails in its schema. */
export function saveInputOf(grid: Grid, draft: Draft, id: string, editToken: string) {
	return {
		id,
		editToken,
		options: draft.options.map((o) => ({ name: o.name, values: o.values.map((v) => v.text) })),
		variants: grid.rows.map((row) => ({
			...(row.variant && { id: row.variant.id }),
			sku: row.sku,
			options: row.values,
			priceMinor: row.price.trim() === '' ? null : (parseMajorUnits(row.price) ?? Number.NaN),
			...(!row.variant && { inventory: row.stock.trim() === '' ? 0 : Number(row.stock) })
		}))
	};
}

/** Too many rows to sell: said instead of drawing the grid (and on a save without JavaScript). */
export const tooManyVariants = (count: number) =>
	`These options make ${count.toLocaleString('en-US')} variants; a product sells at most ${MAX_VARIANTS}. Remove some values.`;

/** The save schema's issues, keyed by the form's fields, in words for the admin. */
export function draftErrors(error: z.ZodError, draft: Draft, grid: Grid): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const issue of error.issues) {
		const [area, i, field, j] = issue.path as [string, number?, string?, number?];
		const option = i === undefined ? undefined : draft.options[i];
		const row = i === undefined ? undefined : grid.rows[i];
		let key = area === 'options' || area === 'variants' ? area : 'form';
		let message = issue.message;
		if (area === 'options' && option && field === 'name') {
			key = `name.${option.key}`;
			if (issue.code === 'too_small') message = 'Name the option, such as Size or Colour.';
		} else if (area === 'options' && option && j !== undefined) {
			key = `text.${option.values[j]!.key}`;
			if (issue.code === 'too_small') message = 'Name this value, or remove it.';
		} else if (area === 'options' && option) key = `values.${option.key}`;
		else if (area === 'variants' && row && field === 'sku') key = `sku.${row.key}`;
		else if (area === 'variants' && row && field === 'priceMinor') {
			key = `price.${row.key}`;
			message = 'Enter a price such as 24.50, or leave it blank for the product’s price.';
		} else if (area === 'variants' && row && field === 'inventory') key = `stock.${row.key}`;
		else if (area === 'variants' && issue.code === 'too_big') message = tooManyVariants(grid.rows.length);
		errors[key] ??= message;
	}
	return errors;
}
