import { error, type RequestEvent } from '@sveltejs/kit';
import type { Actor } from '$server/services/audit';
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

/** The admin behind an action, as the audit trail records them. */
export function adminActor(event: Pick<RequestEvent, 'locals' | 'url' | 'getClientAddress'>): Actor {
	const user = requireAdmin(event);
	return { id: user.id, email: user.email, ip: event.getClientAddress() };
}
