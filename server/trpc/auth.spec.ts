import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../auth/session';
import { customers, products, reviews, users } from '../db/schema';
import { authenticate, createOrPromoteAdmin, signUp } from '../services/accounts';
import { handleTrpcRequest } from './http';
import { appRouter } from './root';
import { testProvider } from '../services/payments/test-provider';
import { useSeededShop } from '../testing/seeded-shop';

const shop = useSeededShop();
let alice: SessionUser;
let bob: SessionUser;
let admin: SessionUser;
let productId: string;

async function makeUser(email: string): Promise<SessionUser> {
	const user = await signUp(shop.db, { email, password: 'a fine long password', firstName: email.split('@')[0]!, lastName: 'Tester' });
	return { id: user.id, email: user.email, role: user.role };
}

beforeAll(async () => {
	alice = await makeUser('alice@example.com');
	bob = await makeUser('bob@example.com');
	await createOrPromoteAdmin(shop.db, 'boss@example.com', 'another fine password');
	const [row] = await shop.db.select().from(users).where(eq(users.email, 'boss@example.com'));
	admin = { id: row!.id, email: row!.email, role: row!.role };
	[{ id: productId }] = (await shop.db.select({ id: products.id }).from(products).limit(1)) as [{ id: string }];
});

/** Calls a procedure over HTTP as `user` (null: a visitor). */
async function call(user: SessionUser | null, path: string, input?: unknown, type = 'query') {
	const url = new URL(`http://store.test/api/trpc/${path}`);
	let request: Request;
	if (type === 'query') {
		if (input !== undefined) url.searchParams.set('input', JSON.stringify(input));
		request = new Request(url);
	} else {
		request = new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input ?? {}) });
	}
	const response = await handleTrpcRequest(request, { db: shop.db, user, session: null, payments: testProvider, ip: null });
	const body = await response.json();
	return { status: response.status, data: body.result?.data, error: body.error };
}

describe('roles', () => {
	const adminProcedures = Object.entries(appRouter._def.procedures).filter(([path]) => path.startsWith('admin.'));

	it('has admin procedures to guard', () => {
		expect(adminProcedures.length).toBeGreaterThan(0);
	});

	// Walks the whole admin router, so a procedure added later cannot be forgotten.
	it.each(adminProcedures)('%s refuses visitors (401) and customers (403) and serves admins', async (path, procedure) => {
		const type = (procedure as unknown as { _def: { type: string } })._def.type;
		expect((await call(null, path, undefined, type)).status).toBe(401);
		expect((await call(alice, path, undefined, type)).status).toBe(403);
		expect((await call(admin, path, undefined, type)).status).not.toBe(403);
	});

	it('gives a visitor 401 on account procedures', async () => {
		expect((await call(null, 'account.me')).status).toBe(401);
		expect((await call(null, 'account.update', { firstName: 'X', lastName: '', phone: '', birthDate: '' }, 'mutation')).status).toBe(401);
	});
});

describe('account', () => {
	it('shows each customer their own profile only', async () => {
		expect((await call(alice, 'account.me')).data).toMatchObject({ email: 'alice@example.com', firstName: 'alice', membership: 'bronze' });
		expect((await call(bob, 'account.me')).data).toMatchObject({ email: 'bob@example.com', firstName: 'bob' });
	});

	it('updates the profile, and refuses role, membership or userId with 400, changing nothing', async () => {
		const update = { firstName: 'Alice', lastName: 'Liddell', phone: '+44 20 7946 0000', birthDate: '1990-05-04' };
		const ok = await call(alice, 'account.update', update, 'mutation');
		expect(ok.status).toBe(200);
		expect(ok.data).toMatchObject({ ...update, membership: 'bronze' });

		for (const extra of [{ role: 'admin' }, { membership: 'gold' }, { userId: bob.id }]) {
			const refused = await call(alice, 'account.update', { ...update, firstName: 'Mallory', ...extra }, 'mutation');
			expect(refused.status, JSON.stringify(extra)).toBe(400);
		}
		const [row] = await shop.db
			.select({ role: users.role, membership: customers.membership, firstName: customers.firstName })
			.from(users)
			.innerJoin(customers, eq(customers.userId, users.id))
			.where(eq(users.id, alice.id));
		expect(row).toEqual({ role: 'customer', membership: 'bronze', firstName: 'Alice' });
		const [bobRow] = await shop.db.select().from(customers).where(eq(customers.userId, bob.id));
		expect(bobRow!.firstName).toBe('bob');
	});

	it('rejects malformed profile fields', async () => {
		for (const bad of [{ phone: 'call me' }, { birthDate: '2999-01-01' }, { birthDate: '04/05/1990' }, { firstName: 'x'.repeat(81) }]) {
			const result = await call(alice, 'account.update', { firstName: '', lastName: '', phone: '', birthDate: '', ...bad }, 'mutation');
			expect(result.status, JSON.stringify(bad)).toBe(400);
		}
	});
});

describe('sign-up and sign-in', () => {
	it('normalises emails and refuses a second account for the same address', async () => {
		await expect(
			signUp(shop.db, { email: 'alice@example.com', password: 'yet another password', firstName: '', lastName: '' })
		).rejects.toMatchObject({ code: 'CONFLICT', field: 'email' });
	});

	it('answers an unknown email exactly as a wrong password', async () => {
		expect(await authenticate(shop.db, 'alice@example.com', 'a fine long password')).not.toBeNull();
		expect(await authenticate(shop.db, 'alice@example.com', 'wrong password')).toBeNull();
		expect(await authenticate(shop.db, 'nobody@example.com', 'a fine long password')).toBeNull();
	});
});

describe('reviews', () => {
	const rating = async () =>
		(await shop.db.select({ total: products.ratingTotal, count: products.reviewCount }).from(products).where(eq(products.id, productId)))[0]!;

	it('needs an account', async () => {
		expect((await call(null, 'reviews.create', { productId, rating: 5, body: 'Great' }, 'mutation')).status).toBe(401);
	});

	it('keeps one review per customer per product and the product rating in step', async () => {
		const before = await rating();
		const created = await call(alice, 'reviews.create', { productId, rating: 2, body: 'Not for me <b>really</b>' }, 'mutation');
		expect(created.status).toBe(200);
		expect(await rating()).toEqual({ total: before.total + 2, count: before.count + 1 });
		expect((await call(alice, 'reviews.create', { productId, rating: 5, body: 'again' }, 'mutation')).status).toBe(409);

		const updated = await call(alice, 'reviews.update', { id: created.data.id, rating: 4, body: 'Grew on me' }, 'mutation');
		expect(updated.status).toBe(200);
		expect(await rating()).toEqual({ total: before.total + 4, count: before.count + 1 });

		// Stored as typed; pages render it as text.
		const listed = await call(null, 'reviews.list', { productId, limit: 50 });
		expect(listed.data.items.map((r: { body: string }) => r.body)).toContain('Grew on me');

		expect((await call(alice, 'reviews.delete', { id: created.data.id }, 'mutation')).status).toBe(200);
		expect(await rating()).toEqual(before);
	});

	it('never lets one customer change or delete another’s review', async () => {
		const created = await call(bob, 'reviews.create', { productId, rating: 5, body: 'Love it' }, 'mutation');
		expect((await call(alice, 'reviews.update', { id: created.data.id, rating: 1, body: 'hacked' }, 'mutation')).status).toBe(404);
		expect((await call(alice, 'reviews.delete', { id: created.data.id }, 'mutation')).status).toBe(404);
		const [row] = await shop.db.select().from(reviews).where(eq(reviews.id, created.data.id));
		expect(row).toMatchObject({ rating: 5, body: 'Love it', userId: bob.id });
	});

	it('refuses bad reviews with 4xx and writes nothing', async () => {
		const count = await shop.db.$count(reviews);
		const bad = [
			{ productId, rating: 6, body: '' },
			{ productId, rating: 0, body: '' },
			{ productId, rating: 3.5, body: '' },
			{ productId, rating: 3, body: 'x'.repeat(2001) },
			{ productId: 'nope', rating: 3, body: '' },
			{ productId, rating: 3, body: '', userId: bob.id }
		];
		for (const input of bad) expect((await call(alice, 'reviews.create', input, 'mutation')).status, JSON.stringify(input).slice(0, 80)).toBe(400);
		const unknown = { productId: '00000000-0000-4000-8000-000000000000', rating: 3, body: '' };
		expect((await call(alice, 'reviews.create', unknown, 'mutation')).status).toBe(404);
		expect(await shop.db.$count(reviews)).toBe(count);
	});
});
