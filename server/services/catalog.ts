import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { CatalogListQuery } from '../../src/lib/shared/catalog-input';
import {
	averageRating,
	COUNT_CAP,
	type CatalogPage,
	type CatalogSort,
	type CollectionSummary,
	type ProductDetail,
	type ProductSummary
} from '../../src/lib/shared/catalog';
import { queryWords, searchTerms, WORD_SCORE } from '../../src/lib/shared/search-ranking';
import type { Db, Tx } from '../db/client';
import { collections, products } from '../db/schema';
import { decodeCursor, encodeCursor, isTimestampKey, timestampKey, badCursor } from './cursor';
import { AppError } from './errors';

/**
 * Each sort is a keyset: (key, id) in one direction. `text` prints the key for the cursor
 * (timestamps to the microsecond) and `valid` vets a cursor's key before it reaches SQL.
 */
type Sort = { key: SQL; text: SQL; type: string; valid: (key: string) => boolean; desc: boolean };

const integerKey = (key: string) => /^\d{1,10}$/.test(key);
const byPrice = { key: sql`${products.priceMinor}`, text: sql`${products.priceMinor}::text`, type: 'integer', valid: integerKey };

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
	if (input.minPrice !== undefined) filters.push(sql`${products.priceMinor} >= ${input.minPrice}`);
	if (input.maxPrice !== undefined) filters.push(sql`${products.priceMinor} <= ${input.maxPrice}`);
	if (input.inStock) filters.push(sql`${products.inventory} > 0`);
	const query = input.q ? toPrefixQuery(input.q) : null;
	if (query) filters.push(sql`${products.search} @@ to_tsquery('english', ${query})`);
	return filters;
}

const summaryColumns = {
	id: products.id,
	slug: products.slug,
	title: products.title,
	priceMinor: products.priceMinor,
	currency: products.currency,
	inventory: products.inventory,
	images: products.images,
	ratingTotal: products.ratingTotal,
	reviewCount: products.reviewCount,
	collectionSlug: collections.slug,
	collectionTitle: collections.title
};

type SummaryRow = {
	id: string;
	slug: string;
	title: string;
	priceMinor: number;
	currency: string;
	inventory: number;
	images: { src: string; alt: string }[];
	ratingTotal: number;
	reviewCount: number;
	collectionSlug: string;
	collectionTitle: string;
};

function toSummary(row: SummaryRow): ProductSummary {
	return {
		id: row.id,
		slug: row.slug,
		title: row.title,
		priceMinor: row.priceMinor,
		currency: row.currency,
		inventory: row.inventory,
		image: row.images[0] ?? null,
		rating: averageRating(row.ratingTotal, row.reviewCount),
		reviewCount: row.reviewCount,
		collection: { slug: row.collectionSlug, title: row.collectionTitle }
	};
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

	const page = rows.slice(0, input.limit);
	const last = page.at(-1);
	return {
		items: page.map(toSummary),
		nextCursor:
			rows.length > input.limit && last
				? encodeCursor({ sort: input.sort, key: last.sortKey, id: last.id })
				: null,
		total: Math.min(total, COUNT_CAP),
		totalCapped: total > COUNT_CAP
	};
}

export async function getProduct(db: Db, by: { slug: string } | { id: string }): Promise<ProductDetail> {
	const [row] = await db
		.select({
			...summaryColumns,
			description: products.description,
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
	return {
		...toSummary(row),
		description: row.description,
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
	return (await collectionsWithCounts(db)).map(({ id, slug, title, description, productCount }) => ({ id, slug, title, description, productCount }));
}

export async function getCollection(db: Db, slug: string): Promise<CollectionSummary> {
	const found = (await listCollections(db)).find((c) => c.slug === slug);
	if (!found) throw new AppError('NOT_FOUND', 'No such collection');
	return found;
}
