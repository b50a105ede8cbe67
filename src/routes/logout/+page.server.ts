import { redirect } from '@sveltejs/kit';
import { invalidateSession } from '$server/auth/session';
import { getDatabase } from '$server/db/client';
import { deleteSessionCookie } from '$lib/server/session-cookie';
import type { Actions, PageServerLoad } from './$types';

// Signing out changes data, so it is a POST; a plain visit just goes home.
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies, url }) => {
		// Deleting the session also deletes this device's push subscription and its watch list
		// (they belong to the session), so that holds even if the device itself says nothing.
		if (locals.session) await invalidateSession((await getDatabase()).db, locals.session.id);
		deleteSessionCookie(cookies, url);
		redirect(303, '/');
	}
};
