import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectionDeleteInput, collectionInput } from '../../../src/lib/shared/admin';
import { auditEvents, collections, products } from '../../db/schema';
import { adminListCollections, createCollection, deleteCollection, moveCollection, updateCollection } from './collections';
import type { Actor } from '../audit';
import { pull } from '../sync';
import { handleTrpcRequest } from '../../trpc/http';
import { testProvider } from '../payments/test-provider';
import { useSeededShop } from '../../testing/seeded-shop';

const shop = useSeededShop();
let actor: Actor;

beforeAll(async () => {
	actor = await shop.fixtures.makeAdmin('198.51.100.7');
});

const auditOf = (entityId: string) => shop.db.select().from(auditEvents).where(eq(auditEvents.entityId, entityId));
const create = (title: string, slug = '') => createCollection(shop.db, actor, collectionInput.parse({ title, slug, description: 'Things' }));

async function productIn(collectionId: string, archived = false) {
	const [row] = await shop.db
		.insert(products)
		.values({ slug: `p-${randomUUID()}`, title: 'Thing', priceMinor: 100, collectionId, deletedAt: archived ? new Date() : null })
		.returning({ id: products.id });
	return row!.id;
}

describe('collections', () => {
	it('creates one at the end, slug from the title, with one audit row', async () => {
		const before = await adminListCollections(shop.db);
		const made = await create('Winter Sale!');
		expect(made).toMatchObject({ title: 'Winter Sale!', slug: 'winter-sale', productCount: 0 });
		const after = await adminListCollections(shop.db);
		expect(after.at(-1)!.id).toBe(made.id);
		expect(after.length).toBe(before.length + 1);
		const audit = await auditOf(made.id);
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ action: 'collection.create', entityType: 'collection', actorEmail: actor.email });
		expect(audit[0]!.changes).toMatchObject({ title: { before: null, after: 'Winter Sale!' }, slug: { before: null, after: 'winter-sale' } });
	});

	it('refuses a slug in use (also by a deleted collection) as a CONFLICT on the slug, writing nothing', async () => {
		const first = await create('Slug Owner', 'taken-slug');
		const count = await shop.db.$count(collections);
		await expect(create('Other', 'taken-slug')).rejects.toMatchObject({ code: 'CONFLICT', field: 'slug' });
		const second = await create('Second');
		await expect(updateCollection(shop.db, actor, { id: second.id, title: 'Second', slug: 'taken-slug', description: '' })).rejects.toMatchObject({
			code: 'CONFLICT',
			field: 'slug'
		});
		await deleteCollection(shop.db, actor, { id: first.id });
		await expect(create('Again', 'taken-slug')).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/deleted/) });
		expect(await shop.db.$count(collections)).toBe(count + 1);
	});

	it('renames, auditing just the changed fields', async () => {
		const made = await create('Old name');
		const saved = await updateCollection(shop.db, actor, { id: made.id, title: 'New name', slug: 'new-name', description: 'Things' });
		expect(saved).toMatchObject({ title: 'New name', slug: 'new-name' });
		const audit = (await auditOf(made.id)).filter((a) => a.action === 'collection.update');
		expect(audit).toHaveLength(1);
		expect(audit[0]!.changes).toEqual({ title: { before: 'Old name', after: 'New name' }, slug: { before: 'old-name', after: 'new-name' } });
	});

	it('moves one up and down by swapping it with its neighbour', async () => {
		const a = await create('Reorder A');
		const b = await create('Reorder B');
		const ids = () => adminListCollections(shop.db).then((list) => list.map((c) => c.id));
		const order = await ids();
		const moved = await moveCollection(shop.db, actor, { id: b.id, direction: 'up' });
		const expected = [...order];
		expected.splice(order.indexOf(a.id), 2, b.id, a.id);
		expect(moved.map((c) => c.id)).toEqual(expected);
		expect(moved.map((c) => c.position)).toEqual(moved.map((_, i) => i));
		const audit = (await auditOf(b.id)).filter((e) => e.action === 'collection.reorder');
		expect(audit).toHaveLength(1);
		await moveCollection(shop.db, actor, { id: b.id, direction: 'down' });
		expect(await ids()).toEqual(order);
		await expect(moveCollection(shop.db, actor, { id: order[0]!, direction: 'up' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
	});

	it('refuses to delete a collection that holds products, and moves them first when asked', async () => {
		const doomed = await create('Doomed');
		const home = await create('Home');
		const [p1, p2, archived] = [await productIn(doomed.id), await productIn(doomed.id), await productIn(doomed.id, true)];
		const { cursor } = await pull(shop.db, null, { cursor: null, limit: 1000 });
		const [{ version: versionBefore }] = (await shop.db.select({ version: collections.version }).from(collections).where(eq(collections.id, doomed.id))) as [
			{ version: number }
		];

		await expect(deleteCollection(shop.db, actor, { id: doomed.id })).rejects.toMatchObject({ code: 'CONFLICT', field: 'moveTo' });
		expect((await adminListCollections(shop.db)).find((c) => c.id === doomed.id)).toMatchObject({ productCount: 2 });
		expect((await auditOf(doomed.id)).filter((a) => a.action === 'collection.delete')).toEqual([]);

		expect(await deleteCollection(shop.db, actor, { id: doomed.id, moveTo: home.id })).toEqual({ title: 'Doomed', moved: 2 });
		const moved = await shop.db.select({ id: products.id, collectionId: products.collectionId }).from(products).where(eq(products.collectionId, home.id));
		expect(moved.map((p) => p.id).sort()).toEqual([p1, p2, archived].sort());
		const [row] = await shop.db.select().from(collections).where(eq(collections.id, doomed.id));
		expect(row!.deletedAt).toBeInstanceOf(Date);
		expect(row!.version).toBeGreaterThan(versionBefore);
		expect((await adminListCollections(shop.db)).find((c) => c.id === doomed.id)).toBeUndefined();
		expect((await adminListCollections(shop.db)).find((c) => c.id === home.id)).toMatchObject({ productCount: 2 });

		// Devices hear of it as a tombstone, and of the products' new collection.
		const changes = await pull(shop.db, null, { cursor, limit: 1000 });
		expect(changes.collections).toContainEqual({ id: doomed.id, version: row!.version, deleted: true });
		expect(changes.products.filter((p) => p.id === p1)).toMatchObject([{ collectionId: home.id }]);

		const audit = (await auditOf(doomed.id)).filter((a) => a.action === 'collection.delete');
		expect(audit).toHaveLength(1);
		expect(audit[0]!.changes).toMatchObject({ productsMovedTo: { after: { id: home.id, count: 2 } } });
	});

	it('deletes an empty collection (archived products do not count) without moving anything', async () => {
		const empty = await create('Empty');
		const archived = await productIn(empty.id, true);
		expect(await deleteCollection(shop.db, actor, { id: empty.id })).toEqual({ title: 'Empty', moved: 0 });
		expect((await shop.db.select().from(collections).where(and(eq(collections.id, empty.id), isNull(collections.deletedAt))))).toEqual([]);
		const [p] = await shop.db.select({ collectionId: products.collectionId }).from(products).where(eq(products.id, archived));
		expect(p!.collectionId).toBe(empty.id);
	});

	it('refuses moving products into the collection itself or a deleted one', async () => {
		const a = await create('Mover');
		const gone = await create('Gone');
		await productIn(a.id);
		await deleteCollection(shop.db, actor, { id: gone.id });
		await expect(deleteCollection(shop.db, actor, { id: a.id, moveTo: a.id })).rejects.toMatchObject({ field: 'moveTo' });
		await expect(deleteCollection(shop.db, actor, { id: a.id, moveTo: gone.id })).rejects.toMatchObject({ field: 'moveTo' });
		expect((await adminListCollections(shop.db)).find((c) => c.id === a.id)).toMatchObject({ productCount: 1 });
	});

	it('answers NOT_FOUND for a missing id, and the schemas refuse bad input', async () => {
		const id = randomUUID();
		await expect(updateCollection(shop.db, actor, { id, title: 'X', slug: 'x-y', description: '' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect(moveCollection(shop.db, actor, { id, direction: 'up' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect(deleteCollection(shop.db, actor, { id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		expect(collectionInput.safeParse({ title: 'Ok', slug: 'Not A Slug', description: '' }).success).toBe(false);
		expect(collectionInput.safeParse({ title: '!!!', slug: '', description: '' }).error?.issues[0]?.path).toEqual(['slug']);
		expect(collectionDeleteInput.parse({ id, moveTo: '' })).toEqual({ id, moveTo: undefined });
	});
});

describe('over tRPC', () => {
	const call = async (path: string, input: unknown) => {
		const request = new Request(`http://store.test/api/trpc/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(input)
		});
		const user = { id: actor.id, email: actor.email, role: 'admin' as const };
		const response = await handleTrpcRequest(request, { db: shop.db, user, session: null, payments: testProvider, ip: null });
		return { status: response.status, body: await response.json() };
	};

	it('creates with the shared schema and answers a taken slug with 409 and bad input with 400', async () => {
		const made = await call('admin.collections.create', { title: 'Over the wire', description: '' });
		expect(made.status).toBe(200);
		expect(made.body.result.data).toMatchObject({ slug: 'over-the-wire' });
		expect((await call('admin.collections.create', { title: 'Again', slug: 'over-the-wire' })).status).toBe(409);
		expect((await call('admin.collections.create', { title: 'Bad', slug: 'Bad Slug' })).status).toBe(400);
		expect((await call('admin.collections.create', { title: 'Extra', position: 3 })).status).toBe(400);
		expect((await call('admin.collections.delete', { id: randomUUID() })).status).toBe(404);
		expect((await call('admin.customers.setMembership', { userId: actor.id, membership: 'platinum' })).status).toBe(400);
		expect((await call('admin.reviews.hide', { id: randomUUID() })).status).toBe(404);
	});
});
