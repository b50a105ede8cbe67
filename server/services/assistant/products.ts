import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { ProductCard } from '../../../src/lib/shared/assistant';
import { productFace } from '../../../src/lib/shared/catalog';
import { findNamed, ProductMatcher, type MatchResult } from '../../../src/lib/shared/product-match';
import type { Db, Tx } from '../../db/client';
import { lineTitle, saidWords, type ProductOption, type VariantView } from '../../../src/lib/shared/variants';
import { products, productVariants } from '../../db/schema';
import { faceColumns } from '../catalog';
import { liveVariants } from '../variants';
import { currentVersion } from '../catalog-version';

/** The titles, and every word of an option value in the shop, of one catalog version. */
type TitleIndex = { matcher: ProductMatcher; valueWords: Set<string> };

/** One title index per database, rebuilt when the catalog's version moves. */
const indexes = new WeakMap<Db, { version: number; index: Promise<TitleIndex> }>();

async function indexOf(db: Db): Promise<TitleIndex> {
	const version = await currentVersion(db);
	const held = indexes.get(db);
	if (held && held.version >= version) return held.index;
	const index = db
		.select({ id: products.id, title: products.title, options: products.options })
		.from(products)
		.where(isNull(products.deletedAt))
		.then((rows) => ({
			matcher: new ProductMatcher(rows),
			valueWords: new Set(rows.flatMap((r) => r.options.flatMap((o) => o.values.flatMap((v) => saidWords(v)))))
		}));
	indexes.set(db, { version, index });
	index.catch(() => indexes.get(db)?.index === index && indexes.delete(db));
	return index;
}

/** The product a shopper named: one clear match, or the candidates to choose from (see `findNamed`). */
export async function findProducts(db: Db, query: string): Promise<MatchResult> {
	const { matcher, valueWords } = await indexOf(db);
	return findNamed(matcher, query, valueWords);
}

/** A variant as an answer names and prices it, as it is in the database now. */
export type VariantCard = { productId: string; variantId: string; title: string; priceMinor: number; currency: string; inventory: number };

/** Live variants of live products, by id, with their names for people ("Garden Apron (Medium)"). */
export async function variantCards(db: Db | Tx, variantIds: string[]): Promise<Map<string, VariantCard>> {
	if (!variantIds.length) return new Map();
	const rows = await db
		.select({
			productId: products.id,
			variantId: productVariants.id,
			title: products.title,
			options: products.options,
			values: productVariants.options,
			priceMinor: sql<number>`coalesce(${productVariants.priceMinor}, ${products.priceMinor})`.mapWith(Number),
			currency: products.currency,
			inventory: productVariants.inventory
		})
		.from(productVariants)
		.innerJoin(products, eq(products.id, productVariants.productId))
		.where(and(inArray(productVariants.id, variantIds), isNull(productVariants.deletedAt), isNull(products.deletedAt)));
	return new Map(rows.map(({ options, values, title, ...v }) => [v.variantId, { ...v, title: lineTitle(title, options, values) }]));
}

/** A product's options and live variants. */
export async function productSells(db: Db, productId: string): Promise<{ options: ProductOption[]; variants: VariantView[] }> {
	const [[product], variants] = await Promise.all([
		db.select({ options: products.options }).from(products).where(eq(products.id, productId)),
		liveVariants(db, [productId])
	]);
	return { options: product?.options ?? [], variants: variants.get(productId) ?? [] };
}

/** Products as they are in the database now (prices and stock never from a cache), in the order asked. */
export async function productCards(db: Db | Tx, ids: string[]): Promise<ProductCard[]> {
	if (!ids.length) return [];
	const rows = await db
		.select(faceColumns)
		.from(products)
		.where(and(inArray(products.id, ids), isNull(products.deletedAt)));
	const byId = new Map(rows.map((r) => [r.id, productFace(r)]));
	return ids.flatMap((id) => byId.get(id) ?? []);
}
