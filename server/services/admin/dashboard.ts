import { and, asc, count, desc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import { LOW_STOCK } from '../../../src/lib/shared/catalog';
import type { Db } from '../../db/client';
import { lineTitle } from '../../../src/lib/shared/variants';
import { orders, products, productVariants, reviews, users } from '../../db/schema';

/** Orders and revenue (of paid orders) since a moment. */
export type Takings = { orders: number; revenueMinor: number };

export type Dashboard = {
	products: number;
	soldOut: number;
	lowStock: number;
	customers: number;
	reviews: number;
	today: Takings;
	week: Takings;
	/** Paid and waiting to be shipped. */
	toFulfil: number;
	/** The variants closest to running out (sold out first), to restock: `id` is the product's, `title` names the variant. */
	restock: { id: string; variantId: string; title: string; inventory: number }[];
	recentReviews: { id: string; productTitle: string; productSlug: string; rating: number; body: string; at: string; hidden: boolean }[];
};

const paid = inArray(orders.status, ['paid', 'fulfilled']);

async function takings(db: Db, since: ReturnType<typeof sql>): Promise<Takings> {
	const [row] = await db
		.select({
			orders: count(),
			revenueMinor: sql<number>`coalesce(sum(${orders.totalMinor}) filter (where ${paid}), 0)::int`
		})
		.from(orders)
		.where(sql`${orders.placedAt} >= ${since}`);
	return row!;
}

/** What the admin dashboard opens with. */
export async function dashboard(db: Db): Promise<Dashboard> {
	const live = isNull(products.deletedAt);
	const [[catalog], [people], [reviewRows], today, week, [fulfil], restock, recent] = await Promise.all([
		db
			.select({
				products: count(),
				soldOut: sql<number>`count(*) filter (where ${products.inventory} = 0)::int`,
				lowStock: sql<number>`count(*) filter (where ${and(gt(products.inventory, 0), lte(products.inventory, LOW_STOCK))})::int`
			})
			.from(products)
			.where(live),
		db.select({ customers: count() }).from(users).where(eq(users.role, 'customer')),
		db.select({ reviews: count() }).from(reviews),
		takings(db, sql`date_trunc('day', now())`),
		takings(db, sql`date_trunc('week', now())`),
		db.select({ toFulfil: count() }).from(orders).where(eq(orders.status, 'paid')),
		db
			.select({
				id: products.id,
				variantId: productVariants.id,
				title: products.title,
				options: products.options,
				values: productVariants.options,
				inventory: productVariants.inventory
			})
			.from(productVariants)
			.innerJoin(products, eq(products.id, productVariants.productId))
			.where(and(live, isNull(productVariants.deletedAt), lte(productVariants.inventory, LOW_STOCK)))
			.orderBy(asc(productVariants.inventory), asc(products.title), asc(productVariants.position))
			.limit(10),
		db
			.select({
				id: reviews.id,
				productTitle: products.title,
				productSlug: products.slug,
				rating: reviews.rating,
				body: reviews.body,
				createdAt: reviews.createdAt,
				hiddenAt: reviews.hiddenAt
			})
			.from(reviews)
			.innerJoin(products, eq(products.id, reviews.productId))
			.orderBy(desc(reviews.createdAt))
			.limit(5)
	]);
	return {
		...catalog!,
		...people!,
		...reviewRows!,
		today,
		week,
		toFulfil: fulfil!.toFulfil,
		restock: restock.map(({ options, values, title, ...v }) => ({ ...v, title: lineTitle(title, options, values) })),
		recentReviews: recent.map(({ createdAt, hiddenAt, ...r }) => ({ ...r, at: createdAt.toISOString(), hidden: hiddenAt !== null }))
	};
}
