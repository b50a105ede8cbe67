import { describe, expect, it } from 'vitest';
import { runMutation, type MutationStore } from './mutations';
import { describeIssues, fieldErrors, z } from './zod';

// Every schema the forms, the API and the device check with, fed values a person or a
// stray client might send: whatever they are told must be a sentence, never a validator's
// notation.
const RESIDUE = /✖|→|\bexpected\b|>=|<=|\bInvalid (input|string|option|UUID|type)\b|\bToo (small|big)\b|Unrecognized key|must match pattern/;

const modules = import.meta.glob<Record<string, unknown>>(['./*.ts', '!./*.spec.ts'], { eager: true });
const schemas = Object.entries(modules).flatMap(([file, exports]) =>
	Object.entries(exports).flatMap(([name, value]) => (value instanceof z.ZodType ? [{ name: `${file.slice(2)} ${name}`, schema: value }] : []))
);

const WRONG = [undefined, null, '', ' ', 'x'.repeat(5000), -1, 0, 1.5, 1e15, Number.NaN, true, [], {}, [{}], { extra: 1 }, 'not-an-id'];

/** Bad inputs for a schema: wrong values whole, and each field of an object replaced by each wrong value. */
function badInputs(schema: z.ZodType): unknown[] {
	const shape = schema instanceof z.ZodObject ? (schema.shape as Record<string, unknown>) : null;
	if (!shape) return WRONG;
	return [...WRONG, ...Object.keys(shape).flatMap((key) => WRONG.map((value) => ({ [key]: value })))];
}

describe('what a refused value says', () => {
	it('finds the schemas it checks', () => {
		expect(schemas.length).toBeGreaterThan(40);
	});

	it.each(schemas)('$name says sentences only', ({ schema }) => {
		for (const input of badInputs(schema)) {
			const parsed = schema.safeParse(input);
			if (parsed.success) continue;
			const said = [describeIssues(parsed.error), ...Object.values(fieldErrors(parsed.error))];
			for (const text of said) expect(text, JSON.stringify(input)?.slice(0, 80)).not.toMatch(RESIDUE);
			expect(describeIssues(parsed.error)).toMatch(/[.?!]$/);
		}
	});

	it('writes a default sentence for each kind of refusal, naming the field', () => {
		const schema = z.strictObject({ quantity: z.int().min(1).max(99), cardNumber: z.string().regex(/^\d+$/), email: z.email(), kind: z.enum(['a', 'b']) });
		const parsed = schema.safeParse({ quantity: 0, cardNumber: 'x', email: 'nope', kind: 'c', role: 'admin' });
		expect(parsed.success).toBe(false);
		expect(describeIssues(parsed.error!)).toBe(
			'The quantity must be at least 1. The card number is not in the right form. Enter a valid email address. Choose one of the offered values for the kind. Unexpected field: role.'
		);
		expect(schema.safeParse({ quantity: 100, cardNumber: '1', email: 'a@b.co', kind: 'a' }).error?.issues[0]?.message).toBe('The quantity can be at most 99.');
		expect(z.strictObject({ name: z.string().min(1) }).safeParse({}).error?.issues[0]?.message).toBe('The name is missing.');
	});

	it('keeps a schema’s own message', () => {
		expect(z.string().regex(/^\d{12,19}$/, 'Enter a card number of 12 to 19 digits.').safeParse('1234').error?.issues[0]?.message).toBe(
			'Enter a card number of 12 to 19 digits.'
		);
	});

	it('refuses a mutation with bad args in a sentence', async () => {
		const store = { signedIn: true } as MutationStore;
		await expect(runMutation(store, 'cart.add', { productId: crypto.randomUUID(), quantity: 0 })).rejects.toMatchObject({
			code: 'INVALID',
			message: 'The quantity must be at least 1.'
		});
	});
});
