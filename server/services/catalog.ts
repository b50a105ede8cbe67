import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { CatalogListQuery } from '../../src/lib/shared/catalog-input';
import {
	averageRating,
	COUNT_CAP,
	type CatalogPage,
	type CatalogSort,
	productFace,
	type CollectionSummary,
	type ProductDetail,
	type ProductFace,
	type ProductSummary
} from '../../src/lib/shared/catalog';
import { queryWords, searchTerms, WORD_SCORE } from '../../src/lib/shared/search-ranking';
import type { Db, Tx } from '../db/client';
import { collections, products, productVariants, type Product } from '../db/schema';
import { decodeCursor, isTimestampKey, timestampKey, badCursor, splitPage } from './cursor';
import { AppError } from './errors';
import { liveVariants } from './variants';
import { sharedOptions, type ProductOption } from '../../src/lib/shared/variants';

/**
 * Each sort is a keyset: (key, id) in one direction. `text` prints the key for the cursor
 * (timestamps to the microsecond) and `valid` vets a cursor's key before it reaches SQL.
 */
type Sort = { key: SQL; text: SQL; type: string; valid: (key: string) => boolean; desc: boolean };

const integerKey = (key: string) => /^\d{1,10}$/.test(key);
const byPrice = { key: sql`${products.minPriceMinor}`, text: sql`${products.minPriceMinor}::text`, type: 'integer', valid: integerKey };

const sorts: Record<Exclude<CatalogSort, 'relevance'>, Sort> = {
	newest: {
		key: sql`${products.createdAt}`,
		text: timestampKey(products.createdAt),
		type: 'timestamptz',
		valid: isTimestampKey,
		desc: true
	},
	price_asc: { ...byPrice, desc: false },
	price_desc: { ...byPrice, desc: true },
	title: { key: sql`${products.title}`, text: sql`${products.title}`, type: 'text', valid: () => true, desc: false },
	rating: {
		key: sql`${products.ratingScore}`,
		text: sql`${products.ratingScore}::text`,
		type: 'integer',
		valid: integerKey,
		desc: true
	}
};

/** Turns shopper text into a prefix-matching tsquery ("walnut boa" → walnut:* & boa:*). */
export function toPrefixQuery(text: string): string | null {
	const words = queryWords(text);
	return words.length ? words.map((w) => `${w}:*`).join(' & ') : null;
}

/**
 * `wordScorer` and `rank` of search-ranking.ts in SQL. A search word is letters and digits
 * only, so it goes into a regular expression as it is; \m and \M are word edges. The
 * server forgives no misspelling, so it never scores a near spelling.
 */
function relevance(terms: string[]): Sort {
	// Constants, not parameters: Postgres would read untyped parameters as text.
	const score = (key: keyof typeof WORD_SCORE) => sql.raw(String(WORD_SCORE[key]));
	const title = sql`lower(${products.title})`;
	const description = sql`lower(${products.description})`;
	const scores = terms.map((term) => {
		const [word, prefix] = [`\\m${term}\\M`, `\\m${term}`];
		return sql`case when ${title} ~ ${word} then ${score('titleWord')} when ${title} ~ ${prefix} then ${score('titlePrefix')}
			when ${description} ~ ${word} then ${score('descriptionWord')} when ${description} ~ ${prefix} then ${score('descriptionPrefix')}
			else ${score('matched')} end`;
	});
	const key = sql`((${sql.join(scores, sql` + `)}) * 2 + (${products.inventory} > 0)::int)`;
	return { key, text: sql`${key}::text`, type: 'integer', valid: integerKey, desc: true };
}

/** The keyset of a list: ranked by relevance when searching, else the sort chosen ("best match" with no words is newest). */
function sortOf(input: CatalogListQuery): Sort {
	if (input.sort !== 'relevance') return sorts[input.sort];
	const terms = searchTerms(input.q);
	return terms?.length ? relevance(terms) : sorts.newest;
}

function listFilters(input: CatalogListQuery): SQL[] {
	const filters: SQL[] = [sql`${products.deletedAt} is null`, sql`${collections.deletedAt} is null`];
	if (input.collection) filters.push(eq(collections.slug, input.collection));
	if (input.minPrice !== undefined) filters.push(sql`${products.minPriceMinor} >= ${input.minPrice}`);
	if (input.maxPrice !== undefined) filters.push(sql`${products.minPriceMinor} <= ${input.maxPrice}`);
	if (input.inStock) filters.push(sql`${products.inventory} > 0`);
	if (input.option) {
		const inStock = input.inStock ? sql` and ${productVariants.inventory} > 0` : sql``;
		filters.push(sql`exists (select 1 from ${productVariants} where ${productVariants.productId} = ${products.id}
			and ${productVariants.deletedAt} is null and ${productVariants.options} ->> ${input.option.name} = ${input.option.value}${inStock})`);
	}
	const query = input.q ? toPrefixQuery(input.q) : null;
	if (query) filters.push(sql`${products.search} @@ to_tsquery('english', ${query})`);
	return filters;
}

/** The columns of a product's face (see `productFace`): what every list of products shows, priced from its cheapest variant. */
export const faceColumns = {
	id: products.id,
	slug: products.slug,
	title: products.title,
	priceMinor: products.minPriceMinor,
	priceMaxMinor: products.maxPriceMinor,
	currency: products.currency,
	inventory: products.inventory,
	images: products.images
};

/** A product as the shop describes it, alike to the admin's editor and to a device's replica. */
export function productFields(
	p: Pick<Product, 'id' | 'slug' | 'title' | 'description' | 'priceMinor' | 'currency' | 'inventory' | 'collectionId' | 'images'>
) {
	return {
		id: p.id,
		slug: p.slug,
		title: p.title,
		description: p.description,
		priceMinor: p.priceMinor,
		currency: p.currency,
		inventory: p.inventory,
		collectionId: p.collectionId,
		images: p.images
	};
}

/** The stars a product shows, from the totals the reviews service keeps. */
export function ratingOf(p: Pick<Product, 'ratingTotal' | 'reviewCount'>) {
	return { rating: averageRating(p.ratingTotal, p.reviewCount), reviewCount: p.reviewCount };
}

const summaryColumns = {
	...faceColumns,
	ratingTotal: products.ratingTotal,
	reviewCount: products.reviewCount,
	collectionSlug: collections.slug,
	collectionTitle: collections.title
};

type SummaryRow = Omit<ProductFace, 'image'> &
	Pick<Product, 'images' | 'ratingTotal' | 'reviewCount'> & { collectionSlug: string; collectionTitle: string };

function toSummary(row: SummaryRow): ProductSummary {
	return { ...productFace(row), ...ratingOf(row), collection: { slug: row.collectionSlug, title: row.collectionTitle } };
}

export async function listProducts(
	db: Db,
	input: CatalogListQuery
): Promise<CatalogPage> {
	const sort = sortOf(input);
	const filters = listFilters(input);
	const where = and(...filters);

	const pageFilters = [...filters];
	if (input.cursor) {
		const cursor = decodeCursor(input.cursor, input.sort);
		if (!sort.valid(cursor.key)) throw badCursor();
		const after = sql`(${sort.key}, ${products.id}) ${sql.raw(sort.desc ? '<' : '>')} (${cursor.key}::${sql.raw(sort.type)}, ${cursor.id}::uuid)`;
		pageFilters.push(after);
	}
	const direction = sql.raw(sort.desc ? 'desc' : 'asc');

	const [rows, total] = await Promise.all([
		db
			.select({ ...summaryColumns, sortKey: sql<string>`${sort.text}` })
			.from(products)
			.innerJoin(collections, eq(collections.id, products.collectionId))
			.where(and(...pageFilters))
			.orderBy(sql`${sort.key} ${direction}`, sql`${products.id} ${direction}`)
			.limit(input.limit + 1),
		db
			.$count(
				db
					.select({ id: products.id })
					.from(products)
					.innerJoin(collections, eq(collections.id, products.collectionId))
					.where(where)
					.limit(COUNT_CAP + 1)
					.as('matching')
			)
	]);

	const { page, nextCursor } = splitPage(rows, input.limit, (last) => ({ sort: input.sort, key: last.sortKey, id: last.id }));
	return {
		items: page.map(toSummary),
		nextCursor,
		total: Math.min(total, COUNT_CAP),
		totalCapped: total > COUNT_CAP
	};
}

export async function getProduct(db: Db, by: { slug: string } | { id: string }): Promise<ProductDetail> {
	const [row] = await db
		.select({
			...summaryColumns,
			description: products.description,
			options: products.options,
			version: products.version,
			updatedAt: products.updatedAt
		})
		.from(products)
		.innerJoin(collections, eq(collections.id, products.collectionId))
		.where(
			and(
				'slug' in by ? eq(products.slug, by.slug) : eq(products.id, by.id),
				isNull(products.deletedAt),
				isNull(collections.deletedAt)
			)
		)
		.limit(1);
	if (!row) throw new AppError('NOT_FOUND', 'No such product');
	const variants = (await liveVariants(db, [row.id])).get(row.id) ?? [];
	return {
		...toSummary(row),
		description: row.description,
		options: row.options,
		variants,
		images: row.images,
		version: row.version,
		updatedAt: row.updatedAt.toISOString()
	};
}

/** Every live collection in the shop's order, with its position and how many live products it holds (the admin's list as it is). */
export function collectionsWithCounts(db: Db | Tx) {
	return db
		.select({
			id: collections.id,
			slug: collections.slug,
			title: collections.title,
			description: collections.description,
			position: collections.position,
			productCount: sql<number>`count(${products.id})::int`
		})
		.from(collections)
		.leftJoin(products, and(eq(products.collectionId, collections.id), isNull(products.deletedAt)))
		.where(isNull(collections.deletedAt))
		.groupBy(collections.id)
		.orderBy(asc(collections.position), asc(collections.title), asc(collections.id));
}

export async function listCollections(db: Db): Promise<CollectionSummary[]> {
	const [counted, sold] = await Promise.all([
		collectionsWithCounts(db),
		db
			.select({ collectionId: products.collectionId, options: products.options })
			.from(products)
			.where(and(isNull(products.deletedAt), sql`${products.options} <> '[]'::jsonb`))
			.orderBy(asc(products.title), asc(products.id))
	]);
	const sells = new Map<string, ProductOption[][]>();
	for (const p of sold) sells.set(p.collectionId, [...(sells.get(p.collectionId) ?? []), p.options]);
	return counted.map(({ id, slug, title, description, productCount }) => ({ id, slug, title, description, productCount, options: sharedOptions(sells.get(id) ?? []) }));
}

export async function getCollection(db: Db, slug: string): Promise<CollectionSummary> {
	const found = (await listCollections(db)).find((c) => c.slug === slug);
	if (!found) throw new AppError('NOT_FOUND', 'No such collection');
	return found;
}
