// `npm run worker`: the background work alone (email sender, push sender and order expiry),
// so it can scale apart from the app. Run any number of them, next to app instances started
// with EMAIL_WORKER=off and PUSH_WORKER=off; they share the work through `FOR UPDATE SKIP LOCKED`.
import { config } from '../server/config';
import { getDatabase } from '../server/db/client';
import { log } from '../server/observability/log';
import { closeRedis } from '../server/redis';
import { shopVapidKeys } from '../server/services/alerts/keys';
import { startPushWorker } from '../server/services/alerts/sender';
import { startEmailWorker } from '../server/services/email/worker';
import { startReaper } from '../server/services/expiry';
import { payments } from '../server/services/payments';

if (!config.databaseUrl) {
	// Embedded PGlite belongs to one process: the app's own in-process worker covers it.
	log.fatal('npm run worker needs DATABASE_URL (a Postgres server); with the embedded database the app sends email itself.');
	process.exit(1);
}
const database = await getDatabase();
const stopReaper = startReaper(database.db, payments().provider, config.orderReapSeconds * 1000);
const emails = startEmailWorker(database.db);
// A wrong VAPID pair in the environment stops the worker here, with its name.
await shopVapidKeys(database.db);
const pushes = startPushWorker(database.db);
log.info(`Worker running: email via ${config.smtpUrl ? 'SMTP' : `the mailbox in ${config.dataDir}/mail`}, pushes, order expiry.`);
// Keeps the process alive: the loops' timers are unref'd so the app can exit freely.
const alive = setInterval(() => {}, 1 << 30);

async function shutdown(signal: string) {
	log.info(`${signal}: finishing the batch in hand…`);
	clearInterval(alive);
	stopReaper();
	await Promise.all([emails.stop(), pushes.stop()]);
	await Promise.allSettled([database.close(), closeRedis()]);
	process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
