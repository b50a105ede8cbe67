import { lineTitle } from '$lib/shared/variant-choice';
import type { ProductOption, VariantView } from '$lib/shared/variants';
import type { ProductSummary } from '$lib/shared/catalog';
import type { CartLine } from '$lib/shared/sync';
import type { LocalCatalog } from './catalog-index';

/** A cart line as the cart and checkout show it: its product, the variant it holds and its total. */
export type CartItem = CartLine & {
	product: ProductSummary;
	options: ProductOption[];
	/** The product's live variants: the ones the line can change to. */
	variants: VariantView[];
	/** Null when the shop no longer sells the variant the line holds: the line can then be changed or removed, not bought. */
	variant: VariantView | null;
	/** The line's name for people: "Apron (Medium / Sage)", the product's title alone for a product without options (and for a variant no longer sold, whose values the device no longer has). */
	title: string;
	/** Price × quantity; 0 for a variant no longer sold. */
	total: number;
};

/**
 * The cart's lines with what the device's catalog knows of their products (none before it
 * has loaded). A line of a product the device does not hold (yet: one added from a page the
 * network served) waits out of sight; a line of a variant the product no longer sells stays,
 * so the shopper sees it go. The pages that list the cart make these; its badge needs only
 * the lines, so every page's first load goes without.
 */
export function cartItems(lines: CartLine[], catalog: Pick<LocalCatalog, 'offers'> | null): CartItem[] {
	const products = new Map((catalog?.offers([...new Set(lines.map((l) => l.productId))]) ?? []).map((p) => [p.id, p]));
	return lines.flatMap((line): CartItem[] => {
		const offer = products.get(line.productId);
		if (!offer) return [];
		const { options, variants, ...product } = offer;
		const variant = variants.find((v) => v.id === line.variantId) ?? null;
		return [
			{
				...line,
				product,
				options,
				variants,
				variant,
				title: lineTitle(product.title, options, variant?.options ?? {}),
				total: variant ? variant.priceMinor * line.quantity : 0
			}
		];
	});
}
