import {
	MutationRefused,
	runMutation,
	type MutationArgs,
	type MutationName,
	type MutationNote,
	type OrderRequestArgs
} from '$lib/shared/mutations';
import type { CartLine } from '$lib/shared/sync';
import type { OrderRequestRecord, StoreDb } from '$lib/device/db';
import { readMeta, writeMeta } from '$lib/device/meta';
import { deviceStore } from '$lib/device/mutation-store';

const tables = (db: StoreDb) => [db.products, db.cart, db.favorites, db.outbox, db.meta];

/**
 * Applies a mutation to the device at once and queues it for the server, in one Dexie
 * transaction: ids are numbered 1, 2, 3 … for the whole browser, whichever tab writes.
 * A mutation the device already knows cannot apply throws MutationRefused and queues nothing.
 */
export async function mutate<N extends MutationName>(
	db: StoreDb,
	name: N,
	args: MutationArgs<N>,
	context: { signedIn: boolean; clientId: string }
): Promise<MutationNote | undefined> {
	return db.transaction('rw', tables(db), async () => {
		const note = await runMutation(deviceStore(db, context.signedIn), name, args);
		await enqueue(db, name, args, context.clientId);
		return note;
	});
}

/** Appends to the outbox under the next id (inside the caller's transaction). */
async function enqueue(db: StoreDb, name: string, args: unknown, clientId: string): Promise<number> {
	const id = (await readMeta(db, 'nextMutationId')) ?? 1;
	await db.outbox.add({ id, name, args, clientId, createdAt: new Date().toISOString() });
	await writeMeta(db, 'nextMutationId', id + 1);
	return id;
}

/**
 * Queues an order request and keeps what the shopper saw with it, in one transaction.
 * Nothing is placed until the server places it; returns the request's mutation id.
 */
export async function queueOrderRequest(
	db: StoreDb,
	args: OrderRequestArgs,
	seen: Omit<OrderRequestRecord, 'mutationId' | 'createdAt' | 'state' | 'request'>,
	context: { signedIn: boolean; clientId: string }
): Promise<number> {
	return db.transaction('rw', [...tables(db), db.orderRequests], async () => {
		await runMutation(deviceStore(db, context.signedIn), 'order.request', args);
		const mutationId = await enqueue(db, 'order.request', args, context.clientId);
		const { cartId: _cartId, ...request } = args;
		await db.orderRequests.add({ ...seen, request, mutationId, createdAt: new Date().toISOString(), state: 'waiting' });
		return mutationId;
	});
}

/**
 * Takes back a queued change that has not gone out yet: it stays in the outbox as a no-op,
 * so the numbering the server relies on stays whole, and the next rebase undoes its effect.
 */
export async function takeBack(db: StoreDb, mutationId: number): Promise<void> {
	await db.transaction('rw', [db.outbox, db.meta, db.orderRequests], async () => {
		const entry = await db.outbox.get(mutationId);
		if (!entry || entry.name === 'noop') throw new MutationRefused('CONFLICT', 'It has already been sent.');
		const sending = await readMeta(db, 'sendingThrough');
		if (sending && mutationId <= sending) throw new MutationRefused('CONFLICT', 'It is being sent right now; wait for the answer.');
		await db.outbox.put({ ...entry, name: 'noop', args: {} });
		if (entry.name === 'order.request') await db.orderRequests.update(mutationId, { state: 'cancelled' });
	});
}

/**
 * Takes the server's cart and favorites as the truth, forgets the mutations it has
 * applied, and replays the ones still pending on top (a rebase), so the screen shows the
 * server's state plus what the shopper did since.
 */
export async function rebase(
	db: StoreDb,
	server: { lastMutationId: number; cart: { id: string; lines: CartLine[] }; favorites: string[] },
	signedIn: boolean
): Promise<void> {
	await db.transaction('rw', tables(db), async () => {
		const added = new Map((await db.favorites.toArray()).map((f) => [f.productId, f.addedAt]));
		const now = new Date().toISOString();
		await db.cart.clear();
		await db.cart.bulkPut(server.cart.lines);
		await db.favorites.clear();
		await db.favorites.bulkPut(server.favorites.map((productId) => ({ productId, addedAt: added.get(productId) ?? now })));
		await db.outbox.where('id').belowOrEqual(server.lastMutationId).delete();
		await writeMeta(db, 'lastMutationId', server.lastMutationId);
		await writeMeta(db, 'cartId', server.cart.id);
		const next = (await readMeta(db, 'nextMutationId')) ?? 1;
		await writeMeta(db, 'nextMutationId', Math.max(next, server.lastMutationId + 1));
		const store = deviceStore(db, signedIn);
		for (const pending of await db.outbox.orderBy('id').toArray()) {
			try {
				await runMutation(store, pending.name, pending.args);
			} catch (error) {
				// The server will refuse it too, and say why; until then it stays queued.
				if (!(error instanceof MutationRefused)) throw error;
			}
		}
	});
}
