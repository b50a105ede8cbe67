import { error } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { asClientError, FieldError } from '$server/services/errors';
import { describeIssues, fieldErrors } from '$lib/shared/zod';

/** The one mapping from an expected failure's code to the status a page or a form answers with. */
export const statusOf = { BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409 } as const;
export type ClientCode = keyof typeof statusOf;

export type ClientFailure = { code: ClientCode; status: number; message: string; errors: Record<string, string> };

const isClientCode = (code: string): code is ClientCode => code in statusOf;

/**
 * An expected failure, from a procedure (a TRPCError with one of the codes above) or from a
 * service (an AppError or a database refusal): its status, a sentence, and the form fields
 * it is about (`form` for the whole form). Anything else is null and stays a server error.
 */
export function clientFailure(e: unknown): ClientFailure | null {
	if (e instanceof TRPCError) {
		if (!isClientCode(e.code)) return null;
		if (e.cause instanceof ZodError) return { code: e.code, status: statusOf[e.code], message: describeIssues(e.cause), errors: fieldErrors(e.cause) };
		const field = e.cause instanceof FieldError ? e.cause.field : 'form';
		return { code: e.code, status: statusOf[e.code], message: e.message, errors: { [field]: e.message } };
	}
	const appError = asClientError(e);
	if (!appError) return null;
	const field = appError instanceof FieldError ? appError.field : 'form';
	return { code: appError.code, status: statusOf[appError.code], message: appError.message, errors: { [field]: appError.message } };
}

/**
 * Runs a procedure or service call for a page; its expected failures become the matching
 * error page, in the page's own words where it has them for that code.
 */
export async function orErrorPage<T>(work: Promise<T>, messages: Partial<Record<ClientCode, string>> = {}): Promise<T> {
	try {
		return await work;
	} catch (e) {
		const failure = clientFailure(e);
		if (failure) error(failure.status, messages[failure.code] ?? failure.message);
		throw e;
	}
}
