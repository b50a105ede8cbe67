import type { z } from 'zod';

// The stocktake form's fields: a count and the stock shown beside it, per variant (by id).
const FIELD = /^(id|reason|note|(shown|counted)\.[0-9a-f-]{36})$/;

/** The stocktake form's strings in the shape of `stockCountInput`; what does not parse fails there. */
export function countInputOf(values: Record<string, string>) {
	const counts = Object.keys(values)
		.filter((name) => name.startsWith('counted.'))
		.map((name) => {
			const variantId = name.slice('counted.'.length);
			const counted = values[name]!.trim();
			return { variantId, shown: Number(values[`shown.${variantId}`] ?? Number.NaN), counted: counted ? Number(counted) : Number.NaN };
		});
	return { id: values.id ?? '', reason: values.reason || undefined, note: values.note ?? '', counts };
}

/** A posted stocktake: its fields (a post with any other is refused whole) and the input they make. */
export function countFromForm(data: FormData) {
	const values: Record<string, string> = {};
	const unexpected: string[] = [];
	for (const [name, value] of data) {
		if (FIELD.test(name) && typeof value === 'string') values[name] = value;
		else unexpected.push(name);
	}
	if (unexpected.length) return { unexpected } as const;
	return { values, input: countInputOf(values) } as const;
}

/** Whether a refused post was the stocktake's (it carries counts). */
export const isCount = (values: Record<string, string> | undefined) => Object.keys(values ?? {}).some((name) => name.startsWith('counted.'));

/** The schema's issues keyed by the stocktake's fields: a count's beside its row. */
export function countErrors(error: z.ZodError, input: ReturnType<typeof countInputOf>): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const issue of error.issues) {
		const [area, i, field] = issue.path as [string, number?, string?];
		const row = i === undefined ? undefined : input.counts[i];
		if (area === 'counts' && row && field === 'counted') errors[`counted.${row.variantId}`] ??= issue.message;
		else if (area === 'counts' && !row) errors.counts ??= issue.message;
		else if (area === 'reason' || area === 'note') errors[area] ??= issue.message;
		else errors.form ??= 'The page is out of date: reload it and count again.';
	}
	return errors;
}
