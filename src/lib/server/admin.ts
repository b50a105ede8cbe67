import { error, type RequestEvent } from '@sveltejs/kit';
import { getDatabase } from '$server/db/client';
import { payments } from '$server/services/payments';
import { createCaller } from '$server/trpc/root';
import { requireUser } from './forms';

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
