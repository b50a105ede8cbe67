import { createECDH } from 'node:crypto';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { pushSubscribeInput, pushUnsubscribeInput, pushWatchesInput } from '../../../src/lib/shared/alerts';
import { config } from '../../config';
import { rowsOf, type Db, type Tx } from '../../db/client';
import { products, pushSubscriptions, pushWatches } from '../../db/schema';
import { AppError } from '../errors';
import { shopVapidKeys } from './keys';

type Caller = { userId: string; sessionId: string };

/**
 * Refuses an endpoint no push service would have given: credentials in it, or (on a shop
 * not served from localhost) this machine or a bare IP address, which would have the shop
 * post to its own network.
 */
function checkEndpoint(endpoint: string) {
	const url = new URL(endpoint);
	if (url.username || url.password) throw new AppError('BAD_REQUEST', 'A push endpoint cannot carry a user name or password.');
	const host = url.hostname.toLowerCase();
	const local = host === 'localhost' || host.endsWith('.localhost') || host.startsWith('[') || /^\d+(\.\d+){3}$/.test(host);
	if (local && !config.localPushEndpoints) throw new AppError('BAD_REQUEST', 'A push endpoint must be a push service on the internet, not a local or numeric address.');
}

/** The device's key must be a point on P-256, or nothing could be encrypted for it. */
function checkDeviceKey(p256dh: string) {
	try {
		const ecdh = createECDH('prime256v1');
		ecdh.generateKeys();
		ecdh.computeSecret(Buffer.from(p256dh, 'base64url'));
	} catch {
		throw new AppError('BAD_REQUEST', 'The subscription key is not a valid P-256 public key.');
	}
}

/** Every id must name a product on sale now: one unknown or archived refuses the whole list. */
async function checkProducts(tx: Tx, productIds: string[]) {
	if (!productIds.length) return;
	const found = await tx
		.select({ id: products.id })
		.from(products)
		.where(and(inArray(products.id, productIds), isNull(products.deletedAt)));
	const known = new Set(found.map((p) => p.id));
	const missing = productIds.filter((id) => !known.has(id));
	if (missing.length) {
		throw new AppError('BAD_REQUEST', `${missing.length === 1 ? 'One product is' : `${missing.length} products are`} no longer sold, so pushes cannot watch ${missing.length === 1 ? 'it' : 'them'}.`, {
			productIds: missing
		});
	}
}

async function replaceWatches(tx: Tx, subscriptionId: string, productIds: string[]) {
	await checkProducts(tx, productIds);
	await tx.delete(pushWatches).where(eq(pushWatches.subscriptionId, subscriptionId));
	if (productIds.length) await tx.insert(pushWatches).values(productIds.map((productId) => ({ subscriptionId, productId })));
}

/**
 * "Tell me even when the app is closed": keeps this device's subscription (for the session
 * it was made in) and the ids of the products it watches, and nothing else. Subscribing
 * again replaces both; an endpoint another account holds is refused.
 */
export async function subscribeToPushes(db: Db, caller: Caller, input: z.output<typeof pushSubscribeInput>): Promise<{ watching: number }> {
	const { subscription, productIds } = input;
	checkEndpoint(subscription.endpoint);
	checkDeviceKey(subscription.keys.p256dh);
	const { publicKey } = await shopVapidKeys(db);
	if (input.applicationServerKey !== publicKey) {
		throw new AppError('BAD_REQUEST', 'This subscription was made with another key than the shop’s. Turn pushes off and on again.');
	}
	return db.transaction(async (tx) => {
		const values = { userId: caller.userId, sessionId: caller.sessionId, endpoint: subscription.endpoint, ...subscription.keys };
		const [row] = await tx
			.insert(pushSubscriptions)
			.values(values)
			.onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: values, setWhere: eq(pushSubscriptions.userId, caller.userId) })
			.returning({ id: pushSubscriptions.id });
		if (!row) throw new AppError('CONFLICT', 'This browser’s pushes belong to another account. Sign out of it there first.');
		await replaceWatches(tx, row.id, productIds);
		return { watching: productIds.length };
	});
}

/** The device's watch list changed while opted in: the server's follows it. */
export async function setPushWatches(db: Db, caller: Caller, input: z.output<typeof pushWatchesInput>): Promise<{ watching: number }> {
	return db.transaction(async (tx) => {
		const [row] = await tx
			.select({ id: pushSubscriptions.id })
			.from(pushSubscriptions)
			.where(and(eq(pushSubscriptions.endpoint, input.endpoint), eq(pushSubscriptions.userId, caller.userId)))
			.for('update');
		if (!row) throw new AppError('NOT_FOUND', 'Pushes are off on this device. Turn them on to be told while the app is closed.');
		await replaceWatches(tx, row.id, input.productIds);
		return { watching: input.productIds.length };
	});
}

/** Turning pushes off on this device: its subscription and watch list go (nothing there is fine). */
export async function unsubscribeFromPushes(db: Db, caller: Caller, input: z.output<typeof pushUnsubscribeInput>): Promise<{ removed: boolean }> {
	const removed = await db
		.delete(pushSubscriptions)
		.where(and(eq(pushSubscriptions.endpoint, input.endpoint), eq(pushSubscriptions.userId, caller.userId)))
		.returning({ id: pushSubscriptions.id });
	return { removed: removed.length > 0 };
}

/**
 * How many signed-in shoppers watch a product: a favorite kept on the server, or a device
 * that asked for pushes about it. A count, never who; what a device watches by itself the
 * server never knows.
 */
export async function watcherCount(db: Db, productId: string): Promise<number> {
	const [row] = await rowsOf<{ n: number | string }>(
		db,
		sql`select count(*)::int as n from (
			select user_id from favorites where product_id = ${productId}
			union
			select s.user_id from push_watches w join push_subscriptions s on s.id = w.subscription_id where w.product_id = ${productId}
		) watchers`
	);
	return Number(row?.n ?? 0);
}
