import { addressFields } from '$lib/shared/addresses';
import { fieldErrors } from '$lib/shared/zod';
import type { AddressDraft } from './address-form.svelte';

/** Where a checkout ships to: one of the shopper's saved addresses, or one typed for it. */
export type Destination = { addressId: string } | { address: AddressDraft; saveAddress: boolean };

/**
 * The address part of a checkout (placed online or requested offline), and for a new
 * address the errors of its fields (none when it is right), checked with the schema the
 * server checks it with.
 */
export function destinationOf(
	choice: string,
	draft: AddressDraft,
	saveAddress: boolean
): { destination: Destination | null; errors?: Record<string, string> } {
	if (choice !== 'new') return { destination: { addressId: choice } };
	const parsed = addressFields.safeParse(draft);
	if (parsed.success) return { destination: { address: draft, saveAddress }, errors: {} };
	return { destination: null, errors: fieldErrors(parsed.error) };
}
