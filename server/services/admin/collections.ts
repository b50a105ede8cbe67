import { and, asc, count, eq, isNull, ne, sql } from 'drizzle-orm';
import type { AdminCollection, CollectionInput } from '../../../src/lib/shared/admin';
import type { Db, Tx } from '../../db/client';
import { collections, products, type Collection } from '../../db/schema';
import { changesBetween, recordAudit, type Actor } from '../audit';
import { collectionsWithCounts } from '../catalog';
import { AppError, FieldError } from '../errors';

const auditedFields = ['title', 'slug', 'description', 'position'] as const;
const live = isNull(collections.deletedAt);
const liveProducts = (collectionId: string) => and(eq(products.collectionId, collectionId), isNull(products.deletedAt));

/** Every live collection in the shop's order, with how many products (not archived) each holds. */
export function adminListCollections(db: Db | Tx): Promise<AdminCollection[]> {
	return collectionsWithCounts(db);
}

async function lockCollection(tx: Tx, id: string): Promise<Collection> {
	const [row] = await tx.select().from(collections).where(and(eq(collections.id, id), live)).for('update');
	if (!row) throw new AppError('NOT_FOUND', 'No such collection');
	return row;
}

// The slug index also holds deleted collections: a device may still link to their slug.
async function slugTaken(tx: Tx, slug: string, except?: string): Promise<void> {
	const [other] = await tx
		.select({ deletedAt: collections.deletedAt })
		.from(collections)
		.where(and(eq(collections.slug, slug), except ? ne(collections.id, except) : undefined));
	if (!other) return;
	throw new FieldError(
		'slug',
		other.deletedAt ? 'A deleted collection used this slug; choose another.' : 'Another collection already uses this slug.',
		'CONFLICT'
	);
}

async function withSummary(tx: Tx, row: Collection): Promise<AdminCollection> {
	const [{ n }] = (await tx.select({ n: count() }).from(products).where(liveProducts(row.id))) as [{ n: number }];
	return { id: row.id, slug: row.slug, title: row.title, description: row.description, position: row.position, productCount: n };
}

/** Adds a collection at the end of the list. */
export async function createCollection(db: Db, actor: Actor, input: CollectionInput): Promise<AdminCollection> {
	return db.transaction(async (tx) => {
		await slugTaken(tx, input.slug);
		const [{ last }] = (await tx.select({ last: sql<number>`coalesce(max(${collections.position}), -1)::int` }).from(collections).where(live)) as [
			{ last: number }
		];
		const [row] = await tx
			.insert(collections)
			.values({ title: input.title, slug: input.slug, description: input.description, position: last + 1 })
			.onConflictDoNothing({ target: collections.slug })
			.returning();
		// A concurrent insert of the same slug lands here rather than as a 500.
		if (!row) throw new FieldError('slug', 'Another collection already uses this slug.', 'CONFLICT');
		await recordAudit(tx, actor, {
			action: 'collection.create',
			entityType: 'collection',
			entityId: row.id,
			changes: changesBetween(null, row, auditedFields)
		});
		return withSummary(tx, row);
	});
}

export async function updateCollection(db: Db, actor: Actor, input: CollectionInput & { id: string }): Promise<AdminCollection> {
	return db.transaction(async (tx) => {
		const before = await lockCollection(tx, input.id);
		if (input.slug !== before.slug) await slugTaken(tx, input.slug, input.id);
		const [row] = await tx
			.update(collections)
			.set({ title: input.title, slug: input.slug, description: input.description })
			.where(eq(collections.id, input.id))
			.returning();
		await recordAudit(tx, actor, {
			action: 'collection.update',
			entityType: 'collection',
			entityId: input.id,
			changes: changesBetween(before, row!, auditedFields)
		});
		return withSummary(tx, row!);
	});
}

/**
 * Moves a collection one place up or down. Positions may tie (a seed, an old row), so the
 * whole list is renumbered in its new order; only rows whose number changes are written.
 */
export async function moveCollection(db: Db, actor: Actor, input: { id: string; direction: 'up' | 'down' }): Promise<AdminCollection[]> {
	return db.transaction(async (tx) => {
		const rows = await tx
			.select({ id: collections.id, position: collections.position })
			.from(collections)
			.where(live)
			.orderBy(asc(collections.position), asc(collections.title), asc(collections.id))
			.for('update');
		const at = rows.findIndex((r) => r.id === input.id);
		if (at < 0) throw new AppError('NOT_FOUND', 'No such collection');
		const to = input.direction === 'up' ? at - 1 : at + 1;
		if (to < 0 || to >= rows.length) {
			throw new AppError('BAD_REQUEST', `This collection is already ${input.direction === 'up' ? 'first' : 'last'}.`);
		}
		const order = [...rows];
		[order[at], order[to]] = [order[to]!, order[at]!];
		for (const [position, row] of order.entries()) {
			if (row.position !== position) await tx.update(collections).set({ position }).where(eq(collections.id, row.id));
		}
		await recordAudit(tx, actor, {
			action: 'collection.reorder',
			entityType: 'collection',
			entityId: input.id,
			changes: { position: { before: rows[at]!.position, after: to }, swappedWith: { before: null, after: rows[to]!.id } }
		});
		return adminListCollections(tx);
	});
}

/**
 * Deletes a collection, leaving a tombstone for devices. One that still holds products is
 * kept unless `moveTo` names a live collection to move them to first, in the same transaction.
 */
export async function deleteCollection(db: Db, actor: Actor, input: { id: string; moveTo?: string }): Promise<{ title: string; moved: number }> {
	return db.transaction(async (tx) => {
		const before = await lockCollection(tx, input.id);
		const [{ n: held }] = (await tx.select({ n: count() }).from(products).where(liveProducts(input.id))) as [{ n: number }];
		let target: Collection | undefined;
		if (input.moveTo) {
			if (input.moveTo === input.id) throw new FieldError('moveTo', 'Choose another collection to move the products to.');
			target = await lockCollection(tx, input.moveTo).catch((e: unknown) => {
				throw e instanceof AppError ? new FieldError('moveTo', 'That collection no longer exists; choose another.') : e;
			});
		} else if (held > 0) {
			throw new FieldError(
				'moveTo',
				`“${before.title}” still holds ${held} product${held === 1 ? '' : 's'}. Choose a collection to move ${held === 1 ? 'it' : 'them'} to, or move ${held === 1 ? 'it' : 'them'} first.`,
				'CONFLICT'
			);
		}
		// Archived products go along too, so none is left pointing at a tombstone if restored.
		if (target) await tx.update(products).set({ collectionId: target.id }).where(eq(products.collectionId, input.id));
		const [row] = await tx.update(collections).set({ deletedAt: new Date() }).where(eq(collections.id, input.id)).returning();
		await recordAudit(tx, actor, {
			action: 'collection.delete',
			entityType: 'collection',
			entityId: input.id,
			changes: {
				...changesBetween(before, row!, ['deletedAt']),
				...(target && { productsMovedTo: { before: null, after: { id: target.id, title: target.title, count: held } } })
			}
		});
		return { title: before.title, moved: target ? held : 0 };
	});
}
