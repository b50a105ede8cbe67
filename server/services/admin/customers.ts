import { and, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { AdminCustomer, AdminCustomerRow, MembershipTier } from '../../../src/lib/shared/admin';
import type { Page } from '../../../src/lib/shared/catalog';
import type { Db } from '../../db/client';
import { containing } from '../../db/like';
import { customers, orders, users } from '../../db/schema';
import { recordAudit, type Actor } from '../audit';
import { newestFirst } from '../cursor';
import { AppError } from '../errors';

// How many of a customer's orders the detail page shows; the orders page has the rest.
const ORDERS_SHOWN = 50;

const rowColumns = {
	id: users.id,
	email: users.email,
	role: users.role,
	createdAt: users.createdAt,
	firstName: customers.firstName,
	lastName: customers.lastName,
	membership: customers.membership,
	phone: customers.phone,
	birthDate: customers.birthDate
};

type Row = { id: string; email: string; role: 'customer' | 'admin'; createdAt: Date; firstName: string | null; lastName: string | null; membership: MembershipTier | null };

function rowView(r: Row): AdminCustomerRow {
	return {
		id: r.id,
		email: r.email,
		firstName: r.firstName ?? '',
		lastName: r.lastName ?? '',
		role: r.role,
		// An account made without a profile (an admin from the command line) is bronze by default.
		membership: r.membership ?? 'bronze',
		joinedAt: r.createdAt.toISOString()
	};
}

/** Everyone with an account, newest first, optionally those whose email or name contains `query`. */
export async function adminListCustomers(db: Db, input: { query?: string; cursor?: string; limit: number }): Promise<Page<AdminCustomerRow>> {
	const filters: SQL[] = [];
	if (input.query) {
		const like = containing(input.query);
		filters.push(
			or(
				ilike(users.email, like),
				ilike(customers.firstName, like),
				ilike(customers.lastName, like),
				ilike(sql`${customers.firstName} || ' ' || ${customers.lastName}`, like)
			)!
		);
	}
	const paging = newestFirst('customers', users.createdAt, users.id, input);
	const rows = await db
		.select({ ...rowColumns, key: paging.key })
		.from(users)
		.leftJoin(customers, eq(customers.userId, users.id))
		.where(and(...filters, paging.after))
		.orderBy(...paging.order)
		.limit(paging.read);
	const { page, nextCursor } = paging.split(rows);
	return { items: page.map(rowView), nextCursor };
}

/** One account's profile and its latest orders. */
export async function adminGetCustomer(db: Db, id: string): Promise<AdminCustomer> {
	const [row] = await db.select(rowColumns).from(users).leftJoin(customers, eq(customers.userId, users.id)).where(eq(users.id, id));
	if (!row) throw new AppError('NOT_FOUND', 'No such customer');
	const orderRows = await db
		.select({
			id: orders.id,
			number: orders.number,
			placedAt: orders.placedAt,
			status: orders.status,
			totalMinor: orders.totalMinor,
			currency: orders.currency
		})
		.from(orders)
		.where(eq(orders.userId, id))
		.orderBy(desc(orders.placedAt), desc(orders.id))
		.limit(ORDERS_SHOWN);
	return {
		...rowView(row),
		phone: row.phone,
		birthDate: row.birthDate,
		orders: orderRows.map((o) => ({ ...o, placedAt: o.placedAt.toISOString() }))
	};
}

/** Sets a customer's membership tier; only admins can, and each change is audited. */
export async function updateMembership(
	db: Db,
	actor: Actor,
	input: { userId: string; membership: MembershipTier }
): Promise<{ membership: MembershipTier; changed: boolean }> {
	return db.transaction(async (tx) => {
		const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, input.userId)).for('update');
		if (!user) throw new AppError('NOT_FOUND', 'No such customer');
		const [profile] = await tx.select({ membership: customers.membership }).from(customers).where(eq(customers.userId, input.userId)).for('update');
		const before = profile?.membership ?? 'bronze';
		if (before === input.membership) return { membership: before, changed: false };
		if (profile) await tx.update(customers).set({ membership: input.membership }).where(eq(customers.userId, input.userId));
		else await tx.insert(customers).values({ userId: input.userId, membership: input.membership });
		await recordAudit(tx, actor, {
			action: 'customer.membership',
			entityType: 'customer',
			entityId: input.userId,
			changes: { membership: { before, after: input.membership } }
		});
		return { membership: input.membership, changed: true };
	});
}
