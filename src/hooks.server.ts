import { error, type Handle, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { sql } from 'drizzle-orm';
import { SESSION_COOKIE, validateSessionToken } from '$server/auth/session';
import { getDatabase, isEmpty } from '$server/db/client';
import { seedCatalog } from '$server/db/seed';
import { describeDemoAccounts, seedDemoAccounts } from '$server/db/seed/accounts';
import { config } from '$server/config';
import { startEmailWorker } from '$server/services/email/worker';
import { startReaper } from '$server/services/expiry';
import { payments } from '$server/services/payments';
import { writeAllowed } from '$lib/server/origin';
import { deleteSessionCookie, setSessionCookie } from '$lib/server/session-cookie';

export const init: ServerInit = async () => {
	const database = await getDatabase();
	// A newcomer's first `npm start` opens a shop with something in it.
	if (database.kind === 'pglite' && (await isEmpty(database.db))) {
		console.log('Empty embedded database: adding the demo shop…');
		await seedCatalog(database.db);
		await seedDemoAccounts(database.db);
		console.log(`Demo accounts (for trying the shop only):\n${describeDemoAccounts()}`);
	} else if (database.kind === 'pglite') {
		// Embedded Postgres has no autovacuum daemon to keep planner statistics current.
		await database.db.execute(sql`analyze`);
	}
	// Unpaid orders past their expiry give their stock back.
	const stopReaper = startReaper(database.db, payments().provider);
	// Emails from the outbox (SMTP_URL, or the local mailbox); off when `npm run worker` sends them.
	const emails = config.emailWorkerInProcess ? startEmailWorker(database.db) : null;
	process.once('sveltekit:shutdown', () => {
		stopReaper();
		void (emails?.stop() ?? Promise.resolve()).finally(() => database.close());
	});
};

const originCheck: Handle = ({ event, resolve }) => {
	if (!writeAllowed(event.request, event.url)) error(403, 'Cross-site requests are not allowed.');
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

export const handle = sequence(originCheck, session);
