import { and, inArray, isNull } from 'drizzle-orm';
import type { ProductCard } from '../../../src/lib/shared/assistant';
import { productFace } from '../../../src/lib/shared/catalog';
import { ProductMatcher, type MatchResult } from '../../../src/lib/shared/product-match';
import type { Db, Tx } from '../../db/client';
import { products } from '../../db/schema';
import { faceColumns } from '../catalog';
import { currentVersion } from '../catalog-version';

/** One title index per database, rebuilt when the catalog's version moves. */
const indexes = new WeakMap<Db, { version: number; matcher: Promise<ProductMatcher> }>();

async function matcherOf(db: Db): Promise<ProductMatcher> {
	const version = await currentVersion(db);
	const held = indexes.get(db);
	if (held && held.version >= version) return held.matcher;
	const matcher = db
		.select({ id: products.id, title: products.title })
		.from(products)
		.where(isNull(products.deletedAt))
		.then((rows) => new ProductMatcher(rows));
	indexes.set(db, { version, matcher });
	matcher.catch(() => indexes.get(db)?.matcher === matcher && indexes.delete(db));
	return matcher;
}

/** The product a shopper named: one clear match, or the candidates to choose from. */
export async function findProducts(db: Db, query: string): Promise<MatchResult> {
	return (await matcherOf(db)).find(query);
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
