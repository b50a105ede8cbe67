/** An expected failure a client can act on; the API layer turns it into a 4xx. */
export class AppError extends Error {
	constructor(
		readonly code: 'BAD_REQUEST' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'UNAUTHORIZED',
		message: string,
		/** What a client needs to fix the request (the lines checkout could not fill). */
		readonly details?: Record<string, unknown>
	) {
		super(message);
		this.name = 'AppError';
	}
}

/** An AppError about one field of a form, so the form shows it next to that field. */
export class FieldError extends AppError {
	constructor(
		readonly field: string,
		message: string,
		code: 'BAD_REQUEST' | 'CONFLICT' = 'BAD_REQUEST'
	) {
		super(code, message);
	}
}

/**
 * A database refusal caused by the request (a duplicate, a broken reference, a value out
 * of range) as an AppError, so it answers 4xx; anything else stays a server error.
 */
export function asClientError(error: unknown): AppError | null {
	if (error instanceof AppError) return error;
	const code = databaseError(error)?.code;
	if (!code) return null;
	if (code === '23505') return new AppError('CONFLICT', 'That already exists');
	if (code === '23503' || code === '23514' || code === '23502' || code.startsWith('22')) {
		return new AppError('BAD_REQUEST', 'The request has a value the store cannot accept');
	}
	return null;
}

/** The database's error inside `error` (drivers wrap it in their own), if there is one. */
export function databaseError(error: unknown): { code: string; detail?: string; constraint_name?: string; constraint?: string } | undefined {
	for (let e = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
		const code = (e as { code?: unknown }).code;
		if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return e as { code: string };
	}
	return undefined;
}

/** Whether `error` is a unique violation of the named constraint. */
export function isDuplicateKey(error: unknown, constraint: string): boolean {
	const found = databaseError(error);
	return found?.code === '23505' && (found.constraint_name ?? found.constraint) === constraint;
}
