import { and, asc, eq, inArray, isNull, not, sql, type SQL } from 'drizzle-orm';
import { MutationRefused } from '../../src/lib/shared/mutations';
import type { VariantRef, VariantStock } from '../../src/lib/shared/mutations';
import type { VariantView } from '../../src/lib/shared/variants';
import type { Db, Tx } from '../db/client';
import { products, productVariants } from '../db/schema';

/**
 * The server's variants: what each product sells (live variants, their prices as a shopper
 * pays them) and which variant a cart line means. Stock and the product's roll-up move in
 * the database (drizzle/0020); this module reads them.
 */

const viewColumns = {
	productId: productVariants.productId,
	id: productVariants.id,
	sku: productVariants.sku,
	options: productVariants.options,
	priceMinor: sql<number>`coalesce(${productVariants.priceMinor}, ${products.priceMinor})`.mapWith(Number),
	inventory: productVariants.inventory
};

/** Live variants of live or archived products, in the shop's order (by product, then position). */
const variantRows = (db: Db | Tx, which: SQL | undefined) =>
	db
		.select(viewColumns)
		.from(productVariants)
		.innerJoin(products, eq(products.id, productVariants.productId))
		.where(and(isNull(productVariants.deletedAt), which))
		.orderBy(asc(productVariants.productId), asc(productVariants.position), asc(productVariants.id));

/** The live variants of each product, in the shop's order. */
export async function liveVariants(db: Db | Tx, productIds: string[]): Promise<Map<string, VariantView[]>> {
	const out = new Map<string, VariantView[]>(productIds.map((id) => [id, []]));
	if (!productIds.length) return out;
	for (const { productId, ...variant } of await variantRows(db, inArray(productVariants.productId, productIds))) out.get(productId)!.push(variant);
	return out;
}

/**
 * The variants devices are sent of the products `which` (a condition on products) selects,
 * by product: every live variant but the one a product without options sells as itself,
 * which carries the product's id (the variant every product starts with). That one is left
 * out, unread: most products are such, and a first load carries the whole catalog. The
 * device's `variantsOf` gives it back. A product with none listed is absent.
 */
export async function syncedVariants(db: Db | Tx, which: SQL): Promise<Map<string, VariantView[]>> {
	const ownVariant = and(eq(products.options, sql`'[]'::jsonb`), eq(productVariants.id, products.id));
	const out = new Map<string, VariantView[]>();
	for (const { productId, ...variant } of await variantRows(db, and(which, not(ownVariant!)))) {
		const listed = out.get(productId);
		if (listed) listed.push(variant);
		else out.set(productId, [variant]);
	}
	return out;
}

/** Stock of the live variants among `variantIds` of live products (the rest are absent). */
export async function variantStock(db: Db | Tx, variantIds: string[]): Promise<Map<string, VariantStock>> {
	if (!variantIds.length) return new Map();
	const rows = await db
		.select({ variantId: productVariants.id, productId: productVariants.productId, inventory: productVariants.inventory })
		.from(productVariants)
		.innerJoin(products, eq(products.id, productVariants.productId))
		.where(and(inArray(productVariants.id, variantIds), isNull(productVariants.deletedAt), isNull(products.deletedAt)));
	return new Map(rows.map((r) => [r.variantId, r]));
}

/**
 * The live variant a cart line names: by its id (which must belong to the product, when
 * one is named too), or by the product's id when the product sells exactly one. Null when
 * there is no such live variant; refused when a product of several is named alone.
 */
export async function resolveVariant(db: Db | Tx, ref: VariantRef): Promise<VariantStock | null> {
	if (ref.variantId) {
		const found = (await variantStock(db, [ref.variantId])).get(ref.variantId) ?? null;
		if (found && ref.productId && found.productId !== ref.productId) {
			throw new MutationRefused('INVALID', 'That choice belongs to another product.');
		}
		return found;
	}
	const rows = await db
		.select({ variantId: productVariants.id, productId: productVariants.productId, inventory: productVariants.inventory })
		.from(productVariants)
		.innerJoin(products, eq(products.id, productVariants.productId))
		.where(and(eq(productVariants.productId, ref.productId!), isNull(productVariants.deletedAt), isNull(products.deletedAt)))
		.limit(2);
	if (rows.length > 1) throw new MutationRefused('INVALID', 'This product comes in several options: choose one first.');
	return rows[0] ?? null;
}
