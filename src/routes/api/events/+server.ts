import { error } from '@sveltejs/kit';
import { config } from '$server/config';
import { getDatabase } from '$server/db/client';
import { changeFeed } from '$server/events/feed';
import { claimStreamSlots, openEventStream, parseSince } from '$server/events/stream';
import type { RequestHandler } from './$types';

/** Server-Sent Events: tells an open tab when to pull (see server/events/stream.ts). */
export const GET: RequestHandler = async ({ url, locals, getClientAddress }) => {
	const since = parseSince(url.searchParams.get('version'));
	if (since === undefined) error(400, 'version must be a whole number.');
	// The slot is taken before the stream opens, so a burst of connections cannot pass the count.
	const { perUser, perIp } = config.eventStreams;
	const release = claimStreamSlots([
		{ key: `ip:${getClientAddress()}`, limit: perIp },
		...(locals.user ? [{ key: `user:${locals.user.id}`, limit: perUser }] : [])
	]);
	if (!release) {
		return new Response('Too many live-update connections are open from here. Close a tab or two; the shop still updates when you switch back to it.', {
			status: 429,
			headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '60' }
		});
	}
	try {
		const feed = await changeFeed(await getDatabase());
		return new Response(openEventStream(feed, { userId: locals.user?.id ?? null, since, onClose: release }), {
			headers: {
				'content-type': 'text/event-stream; charset=utf-8',
				'cache-control': 'no-store, no-transform',
				// Proxies such as nginx would otherwise hold events back in their buffers.
				'x-accel-buffering': 'no'
			}
		});
	} catch (failure) {
		release();
		throw failure;
	}
};
