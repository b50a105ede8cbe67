import { and, asc, eq, getTableColumns, gt, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { MutationRefused, runMutation, type MutationNote, type MutationStore } from '../../src/lib/shared/mutations';
import {
	MAX_SNAPSHOT_PARTS,
	SNAPSHOT_PART_ROWS,
	type PullResult,
	type PushInput,
	type PushResult,
	type SnapshotInput,
	type SnapshotManifest,
	type SnapshotPart,
	type SyncCollection,
	type SyncProduct,
	type SyncShippingMethod,
	type Tombstone
} from '../../src/lib/shared/sync';
import type { SessionUser } from '../auth/session';
import type { Db, Tx } from '../db/client';
import { carts, clientGroups, collections, favorites, products, shippingMethods, type ClientGroup, type ShippingMethod } from '../db/schema';
import { cartLines, cartStore, mergeGuestCart, userCartId } from './cart';
import { productFields, ratingOf } from './catalog';
import { safeVersion } from './catalog-version';
import { listAddresses, methodView } from './delivery';
import { AppError } from './errors';
import { syncedVariants } from './variants';
import type { VariantView } from '../../src/lib/shared/variants';
import { latestOrderRequests, placeRequestedOrder, recordOrderRequest } from './order-requests';

// Everything a device keeps of a product (not the search vector, which is the server's).
const { search: _search, ratingScore: _score, ...productColumns } = getTableColumns(products);
type ProductRow = { [K in keyof typeof productColumns]: (typeof products.$inferSelect)[K] };

function toSyncProduct(p: ProductRow, variants: Map<string, VariantView[]>): SyncProduct | Tombstone {
	if (p.deletedAt) return { id: p.id, version: p.version, deleted: true };
	return {
		...productFields(p),
		priceMinor: p.minPriceMinor,
		priceMaxMinor: p.maxPriceMinor,
		options: p.options,
		variants: variants.get(p.id) ?? [],
		version: p.version,
		...ratingOf(p),
		createdAt: p.createdAt.toISOString()
	};
}

/** Product rows as devices keep them, each with its variants (`syncedVariants`); `which` selects the same rows. */
async function toSyncProducts(db: Db, rows: ProductRow[], which: SQL): Promise<(SyncProduct | Tombstone)[]> {
	const variants = rows.length ? await syncedVariants(db, which) : new Map<string, VariantView[]>();
	return rows.map((row) => toSyncProduct(row, variants));
}

function toSyncCollection(c: typeof collections.$inferSelect): SyncCollection | Tombstone {
	if (c.deletedAt) return { id: c.id, version: c.version, deleted: true };
	return { id: c.id, version: c.version, slug: c.slug, title: c.title, description: c.description, position: c.position };
}

function toSyncShippingMethod(m: ShippingMethod): SyncShippingMethod | Tombstone {
	if (!m.active) return { id: m.id, version: m.version, deleted: true };
	return { ...methodView(m), version: m.version, position: m.position };
}

/** A device's first catalog load: the manifest, or one part of it (see `snapshotInput`). */
export async function snapshot(db: Db, input: SnapshotInput): Promise<SnapshotManifest | SnapshotPart> {
	const version = await safeVersion(db);
	if (!('part' in input)) {
		const live = await db.$count(products, isNull(products.deletedAt));
		return { version, parts: Math.min(MAX_SNAPSHOT_PARTS, Math.max(1, Math.ceil(live / SNAPSHOT_PART_ROWS))) };
	}
	// Parts split products by the first byte of their random id: even, and stable as the catalog grows.
	const inPart = sql`(get_byte(uuid_send(${products.id}), 0) * ${input.parts}) / 256 = ${input.part}`;
	const first = input.part === 0;
	const live = and(isNull(products.deletedAt), inPart)!;
	const [productRows, collectionRows, methodRows] = await Promise.all([
		db.select(productColumns).from(products).where(live).orderBy(asc(products.id)),
		first ? db.select().from(collections).where(isNull(collections.deletedAt)).orderBy(asc(collections.id)) : [],
		first ? db.select().from(shippingMethods).where(eq(shippingMethods.active, true)).orderBy(asc(shippingMethods.id)) : []
	]);
	return {
		version,
		products: (await toSyncProducts(db, productRows, live)) as SyncProduct[],
		collections: collectionRows.map((row) => toSyncCollection(row) as SyncCollection),
		shippingMethods: methodRows.map((row) => toSyncShippingMethod(row) as SyncShippingMethod)
	};
}

/** Catalog changes (products, collections, shipping methods) after `cursor`, oldest first, at most `limit` of them. */
async function pullCatalog(db: Db, cursor: number, limit: number) {
	const upTo = await safeVersion(db);
	const range = (version: typeof products.version | typeof collections.version | typeof shippingMethods.version) =>
		and(gt(version, cursor), lte(version, upTo));
	const [productRows, collectionRows, methodRows] = await Promise.all([
		db.select(productColumns).from(products).where(range(products.version)).orderBy(asc(products.version)).limit(limit + 1),
		db.select().from(collections).where(range(collections.version)).orderBy(asc(collections.version)).limit(limit + 1),
		db.select().from(shippingMethods).where(range(shippingMethods.version)).orderBy(asc(shippingMethods.version)).limit(limit + 1)
	]);
	const changes = [
		...productRows.map((row) => ({ kind: 'product' as const, version: row.version, row })),
		...collectionRows.map((row) => ({ kind: 'collection' as const, version: row.version, row })),
		...methodRows.map((row) => ({ kind: 'shippingMethod' as const, version: row.version, row }))
	].sort((a, b) => a.version - b.version);
	const batch = changes.slice(0, limit);
	const more = changes.length > limit;
	const changed = batch.flatMap((c) => (c.kind === 'product' ? [c.row] : []));
	return {
		cursor: String(more ? batch.at(-1)!.version : upTo),
		more,
		products: await toSyncProducts(db, changed, inArray(products.id, changed.map((row) => row.id))),
		collections: batch.flatMap((c) => (c.kind === 'collection' ? [toSyncCollection(c.row)] : [])),
		shippingMethods: batch.flatMap((c) => (c.kind === 'shippingMethod' ? [toSyncShippingMethod(c.row)] : []))
	};
}

/**
 * Locks the client group for this transaction, creating it for the caller when new, and
 * checks who may use it. A visitor's group named with a user's session becomes the
 * user's, and its guest cart merges into theirs.
 */
async function claimGroup(tx: Tx, groupId: string, user: SessionUser | null): Promise<ClientGroup> {
	await tx.insert(clientGroups).values({ id: groupId, userId: user?.id ?? null }).onConflictDoNothing();
	const [group] = await tx.select().from(clientGroups).where(eq(clientGroups.id, groupId)).for('update');
	if (!group) throw new Error(`client group ${groupId} vanished`);
	if (group.userId && !user) throw new AppError('UNAUTHORIZED', 'Sign in to sync this device.');
	if (group.userId && user && group.userId !== user.id) throw new AppError('FORBIDDEN', 'This device belongs to another account.');
	if (!group.userId && user) {
		if (group.cartId) await mergeGuestCart(tx, group.cartId, user.id);
		const [updated] = await tx
			.update(clientGroups)
			.set({ userId: user.id, cartId: null, updatedAt: new Date() })
			.where(eq(clientGroups.id, groupId))
			.returning();
		return updated!;
	}
	return group;
}

/** The cart a group's mutations act on: the user's, or the group's own guest cart. */
async function groupCartId(tx: Tx, group: ClientGroup): Promise<string> {
	if (group.userId) return userCartId(tx, group.userId);
	if (group.cartId) return group.cartId;
	const [cart] = await tx.insert(carts).values({}).returning({ id: carts.id });
	await tx.update(clientGroups).set({ cartId: cart!.id }).where(eq(clientGroups.id, group.id));
	group.cartId = cart!.id;
	return cart!.id;
}

/** Where an order request came from: the group and mutation that name its idempotency key. */
type RequestOrigin = { clientGroupId: string; mutationId: number; paymentProvider: string };

function serverStore(tx: Tx, cartId: string, userId: string | null, request: RequestOrigin | null): MutationStore {
	return {
		signedIn: userId !== null,
		...cartStore(tx, cartId),
		async setFavorite(productId, favorite) {
			if (!userId) return;
			if (favorite) await tx.insert(favorites).values({ userId, productId }).onConflictDoNothing();
			else await tx.delete(favorites).where(and(eq(favorites.userId, userId), eq(favorites.productId, productId)));
		},
		async requestOrder(args) {
			if (!request) throw new MutationRefused('FORBIDDEN', 'Orders are placed through checkout.');
			return placeRequestedOrder(tx, { ...request, userId, cartId }, args);
		}
	};
}

/**
 * One cart or favorites mutation on a user's account, through the shared mutators exactly
 * as `sync.push` runs them, in the caller's transaction (the assistant acts this way).
 */
export async function applyAccountMutation(
	tx: Tx,
	userId: string,
	name: 'cart.add' | 'cart.setQuantity' | 'cart.remove' | 'cart.clear' | 'favorites.add' | 'favorites.remove',
	args: unknown
): Promise<MutationNote | undefined> {
	return runMutation(serverStore(tx, await userCartId(tx, userId), userId, null), name, args);
}

export async function pull(
	db: Db,
	user: SessionUser | null,
	input: { cursor: string | null; limit: number; clientGroupId?: string }
): Promise<PullResult> {
	const catalog = await pullCatalog(db, Number(input.cursor ?? 0), input.limit);
	if (!input.clientGroupId) return catalog;
	const groupId = input.clientGroupId;
	const state = await db.transaction(async (tx) => {
		const group = await claimGroup(tx, groupId, user);
		const cartId = await groupCartId(tx, group);
		const favoriteRows = group.userId
			? await tx
					.select({ productId: favorites.productId })
					.from(favorites)
					.where(eq(favorites.userId, group.userId))
					.orderBy(asc(favorites.createdAt))
			: [];
		return {
			lastMutationId: group.lastMutationId,
			cart: { id: cartId, lines: await cartLines(tx, cartId) },
			favorites: favoriteRows.map((f) => f.productId),
			addresses: group.userId ? await listAddresses(tx, group.userId) : [],
			orderRequests: await latestOrderRequests(tx, groupId)
		};
	});
	return { ...catalog, ...state };
}

/**
 * Applies mutations in order, each in its own transaction with the group's lastMutationId.
 * `paymentProvider` names who will take payment for orders that requests place.
 */
export async function push(db: Db, user: SessionUser | null, input: PushInput, paymentProvider = 'test'): Promise<PushResult> {
	const results: PushResult['results'] = [];
	let lastMutationId = 0;
	for (const mutation of input.mutations) {
		lastMutationId = await db.transaction(async (tx) => {
			const group = await claimGroup(tx, input.clientGroupId, user);
			// 1. Already applied: a replay, nothing to do.
			if (mutation.id <= group.lastMutationId) return group.lastMutationId;
			// 2. A gap: something before it was lost; refuse, nothing after it runs.
			if (mutation.id > group.lastMutationId + 1) {
				throw new AppError('BAD_REQUEST', `Mutation ${mutation.id} follows ${group.lastMutationId}: a mutation is missing.`);
			}
			// 3. Run it in a savepoint, so a refusal undoes its writes but still advances.
			const cartId = await groupCartId(tx, group);
			const request = { clientGroupId: group.id, mutationId: mutation.id, paymentProvider };
			let result: PushResult['results'][number];
			try {
				const note = await tx.transaction((sp) => runMutation(serverStore(sp, cartId, group.userId, request), mutation.name, mutation.args));
				result = { id: mutation.id, ok: true, ...note };
			} catch (error) {
				if (!(error instanceof MutationRefused)) throw error;
				result = { id: mutation.id, ok: false, code: error.code, message: error.message, ...(error.details && { details: error.details }) };
			}
			results.push(result);
			if (mutation.name === 'order.request') await recordOrderRequest(tx, { ...request, userId: group.userId }, result);
			// 4. Advance in the same transaction as the effect.
			await tx.update(clientGroups).set({ lastMutationId: mutation.id, updatedAt: new Date() }).where(eq(clientGroups.id, group.id));
			return mutation.id;
		});
	}
	return { lastMutationId, results };
}
