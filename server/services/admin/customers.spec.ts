import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { membershipInput } from '../../../src/lib/shared/admin';
import { auditEvents, customers, orders, users } from '../../db/schema';
import { adminGetCustomer, adminListCustomers, updateMembership } from './customers';
import type { Actor } from '../audit';
import { useSeededShop } from '../../testing/seeded-shop';

const shop = useSeededShop({ seed: false });
let actor: Actor;

beforeAll(async () => {
	actor = await shop.fixtures.makeAdmin();
});

async function customer(email: string, firstName: string, lastName: string, createdAt: Date) {
	const [user] = await shop.db.insert(users).values({ email, passwordHash: 'x', createdAt }).returning();
	await shop.db.insert(customers).values({ userId: user!.id, firstName, lastName });
	return user!.id;
}

describe('customers', () => {
	it('lists newest first, a page at a time, and searches email and name', async () => {
		const tag = randomUUID().slice(0, 8);
		const ids = [];
		for (let i = 0; i < 3; i++) ids.push(await customer(`c${i}-${tag}@shop.test`, i === 1 ? 'Grace' : 'Ada', `Hopper${tag}`, new Date(Date.UTC(2030, 0, i + 1))));
		const first = await adminListCustomers(shop.db, { limit: 2 });
		expect(first.items.map((c) => c.id)).toEqual([ids[2], ids[1]]);
		const rest = await adminListCustomers(shop.db, { limit: 2, cursor: first.nextCursor! });
		expect(rest.items[0]!.id).toBe(ids[0]);

		expect((await adminListCustomers(shop.db, { query: `c1-${tag}`, limit: 10 })).items.map((c) => c.id)).toEqual([ids[1]]);
		expect((await adminListCustomers(shop.db, { query: `grace hopper${tag}`, limit: 10 })).items.map((c) => c.id)).toEqual([ids[1]]);
		expect((await adminListCustomers(shop.db, { query: `HOPPER${tag}`, limit: 10 })).items).toHaveLength(3);
		expect((await adminListCustomers(shop.db, { query: '100%_', limit: 10 })).items).toEqual([]);
		await expect(adminListCustomers(shop.db, { limit: 2, cursor: 'nonsense' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
	});

	it('shows a profile with its orders, newest first', async () => {
		const id = await customer(`orders-${randomUUID()}@shop.test`, 'Olive', 'Orders', new Date());
		const base = { userId: id, currency: 'USD', subtotalMinor: 1000, shippingMinor: 0, totalMinor: 1000 };
		await shop.db.insert(orders).values([
			{ ...base, idempotencyKey: `k-${randomUUID()}`, placedAt: new Date('2030-01-01T00:00:00Z') },
			{ ...base, idempotencyKey: `k-${randomUUID()}`, placedAt: new Date('2030-02-01T00:00:00Z'), status: 'paid', totalMinor: 1495, shippingMinor: 495 }
		]);
		const found = await adminGetCustomer(shop.db, id);
		expect(found).toMatchObject({ id, firstName: 'Olive', lastName: 'Orders', membership: 'bronze', role: 'customer' });
		expect(found.orders.map((o) => [o.status, o.totalMinor, o.placedAt])).toEqual([
			['paid', 1495, '2030-02-01T00:00:00.000Z'],
			['pending_payment', 1000, '2030-01-01T00:00:00.000Z']
		]);
		expect(found.orders[0]!.number).toBeGreaterThan(found.orders[1]!.number);
		await expect(adminGetCustomer(shop.db, randomUUID())).rejects.toMatchObject({ code: 'NOT_FOUND' });
	});

	it('changes the membership tier with one audit row; the same tier writes nothing', async () => {
		const id = await customer(`tier-${randomUUID()}@shop.test`, 'Tia', 'Tier', new Date());
		expect(await updateMembership(shop.db, actor, { userId: id, membership: 'gold' })).toEqual({ membership: 'gold', changed: true });
		expect((await adminGetCustomer(shop.db, id)).membership).toBe('gold');
		expect(await updateMembership(shop.db, actor, { userId: id, membership: 'gold' })).toEqual({ membership: 'gold', changed: false });
		const audit = await shop.db.select().from(auditEvents).where(eq(auditEvents.entityId, id));
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({
			action: 'customer.membership',
			entityType: 'customer',
			actorId: actor.id,
			changes: { membership: { before: 'bronze', after: 'gold' } }
		});
	});

	it('validates the tier and answers NOT_FOUND for an unknown customer', async () => {
		const userId = randomUUID();
		expect(membershipInput.safeParse({ userId, membership: 'platinum' }).success).toBe(false);
		expect(membershipInput.safeParse({ userId, membership: 'silver', role: 'admin' }).success).toBe(false);
		expect(membershipInput.parse({ userId, membership: 'silver' })).toEqual({ userId, membership: 'silver' });
		await expect(updateMembership(shop.db, actor, { userId, membership: 'silver' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		// The column refuses an unknown tier too, should anything skip the schema.
		const id = await customer(`bad-${randomUUID()}@shop.test`, 'B', 'Ad', new Date());
		await expect(updateMembership(shop.db, actor, { userId: id, membership: 'platinum' as 'gold' })).rejects.toThrow();
		expect((await adminGetCustomer(shop.db, id)).membership).toBe('bronze');
		expect(await shop.db.select().from(auditEvents).where(eq(auditEvents.entityId, id))).toEqual([]);
	});

	it('gives an account without a profile one when its tier is set', async () => {
		const [admin] = await shop.fixtures.makeUsers(1, 'admin');
		expect((await adminGetCustomer(shop.db, admin.id)).membership).toBe('bronze');
		await updateMembership(shop.db, actor, { userId: admin.id, membership: 'silver' });
		expect((await adminGetCustomer(shop.db, admin.id)).membership).toBe('silver');
	});
});
