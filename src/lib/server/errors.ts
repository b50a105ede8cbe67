import { error } from '@sveltejs/kit';
import { asClientError } from '$server/services/errors';

const status = { BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409 } as const;

/** Runs a service call for a page; its expected failures become the matching error page. */
export async function orErrorPage<T>(work: Promise<T>): Promise<T> {
	try {
		return await work;
	} catch (e) {
		const clientError = asClientError(e);
		if (clientError) error(status[clientError.code], clientError.message);
		throw e;
	}
}
