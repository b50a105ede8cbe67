import { z } from './zod';
import { fitsOptions } from './variant-choice';

/**
 * Options and variants: a product sells in options (Size: S, M, L; Glaze: Sage, Clay), one
 * variant per combination a shop keeps, each with its own SKU, stock and (optionally) price.
 * A product without options has exactly one variant, whose id is the product's own, so a
 * cart line or an order line always names a variant.
 */

export type ProductOption = { name: string; values: string[] };

/** A variant as shoppers and devices see it: its price is what it sells for (its own, or the product's). */
export type VariantView = {
	id: string;
	sku: string;
	/** One value per option, by option name; {} for a product without options. */
	options: Record<string, string>;
	priceMinor: number;
	inventory: number;
};

export const MAX_OPTIONS = 3;
export const MAX_OPTION_VALUES = 20;
export const MAX_VARIANTS = 100;

const optionText = z.string().trim().min(1, 'Give it a name.').max(40, 'Keep it to 40 characters.');

export const productOption = z.strictObject({
	name: optionText,
	values: z
		.array(optionText)
		.min(1, 'Give each option at least one value.')
		.max(MAX_OPTION_VALUES, `An option has at most ${MAX_OPTION_VALUES} values.`)
		.refine((values) => new Set(values.map((v) => v.toLowerCase())).size === values.length, 'Each value of an option must differ from the others.')
});

export const productOptions = z
	.array(productOption)
	.max(MAX_OPTIONS, `A product has at most ${MAX_OPTIONS} options.`)
	.refine((options) => new Set(options.map((o) => o.name.toLowerCase())).size === options.length, 'Each option needs a name of its own.');

export const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$/;
export const sku = z.string().trim().regex(SKU_PATTERN, 'A SKU is letters, digits, dots, dashes or underscores, up to 120 of them.');

// The rules for choosing and naming a variant live in a module of their own, free of zod, so
// a shopper's page can use them; they are part of this domain's surface all the same.
export { choiceState, choiceText, findVariant, fitsOptions, lineTitle, pickVariant, variantLabel, variantsOf } from './variant-choice';

/** One row of the admin's variant grid: a variant kept (with its id) or a new one (with its first stock). */
export const variantRow = z.strictObject({
	id: z.uuid().optional(),
	sku,
	options: z.record(z.string(), z.string()),
	/** Null: the product's price. */
	priceMinor: z.int('Enter a price in cents, such as 2400.').min(0, 'A price cannot be negative.').max(100_000_000).nullable(),
	/** Units a new variant starts with; a kept variant's stock moves by adjustments only. */
	inventory: z.int('Enter a whole number of units.').min(0, 'Stock cannot be negative.').max(1_000_000).default(0)
});

/**
 * A product's options and the variants it sells, saved together: rows left out are
 * archived. Carries the token of what the form loaded (another admin's save since → refused).
 */
export const variantsSaveInput = z
	.strictObject({
		id: z.uuid(),
		editToken: z.string().min(1).max(64),
		options: productOptions,
		variants: z.array(variantRow).min(1, 'A product sells at least one variant.').max(MAX_VARIANTS, `A product has at most ${MAX_VARIANTS} variants.`)
	})
	.superRefine((input, ctx) => {
		const combos = new Set<string>();
		const skus = new Set<string>();
		input.variants.forEach((v, i) => {
			if (!fitsOptions(input.options, v.options)) {
				ctx.addIssue({ code: 'custom', path: ['variants', i, 'options'], message: 'Give this variant one value of each option.' });
			}
			const combo = JSON.stringify(input.options.map((o) => v.options[o.name] ?? ''));
			if (combos.has(combo)) ctx.addIssue({ code: 'custom', path: ['variants', i, 'options'], message: 'Two variants have the same values.' });
			combos.add(combo);
			const key = v.sku.toUpperCase();
			if (skus.has(key)) ctx.addIssue({ code: 'custom', path: ['variants', i, 'sku'], message: 'Two variants have the same SKU.' });
			skus.add(key);
		});
	});

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * The option values a shopper's words name ("apron in medium", "the sage mug"): for each
 * option, the one value all of whose words were said; an option with none or two named is
 * left out. `said` are the shopper's words, lower-cased.
 */
export function valuesNamed(options: ProductOption[], said: string[]): Record<string, string> {
	const heard = new Set(said);
	const named: Record<string, string> = {};
	for (const option of options) {
		const hits = option.values.filter((value) => words(value).every((w) => heard.has(w)));
		if (hits.length === 1) named[option.name] = hits[0]!;
	}
	return named;
}

/** The shopper's words of a message, lower-cased, for `valuesNamed`. */
export const saidWords = (message: string): string[] => words(message);

/** The live variants that fit the values named so far (all of them when none is named). */
export const variantsFitting = <V extends Pick<VariantView, 'options'>>(variants: V[], named: Record<string, string>): V[] =>
	variants.filter((v) => Object.entries(named).every(([name, value]) => v.options[name] === value));

/**
 * The options products share (two or more of them sell in an option of that name), each
 * with every value they come in, in the order the products list them: a collection page's
 * filters. `sells`: each product's options.
 */
export function sharedOptions(sells: ProductOption[][]): ProductOption[] {
	const found = new Map<string, { products: number; values: string[] }>();
	for (const options of sells) {
		for (const o of options) {
			const held = found.get(o.name) ?? { products: 0, values: [] };
			held.products++;
			for (const v of o.values) if (!held.values.includes(v)) held.values.push(v);
			found.set(o.name, held);
		}
	}
	return [...found].filter(([, o]) => o.products >= 2).map(([name, o]) => ({ name, values: o.values }));
}
