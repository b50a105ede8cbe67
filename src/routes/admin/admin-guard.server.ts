import { error, type RequestEvent } from '@sveltejs/kit';
import { requireUser } from '$lib/server/forms';

/**
 * The admin check for form actions: a POST runs the action without the layout's load, so
 * each action asks again.
 */
export function requireAdmin(event: Pick<RequestEvent, 'locals' | 'url'>) {
	const user = requireUser(event);
	if (user.role !== 'admin') error(403, 'This area is for the shop’s admins.');
	return user;
}
