import { type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { sql } from 'drizzle-orm';
import { SESSION_COOKIE, validateSessionToken } from '$server/auth/session';
import { getDatabase, isEmpty } from '$server/db/client';
import { seedCatalog } from '$server/db/seed';
import { describeDemoAccounts, seedDemoAccounts } from '$server/db/seed/accounts';
import { config } from '$server/config';
import { discardUnreadBodies } from '$server/http/unread-bodies';
import { observe, startDraining } from '$server/observability/handle';
import { log } from '$server/observability/log';
import { measureOutboxOf } from '$server/observability/metrics';
import { closeRedis, getRedis } from '$server/redis';
import { shopVapidKeys } from '$server/services/alerts/keys';
import { startPushWorker } from '$server/services/alerts/sender';
import { startEmailWorker } from '$server/services/email/worker';
import { followCatalogWrites } from '$server/services/catalog-version';
import { startReaper } from '$server/services/expiry';
import { payments } from '$server/services/payments';
import { writeAllowed } from '$lib/server/origin';
import { securityHeaders } from '$lib/server/security-headers';
import { deleteSessionCookie, setSessionCookie } from '$lib/server/session-cookie';

export const init: ServerInit = async () => {
	// Before the server listens: a body nobody read must not wedge its keep-alive connection.
	discardUnreadBodies(config.bodySizeLimit);
	const database = await getDatabase();
	// A newcomer's first `npm start` opens a shop with something in it.
	if (database.kind === 'pglite' && (await isEmpty(database.db))) {
		log.info('Empty embedded database: adding the demo shop…');
		await seedCatalog(database.db);
		await seedDemoAccounts(database.db);
		log.info(`Demo accounts (for trying the shop only):\n${describeDemoAccounts()}`);
	} else if (database.kind === 'pglite') {
		// Embedded Postgres has no autovacuum daemon to keep planner statistics current.
		await database.db.execute(sql`analyze`);
	}
	// On PGlite the catalog version is known in process between catalog commits: cache hits leave the database alone.
	await followCatalogWrites(database);
	// Unpaid orders past their expiry give their stock back.
	const stopReaper = startReaper(database.db, payments().provider, config.orderReapSeconds * 1000);
	// Emails from the outbox (SMTP_URL, or the local mailbox); off when `npm run worker` sends them.
	const emails = config.emailWorkerInProcess ? startEmailWorker(database.db) : null;
	// The VAPID keys now: a wrong pair in the environment stops the start, and a first start makes the shop's own.
	await shopVapidKeys(database.db);
	// Pushes to devices that opted in (the outbox a trigger on products fills); off when `npm run worker` sends them.
	const pushes = config.pushWorkerInProcess ? startPushWorker(database.db) : null;
	measureOutboxOf(async () => database.db);
	// Connect now, so the first request that needs Redis finds it ready (readiness waits for it too).
	getRedis();
	// On these adapter-node stops taking connections and waits for the requests in flight.
	process.once('SIGTERM', startDraining);
	process.once('SIGINT', startDraining);
	// adapter-node emits this once in-flight requests have finished (or SHUTDOWN_TIMEOUT passed).
	process.once('sveltekit:shutdown', async () => {
		stopReaper();
		measureOutboxOf(undefined);
		await emails?.stop().catch((err: unknown) => log.error({ err }, 'Stopping the email sender failed'));
		await pushes?.stop().catch((err: unknown) => log.error({ err }, 'Stopping the push sender failed'));
		await Promise.allSettled([database.close(), closeRedis()]);
		log.info('Shut down: requests drained, background work stopped, connections closed');
		// Nothing should be left to keep the process alive; if something is, say so and go.
		setTimeout(() => {
			log.warn({ resources: process.getActiveResourcesInfo() }, 'Still running 2 s after shutdown: exiting anyway');
			process.exit(0);
		}, 2000).unref();
	});
};

// Answered here rather than thrown: a thrown error would leave the hooks before the security headers are set.
const originCheck: Handle = ({ event, resolve }) => {
	if (!writeAllowed(event.request, event.url)) {
		return new Response('Cross-site requests are not allowed.', { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
	}
	return resolve(event);
};

const session: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const found = await validateSessionToken((await getDatabase()).db, token);
		if (found) {
			event.locals.user = found.user;
			event.locals.session = found.session;
			if (found.renewed) setSessionCookie(event.cookies, event.url, token, found.session.expiresAt);
		} else {
			deleteSessionCookie(event.cookies, event.url);
		}
	}
	const response = await resolve(event);
	// What a signed-in person sees is theirs alone: no shared cache may keep it.
	if (event.locals.user) response.headers.set('cache-control', 'private, no-store');
	return response;
};

export const handle = sequence(observe, securityHeaders, originCheck, session);

/** Unexpected errors go to the log, with the request's id; the page shows Kit's safe message, as before. */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status >= 500) log.error({ err: error, status, path: event.url.pathname }, 'Unexpected error');
	else log.debug({ status, path: event.url.pathname, message }, 'Request error');
	return { message };
};
