import { getDatabase } from '$server/db/client';
import { log } from '$server/observability/log';
import { checkReadiness } from '$server/observability/readiness';
import { getRedis } from '$server/redis';
import type { RequestHandler } from './$types';

/** Readiness: the database answers, and Redis too when the app uses it (a load balancer sends traffic only then). */
export const GET: RequestHandler = async () => {
	const readiness = await checkReadiness({ db: async () => (await getDatabase()).db, redis: getRedis });
	const headers = { 'content-type': 'text/plain', 'cache-control': 'no-store' };
	if (readiness.ready) return new Response('ready', { headers });
	log.warn({ reason: readiness.reason, detail: readiness.detail }, 'Not ready');
	return new Response(readiness.reason, { status: 503, headers });
};
