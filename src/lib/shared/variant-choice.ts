// Choosing among a product's variants, and naming the choice. Kept apart from `variants.ts`
// (its schemas need zod) so that a product page and the cart can use it without loading zod.
import type { ProductOption, VariantView } from './variants';

/** "Medium / Sage": a variant's values in the order of the product's options ("" for a product without options). */
export function variantLabel(options: ProductOption[], values: Record<string, string>): string {
	return options
		.map((o) => values[o.name])
		.filter((v): v is string => !!v)
		.join(' / ');
}

/** Whether `values` names exactly one value of each option, and nothing else. */
export function fitsOptions(options: ProductOption[], values: Record<string, string>): boolean {
	const names = Object.keys(values);
	return names.length === options.length && options.every((o) => o.values.includes(values[o.name] ?? ''));
}

/** The variant whose values are exactly `values`, if the product has one. */
export function findVariant<V extends Pick<VariantView, 'options'>>(variants: V[], values: Record<string, string>): V | undefined {
	const names = Object.keys(values);
	return variants.find((v) => Object.keys(v.options).length === names.length && names.every((n) => v.options[n] === values[n]));
}

/**
 * What choosing `value` for `option` would lead to, given the other choices so far: no
 * variant at all (the combination is not sold), one that is sold out, or one in stock.
 */
export function choiceState<V extends Pick<VariantView, 'options' | 'inventory'>>(
	variants: V[],
	chosen: Record<string, string>,
	option: string,
	value: string
): 'none' | 'sold_out' | 'available' {
	const wanted = { ...chosen, [option]: value };
	const matching = variants.filter((v) => Object.entries(wanted).every(([n, w]) => v.options[n] === w));
	if (!matching.length) return 'none';
	return matching.some((v) => v.inventory > 0) ? 'available' : 'sold_out';
}

/** A line's name for people: "Linen Apron (Medium / Sage)", or the product's title alone. */
export function lineTitle(title: string, options: ProductOption[], values: Record<string, string>): string {
	const label = variantLabel(options, values);
	return label ? `${title} (${label})` : title;
}

/** The values chosen, named: "Size: Medium · Glaze: Sage" ("" for a product without options). */
export function choiceText(values: Record<string, string>): string {
	return Object.entries(values)
		.map(([name, value]) => `${name}: ${value}`)
		.join(' · ');
}

type Choosable = Pick<VariantView, 'id' | 'options' | 'inventory'>;

/**
 * The variant the shopper gets by picking `value` for `option` while `current` is shown: the
 * one that keeps the other values, or when the shop sells no such combination, the first
 * (in stock, if any is) with that value, so a pick always lands on a variant the shop sells.
 */
export function pickVariant<V extends Choosable>(variants: V[], current: Pick<VariantView, 'options'>, option: string, value: string): V | undefined {
	const withValue = variants.filter((v) => v.options[option] === value);
	return findVariant(withValue, { ...current.options, [option]: value }) ?? withValue.find((v) => v.inventory > 0) ?? withValue[0];
}

type Sells = { id: string; priceMinor: number; inventory: number; options?: ProductOption[]; variants?: VariantView[] };

/**
 * A synced product's live variants: those it lists, else (no options) the one it sells as
 * itself, which carries its id and sells at its price. Sync leaves that one out (most products
 * are such, and a first load carries the whole catalog; see `syncedVariants` on the server),
 * so the device does not hold its SKU.
 */
export function variantsOf(p: Sells): VariantView[] {
	if (p.variants?.length || p.options?.length) return p.variants ?? [];
	return [{ id: p.id, sku: '', options: {}, priceMinor: p.priceMinor, inventory: p.inventory }];
}
