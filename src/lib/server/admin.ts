import { error, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import { getDatabase } from '$server/db/client';
import { payments } from '$server/services/payments';
import { createCaller } from '$server/trpc/root';
import { formAction, requireUser, type FormFailure } from './forms';

type AdminEvent = Pick<RequestEvent, 'locals' | 'url' | 'getClientAddress'>;

/**
 * Visitors go to sign in and customers get the 403 page before any procedure runs: a form
 * action runs without the layout's load, so it asks here too.
 */
export function requireAdmin(event: Pick<RequestEvent, 'locals' | 'url'>) {
	const user = requireUser(event);
	if (user.role !== 'admin') error(403, 'This area is for the shop’s admins.');
	return user;
}

/**
 * The admin procedures, called in-process as this request's admin: the admin pages take the
 * same door as the API, so validation, audit and error codes are the router's. Its failures
 * map to pages and forms through `orErrorPage` and `formAction`.
 */
export function adminApi(event: AdminEvent) {
	const user = requireAdmin(event);
	const caller = createCaller(async () => ({
		db: (await getDatabase()).db,
		user,
		session: event.locals.session,
		payments: payments().provider,
		ip: event.getClientAddress()
	}));
	return caller.admin;
}

type AdminApi = ReturnType<typeof adminApi>;

/** What reading a post gives: the parsed input and what was typed, or the refusal to return. */
type ReadPost<D> = (
	request: Request
) => Promise<{ failure: ActionFailure<FormFailure>; data?: undefined; values?: undefined } | { failure?: undefined; data: D; values: Record<string, string> }>;

/**
 * An admin form action in three steps: `read` the post (a refusal returns as it is), `call` an
 * admin procedure with what was read (an expected failure returns with what was typed), then
 * `answer` with what the page shows after the save.
 */
export function adminAction<D, T, A>(read: ReadPost<D>, call: (api: AdminApi, data: D) => Promise<T>, answer: (result: T, data: D) => A) {
	return async (event: AdminEvent & { request: Request }) => {
		const api = adminApi(event);
		const form = await read(event.request);
		if (form.failure) return form.failure;
		const done = await formAction(call(api, form.data), form.values);
		if (done.failure) return done.failure;
		return answer(done.result, form.data);
	};
}
