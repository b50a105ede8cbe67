import { z } from 'zod';

// Pages run under a Content-Security-Policy without 'unsafe-eval' (svelte.config.js). zod
// would probe for eval to compile its object parsers, and the browser reports that probe as a
// violation even though zod catches it; in a browser it parses without compiling instead.
if (typeof document !== 'undefined') z.config({ jitless: true });

export { z };

/** Field errors of a zod failure, first message per field, for forms. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const issue of error.issues) {
		const key = String(issue.path[0] ?? 'form');
		errors[key] ??= issue.message;
	}
	return errors;
}
