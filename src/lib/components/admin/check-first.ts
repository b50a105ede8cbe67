import type { SubmitFunction } from '@sveltejs/kit';
import type { z } from 'zod';
import { fieldErrors } from '$lib/shared/zod';

/**
 * A form's `use:enhance` that checks the fields with the same shared schema the server
 * uses before sending: mistakes show next to their fields at once, and the server checks
 * again (and alone, without JavaScript).
 */
export function checkFirst(
	schemaFor: (values: Record<string, string>) => z.ZodType,
	toInput: (values: Record<string, string>) => unknown,
	show: (errors: Record<string, string>, values: Record<string, string>) => void,
	describe: (error: z.ZodError, values: Record<string, string>) => Record<string, string> = (error) => fieldErrors(error)
): SubmitFunction {
	return ({ formData, cancel }) => {
		const values = Object.fromEntries([...formData].filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
		const parsed = schemaFor(values).safeParse(toInput(values));
		if (!parsed.success) {
			show(describe(parsed.error, values), values);
			cancel();
			return;
		}
		show({}, values);
		return ({ update }) => update({ reset: false });
	};
}
