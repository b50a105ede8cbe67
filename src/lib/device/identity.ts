import type { StoreDb } from '$lib/device/db';
import { readMeta, writeMeta } from '$lib/device/meta';

/**
 * Makes sure the device has a client group for whoever is signed in now. A visitor who
 * signs in keeps the group (the server then merges the guest cart into the account); a
 * sign-out or a different account starts a new group and clears the previous person's
 * cart, favorites, watches and alerts, orders, addresses, order requests and pending changes from the device (so
 * nothing a signed-out shopper queued is ever sent), and forgets its pushes (the server
 * deleted them with the session). The catalog stays.
 */
export async function ensureIdentity(db: StoreDb, userId: string | null): Promise<{ clientGroupId: string; cleared: boolean }> {
	return db.transaction('rw', [db.meta, db.cart, db.favorites, db.watches, db.alerts, db.outbox, db.orders, db.addresses, db.orderRequests, db.changes], async () => {
		const group = await readMeta(db, 'clientGroupId');
		const owner = (await readMeta(db, 'userId')) ?? '';
		const current = userId ?? '';
		if (group && (owner === current || (owner === '' && current !== ''))) {
			if (owner !== current) await writeMeta(db, 'userId', current);
			return { clientGroupId: group, cleared: false };
		}
		await Promise.all([db.cart.clear(), db.favorites.clear(), db.watches.clear(), db.alerts.clear(), db.outbox.clear(), db.orders.clear(), db.addresses.clear(), db.orderRequests.clear(), db.changes.clear()]);
		const clientGroupId = crypto.randomUUID();
		await writeMeta(db, 'clientGroupId', clientGroupId);
		await writeMeta(db, 'userId', current);
		await writeMeta(db, 'nextMutationId', 1);
		await writeMeta(db, 'lastMutationId', 0);
		await writeMeta(db, 'cartId', null);
		await writeMeta(db, 'pushEndpoint', null);
		await writeMeta(db, 'pushWatchesSent', null);
		return { clientGroupId, cleared: Boolean(group) };
	});
}

/** The device's current identity, as the sync engine needs it at each run. */
export async function currentIdentity(db: StoreDb): Promise<{ clientGroupId: string; signedIn: boolean }> {
	const clientGroupId = await readMeta(db, 'clientGroupId');
	if (!clientGroupId) throw new Error('The device has no client group yet');
	return { clientGroupId, signedIn: Boolean(await readMeta(db, 'userId')) };
}
