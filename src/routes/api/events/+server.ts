import { error } from '@sveltejs/kit';
import { getDatabase } from '$server/db/client';
import { changeFeed } from '$server/events/feed';
import { openEventStream, parseSince } from '$server/events/stream';
import type { RequestHandler } from './$types';

/** Server-Sent Events: tells an open tab when to pull (see server/events/stream.ts). */
export const GET: RequestHandler = async ({ url, locals }) => {
	const since = parseSince(url.searchParams.get('version'));
	if (since === undefined) error(400, 'version must be a whole number.');
	const feed = await changeFeed(await getDatabase());
	return new Response(openEventStream(feed, { userId: locals.user?.id ?? null, since }), {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-store, no-transform',
			// Proxies such as nginx would otherwise hold events back in their buffers.
			'x-accel-buffering': 'no'
		}
	});
};
