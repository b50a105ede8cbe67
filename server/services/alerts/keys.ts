import webpush from 'web-push';
import { config } from '../../config';
import type { Db } from '../../db/client';
import { vapidKeys } from '../../db/schema';

export type VapidKeys = { publicKey: string; privateKey: string };

const known = new WeakMap<Db, Promise<VapidKeys>>();

/**
 * The shop's VAPID key pair: the environment's, or the one kept in the database, made on
 * the first start that needed it. Instances starting together each offer a pair and keep
 * whichever was written first, so every instance signs with the same one.
 */
export function shopVapidKeys(db: Db): Promise<VapidKeys> {
	const fromEnvironment = config.vapid;
	if (fromEnvironment) return Promise.resolve(fromEnvironment);
	let keys = known.get(db);
	if (!keys) {
		keys = (async () => {
			const offered = webpush.generateVAPIDKeys();
			await db.insert(vapidKeys).values({ id: 1, ...offered }).onConflictDoNothing();
			const [kept] = await db.select({ publicKey: vapidKeys.publicKey, privateKey: vapidKeys.privateKey }).from(vapidKeys);
			return kept!;
		})();
		// A failed read is not remembered: the next call tries again.
		keys.catch(() => known.delete(db));
		known.set(db, keys);
	}
	return keys;
}
