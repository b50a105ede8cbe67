import { MAX_OPTION_VALUES, MAX_OPTIONS } from '$lib/shared/variants';
import { gridOf, intentPattern, type Draft, type RowEdit, type SavedVariants } from './variant-draft';

// The names the options-and-variants form gives its fields (see variants-editor.svelte).
const KEY = /^k\d{1,4}$/;
const COMBO = /^n(-k\d{1,4}){0,3}$/;
const FIELD = /^(intent|editToken|option|removed|(name|was|value|text)\.k\d{1,4}|(sku|price|stock)\.([0-9a-f-]{36}|n(-k\d{1,4}){0,3}))$/;

const strings = (entries: FormDataEntryValue[]) => [...new Set(entries.filter((e): e is string => typeof e === 'string'))];

/**
 * A posted options-and-variants form, as a draft: a post with a field the form never renders
 * is refused whole. A typed grid cell counts as an edit only where it differs from what the
 * grid shows anyway, so a suggested SKU keeps following its values.
 */
export function readDraft(data: FormData, saved: SavedVariants, slug: string) {
	const optionKeys = strings(data.getAll('option')).slice(0, MAX_OPTIONS + 1);
	const valueKeys = new Map(optionKeys.map((key) => [key, strings(data.getAll(`value.${key}`)).slice(0, MAX_OPTION_VALUES + 1)]));
	const removed = strings(data.getAll('removed'));
	const intent = data.get('intent') ?? 'save';
	const unexpected = [...new Set(data.keys())].filter((name) => !FIELD.test(name));
	if (typeof intent !== 'string' || !intentPattern.test(intent)) unexpected.push('intent');
	if (![...optionKeys, ...[...valueKeys.values()].flat()].every((key) => KEY.test(key)) || !removed.every((key) => COMBO.test(key))) unexpected.push('option');
	if (unexpected.length) return { unexpected } as const;

	const text = (name: string) => {
		const value = data.get(name);
		return typeof value === 'string' ? value : null;
	};
	const draft: Draft = {
		options: optionKeys.map((key) => ({
			key,
			name: text(`name.${key}`) ?? '',
			was: text(`was.${key}`),
			values: valueKeys.get(key)!.map((v) => ({ key: v, text: text(`text.${v}`) ?? '', was: text(`was.${v}`) }))
		})),
		removed,
		edits: {}
	};
	for (const row of gridOf(draft, saved, slug).rows) {
		const edit: RowEdit = {};
		const sku = text(`sku.${row.key}`);
		const price = text(`price.${row.key}`);
		const stock = text(`stock.${row.key}`);
		if (sku !== null && sku !== row.sku) edit.sku = sku;
		if (price !== null && price !== row.price) edit.price = price;
		if (!row.variant && stock !== null && stock !== row.stock) edit.stock = stock;
		if (Object.keys(edit).length) draft.edits[row.key] = edit;
	}
	return { draft, intent: intent as string, editToken: text('editToken') ?? '' } as const;
}
