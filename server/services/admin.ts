import { and, count, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import { LOW_STOCK } from '../../src/lib/shared/catalog';
import type { Db } from '../db/client';
import { orders, products, reviews, users } from '../db/schema';

export type DashboardCounts = {
	products: number;
	soldOut: number;
	lowStock: number;
	customers: number;
	ordersToday: number;
	reviews: number;
};

/** The numbers the admin dashboard opens with. */
export async function dashboardCounts(db: Db): Promise<DashboardCounts> {
	const live = isNull(products.deletedAt);
	const [[catalog], [people], [today], [reviewRows]] = await Promise.all([
		db
			.select({
				products: count(),
				soldOut: sql<number>`count(*) filter (where ${products.inventory} = 0)::int`,
				lowStock: sql<number>`count(*) filter (where ${and(gt(products.inventory, 0), lte(products.inventory, LOW_STOCK))})::int`
			})
			.from(products)
			.where(live),
		db.select({ customers: count() }).from(users).where(eq(users.role, 'customer')),
		db.select({ ordersToday: count() }).from(orders).where(sql`${orders.placedAt} >= date_trunc('day', now())`),
		db.select({ reviews: count() }).from(reviews)
	]);
	return { ...catalog!, ...people!, ...today!, ...reviewRows! };
}
