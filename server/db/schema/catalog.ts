import { sql, type SQL } from 'drizzle-orm';
import { bigint, check, customType, index, integer, jsonb, pgSequence, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { ProductOption } from '../../../src/lib/shared/variants';
import { id, instant, createdAt, reference, timestamps } from './columns';

/** Every catalog write takes the next value, so devices can pull "everything after N". */
export const catalogVersion = pgSequence('catalog_version', { startWith: 1 });

export const nextVersion = sql`nextval('catalog_version')`;

/** A row's place in the catalog's sequence: a change reaches devices with the catalog's pull. */
export const catalogVersionColumn = () => bigint('version', { mode: 'number' }).notNull().default(nextVersion);

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export type ProductImage = { src: string; alt: string };

export const collections = pgTable(
	'collections',
	{
		id: id(),
		slug: text('slug').notNull(),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		position: integer('position').notNull().default(0),
		version: catalogVersionColumn(),
		deletedAt: instant('deleted_at'),
		...timestamps()
	},
	(t) => [
		uniqueIndex('collections_slug_key').on(t.slug),
		uniqueIndex('collections_version_key').on(t.version)
	]
);

export const products = pgTable(
	'products',
	{
		id: id(),
		slug: text('slug').notNull(),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		/** The price of every variant that has none of its own. */
		priceMinor: integer('price_minor').notNull(),
		currency: text('currency').notNull().default('USD'),
		// Kept by triggers from the live variants (drizzle/0020): never written directly. Lists
		// sort, filter and show by them; stock is taken from the variants.
		inventory: integer('inventory').notNull().default(0),
		minPriceMinor: integer('min_price_minor').notNull().default(0),
		maxPriceMinor: integer('max_price_minor').notNull().default(0),
		options: jsonb('options').$type<ProductOption[]>().notNull().default([]),
		collectionId: reference('collection_id', () => collections.id, 'restrict'),
		images: jsonb('images').$type<ProductImage[]>().notNull().default([]),
		// Kept by the reviews service in the transaction of each review write.
		ratingTotal: integer('rating_total').notNull().default(0),
		reviewCount: integer('review_count').notNull().default(0),
		// The average rating in thousandths (4.333 → 4333), exact and indexable for sorting.
		ratingScore: integer('rating_score')
			.notNull()
			.generatedAlwaysAs(
				(): SQL =>
					sql`case when ${products.reviewCount} = 0 then 0 else ${products.ratingTotal} * 1000 / ${products.reviewCount} end`
			),
		version: catalogVersionColumn(),
		deletedAt: instant('deleted_at'),
		...timestamps(),
		search: tsvector('search')
			.notNull()
			.generatedAlwaysAs(
				(): SQL =>
					sql`setweight(to_tsvector('english', ${products.title}), 'A') || setweight(to_tsvector('english', ${products.description}), 'B') || setweight(jsonb_to_tsvector('english', jsonb_path_query_array(${products.options}, '$[*].values[*]'), '["string"]'), 'C')`
			)
	},
	(t) => [
		uniqueIndex('products_slug_key').on(t.slug),
		uniqueIndex('products_version_key').on(t.version),
		index('products_collection_idx').on(t.collectionId),
		index('products_price_idx').on(t.minPriceMinor, t.id),
		index('products_created_idx').on(t.createdAt, t.id),
		index('products_title_idx').on(t.title, t.id),
		index('products_rating_idx').on(t.ratingScore, t.id),
		index('products_search_idx').using('gin', t.search),
		check('products_price_nonnegative', sql`${t.priceMinor} >= 0`),
		check('products_inventory_nonnegative', sql`${t.inventory} >= 0`),
		check('products_currency_iso', sql`${t.currency} ~ '^[A-Z]{3}$'`),
		check(
			'products_rating_consistent',
			sql`${t.reviewCount} >= 0 AND ${t.ratingTotal} BETWEEN ${t.reviewCount} AND 5 * ${t.reviewCount}`
		)
	]
);

/**
 * What a shopper buys: one combination of a product's option values, with its own SKU and
 * stock and, when it differs from the product's, its own price. A product's first variant
 * carries the product's id. Archived variants stay (orders name them) and sync as gone.
 */
export const productVariants = pgTable(
	'product_variants',
	{
		id: id(),
		productId: reference('product_id', () => products.id, 'cascade'),
		sku: text('sku').notNull(),
		options: jsonb('options').$type<Record<string, string>>().notNull().default({}),
		priceMinor: integer('price_minor'),
		inventory: integer('inventory').notNull().default(0),
		position: integer('position').notNull().default(0),
		deletedAt: instant('deleted_at'),
		...timestamps()
	},
	(t) => [
		uniqueIndex('product_variants_sku_key').on(t.sku),
		index('product_variants_product_idx').on(t.productId, t.position),
		uniqueIndex('product_variants_options_key').on(t.productId, t.options).where(sql`${t.deletedAt} is null`),
		check('product_variants_price_nonnegative', sql`${t.priceMinor} IS NULL OR ${t.priceMinor} >= 0`),
		check('product_variants_inventory_nonnegative', sql`${t.inventory} >= 0`)
	]
);

export type Collection = typeof collections.$inferSelect;
export type Product = typeof products.$inferSelect;
export type ProductVariant = typeof productVariants.$inferSelect;

/**
 * One row, made with the database: it names this database in shared cache keys, so a
 * fresh or different database behind the same Redis never reads another one's entries.
 */
export const databaseIdentity = pgTable('database_identity', {
	id: id(),
	createdAt: createdAt()
});
