import type { z } from 'zod';
import { majorUnits, parseMajorUnits } from '$lib/shared/money';
import type { RouterOutputs } from '$lib/api';

export type AdminMethod = RouterOutputs['admin']['shipping']['list'][number];

/** The fields of the method form, as the browser posts them (`active` only when ticked). */
export const methodFields = ['name', 'price', 'freeAbove', 'countries', 'active', 'position'] as const;

/** A saved method as its edit form shows it. */
export function formValuesOf(method: AdminMethod): Record<string, string> {
	return {
		name: method.name,
		price: majorUnits(method.priceMinor),
		freeAbove: method.freeAboveMinor === null ? '' : majorUnits(method.freeAboveMinor),
		countries: method.countries.join(', '),
		...(method.active && { active: 'on' }),
		position: String(method.position)
	};
}

/**
 * The form's strings in the shape of `shippingMethodInput`. What does not parse becomes
 * NaN, so the schema refuses it and the message comes from `methodErrors`.
 */
export function methodFromForm(values: Record<string, string>) {
	const freeAbove = values.freeAbove?.trim() ?? '';
	const position = values.position?.trim() ?? '';
	return {
		name: values.name ?? '',
		priceMinor: parseMajorUnits(values.price ?? '') ?? Number.NaN,
		freeAboveMinor: freeAbove ? (parseMajorUnits(freeAbove) ?? Number.NaN) : null,
		countries: (values.countries ?? '').split(/[\s,;]+/).filter(Boolean),
		active: values.active === 'on',
		position: position ? Number(position) : undefined
	};
}

// The schema counts money in cents; people type dollars, so its range messages would mislead.
const messages: Record<string, string> = {
	price: 'Enter a price from 0.00 to 10000.00, like 4.95.',
	freeAbove: 'Enter an amount like 50.00 (up to 1000000.00), or leave it empty.',
	position: 'Enter a whole number from 0 to 1000.',
	id: 'That shipping method does not exist.'
};
const fieldOf: Record<string, string> = { priceMinor: 'price', freeAboveMinor: 'freeAbove', id: 'form' };

/** The schema's issues keyed by the form's field names, one message per field. */
export function methodErrors(error: z.ZodError, countries: string[]): Record<string, string> {
	const errors: Record<string, string> = {};
	const unknown: string[] = [];
	for (const issue of error.issues) {
		const key = String(issue.path[0] ?? 'form');
		if (key === 'countries' && typeof issue.path[1] === 'number') unknown.push(countries[issue.path[1]] ?? '');
		const field = fieldOf[key] ?? key;
		errors[field] ??= messages[key] ?? messages[field] ?? issue.message;
	}
	if (unknown.length) errors.countries = `Unknown country code${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}.`;
	else if (errors.countries && !countries.length) errors.countries = 'Enter at least one country code, like US.';
	return errors;
}
