import { z } from 'zod';

// Pages run under a Content-Security-Policy without 'unsafe-eval' (svelte.config.js). zod
// would probe for eval to compile its object parsers, and the browser reports that probe as a
// violation even though zod catches it; in a browser it parses without compiling instead.
if (typeof document !== 'undefined') z.config({ jitless: true });

/** "cardNumber" → "card number": how a field is named in a sentence. */
function fieldName(path: readonly PropertyKey[] | undefined): string {
	const last = [...(path ?? [])].reverse().find((key) => typeof key === 'string');
	return last ? last.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase() : 'value';
}

type Issue = z.core.$ZodRawIssue;

/**
 * The sentence a person reads when a value is refused and its schema gave no message of
 * its own: never a validator's notation ("✖", "expected", "→ at", ">=").
 */
export function sentenceFor(issue: Issue): string {
	const name = fieldName(issue.path);
	const the = `The ${name}`;
	switch (issue.code) {
		case 'invalid_type':
			return issue.input === undefined || issue.input === null ? `${the} is missing.` : `${the} is not valid.`;
		case 'too_small': {
			const min = Number(issue.minimum);
			if (issue.origin === 'string') return min <= 1 ? `${the} is required.` : `${the} must be at least ${min} characters.`;
			if (issue.origin === 'array' || issue.origin === 'set') return `Give at least ${min} ${name}.`;
			return `${the} must be at least ${min}.`;
		}
		case 'too_big': {
			const max = Number(issue.maximum);
			if (issue.origin === 'string') return `${the} can be at most ${max} characters.`;
			if (issue.origin === 'array' || issue.origin === 'set') return `Give at most ${max} ${name}.`;
			return `${the} can be at most ${max}.`;
		}
		case 'invalid_format':
			if (issue.format === 'email') return 'Enter a valid email address.';
			if (issue.format === 'uuid' || issue.format === 'guid') return `${the} is not a known id.`;
			return `${the} is not in the right form.`;
		case 'invalid_value':
			return `Choose one of the offered values for the ${name}.`;
		case 'not_multiple_of':
			return `${the} must be a multiple of ${issue.divisor}.`;
		case 'unrecognized_keys':
			return `Unexpected field: ${issue.keys.join(', ')}.`;
		default:
			return `${the} is not valid.`;
	}
}

z.config({ customError: sentenceFor });

/** All that a failed parse says, as sentences for a person (each once). */
export function describeIssues(error: z.ZodError): string {
	return [...new Set(error.issues.map((issue) => issue.message))].join(' ');
}

/** Field errors of a zod failure, first message per field, for forms. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const issue of error.issues) {
		const key = String(issue.path[0] ?? 'form');
		errors[key] ??= issue.message;
	}
	return errors;
}

export { z };
