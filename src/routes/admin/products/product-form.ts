import { majorUnits, parseMajorUnits } from '$lib/shared/money';
import type { RouterOutputs } from '$lib/api';

type AdminProduct = RouterOutputs['admin']['products']['get'];

/** The product form's fields as the browser posts them. */
export const productFormFields = ['title', 'slug', 'description', 'price', 'collectionId'] as const;

/** A saved product as its edit form shows it. */
export function productFormValues(p: AdminProduct): Record<string, string> {
	return { title: p.title, slug: p.slug, description: p.description, price: majorUnits(p.priceMinor), collectionId: p.collectionId, editToken: p.editToken };
}

/** The form's strings in the shape of the shared schemas; what does not parse fails there. */
export function productFromForm(values: Record<string, string>) {
	return {
		title: values.title ?? '',
		slug: (values.slug ?? '').trim(),
		description: values.description ?? '',
		priceMinor: parseMajorUnits(values.price ?? '') ?? Number.NaN,
		collectionId: values.collectionId ?? '',
		...(values.inventory !== undefined && { inventory: values.inventory.trim() === '' ? 0 : Number(values.inventory) }),
		...(values.id !== undefined && { id: values.id, editToken: values.editToken ?? '' })
	};
}

/** Schema errors keyed by form field (the price field shows `priceMinor`'s). */
export function formErrors(errors: Record<string, string>): Record<string, string> {
	const { priceMinor, ...rest } = errors;
	return priceMinor ? { ...rest, price: 'Enter a price such as 12.50.' } : rest;
}
