import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { stockCountInput } from '../../../src/lib/shared/catalog-admin';
import { variantLabel, type ProductOption, type variantsSaveInput } from '../../../src/lib/shared/variants';
import type { Db, Tx } from '../../db/client';
import { products, productVariants, type ProductVariant } from '../../db/schema';
import { recordAudit, type Actor } from '../audit';
import { AppError, FieldError, isDuplicateKey } from '../errors';
import { adminGetProduct, type AdminProduct } from './catalog';

/** A variant as the admin edits it: its own price (null: the product's) and its stock. */
export type AdminVariant = { id: string; sku: string; options: Record<string, string>; priceMinor: number | null; inventory: number };

export type AdminVariants = {
	options: ProductOption[];
	variants: AdminVariant[];
	/** What a save must send back, to prove it saw the options and variants as they are now. */
	variantsToken: string;
};

const adminVariant = (v: ProductVariant): AdminVariant => ({ id: v.id, sku: v.sku, options: v.options, priceMinor: v.priceMinor, inventory: v.inventory });

// Stock is left out: sales move it while a form is open, and it moves apart (adjustments).
function variantsToken(options: ProductOption[], variants: AdminVariant[]): string {
	const content = JSON.stringify([options, variants.map((v) => [v.id, v.sku, v.options, v.priceMinor])]);
	return createHash('sha256').update(content).digest('base64url').slice(0, 22);
}

/** A product's options and live variants, in the shop's order, for the admin's grid. */
export async function adminVariants(db: Db | Tx, productId: string): Promise<AdminVariants> {
	const [product] = await db.select({ options: products.options }).from(products).where(eq(products.id, productId));
	if (!product) throw new AppError('NOT_FOUND', 'No such product');
	const rows = await db
		.select()
		.from(productVariants)
		.where(and(eq(productVariants.productId, productId), isNull(productVariants.deletedAt)))
		.orderBy(asc(productVariants.position), asc(productVariants.id));
	const variants = rows.map(adminVariant);
	return { options: product.options, variants, variantsToken: variantsToken(product.options, variants) };
}

/** "M / Sage (SKU APRON-M-SAGE)": how the audit trail names a variant. */
const described = (options: ProductOption[], v: Pick<AdminVariant, 'sku' | 'options' | 'priceMinor'>) =>
	`${variantLabel(options, v.options) || 'one variant'} (${v.sku}${v.priceMinor === null ? '' : `, ${v.priceMinor}`})`;

/**
 * Saves a product's options and variants as the grid shows them: rows with an id are kept
 * (their SKU, values, price and order updated), rows without one are added with their first
 * stock, live variants left out are archived (carts holding them are told at checkout and
 * sync; orders keep naming them). One audit entry says what changed.
 */
export async function saveVariants(db: Db, actor: Actor, input: z.output<typeof variantsSaveInput>): Promise<AdminVariants> {
	return db
		.transaction(async (tx) => {
			const [product] = await tx.select({ id: products.id }).from(products).where(eq(products.id, input.id)).for('update');
			if (!product) throw new AppError('NOT_FOUND', 'No such product');
			const before = await adminVariants(tx, input.id);
			if (before.variantsToken !== input.editToken) {
				throw new AppError('CONFLICT', 'Someone else saved these options after you opened them. Reload to see their changes, then edit again.');
			}
			const kept = input.variants.flatMap((v) => (v.id ? [v.id] : []));
			if (kept.length) {
				const owned = await tx
					.select({ id: productVariants.id })
					.from(productVariants)
					.where(and(inArray(productVariants.id, kept), eq(productVariants.productId, input.id)));
				if (owned.length !== new Set(kept).size) throw new FieldError('variants', 'A variant in the grid belongs to another product. Reload and edit again.');
			}
			// Named beside its row: an archived variant keeps its SKU (orders name it), so a suggested one may be taken.
			const taken = await tx
				.select({ id: productVariants.id, sku: productVariants.sku })
				.from(productVariants)
				.where(inArray(productVariants.sku, input.variants.map((v) => v.sku)));
			const clash = input.variants.findIndex((v) => taken.some((t) => t.sku === v.sku && t.id !== v.id));
			if (clash >= 0) {
				throw new FieldError(`variants.${clash}.sku`, `Another variant has the SKU ${input.variants[clash]!.sku} (perhaps one archived before); choose another.`, 'CONFLICT');
			}
			const now = new Date();
			// Archive first, so a value freed by an archived variant can be taken by another row.
			await tx
				.update(productVariants)
				.set({ deletedAt: now, updatedAt: now })
				.where(and(eq(productVariants.productId, input.id), isNull(productVariants.deletedAt), kept.length ? notInArray(productVariants.id, kept) : sql`true`));
			await tx.update(products).set({ options: input.options }).where(eq(products.id, input.id));
			for (const [position, v] of input.variants.entries()) {
				const fields = { sku: v.sku, options: v.options, priceMinor: v.priceMinor, position, updatedAt: now };
				if (v.id) await tx.update(productVariants).set({ ...fields, deletedAt: null }).where(eq(productVariants.id, v.id));
				else await tx.insert(productVariants).values({ ...fields, productId: input.id, inventory: v.inventory });
			}
			const after = await adminVariants(tx, input.id);
			await recordAudit(tx, actor, {
				action: 'product.variants',
				entityType: 'product',
				entityId: input.id,
				changes: {
					options: { before: before.options, after: after.options },
					variants: { before: before.variants.map((v) => described(before.options, v)), after: after.variants.map((v) => described(after.options, v)) }
				}
			});
			return after;
		})
		.catch((error) => {
			if (isDuplicateKey(error, 'product_variants_sku_key')) throw new FieldError('variants', 'Another variant already has one of these SKUs; choose another.', 'CONFLICT');
			if (isDuplicateKey(error, 'product_variants_options_key')) {
				throw new FieldError('variants', 'Two variants cannot trade values in one save: save one change first, then the other.', 'CONFLICT');
			}
			throw error;
		});
}

/**
 * Saves a stocktake: each counted variant moves by (counted − shown), under its row lock, so
 * units sold while the admin counted are not put back; one audit entry per changed variant,
 * all in one transaction. Refused whole when a count would leave a variant below zero.
 */
export async function countStock(db: Db, actor: Actor, input: z.output<typeof stockCountInput>): Promise<{ changed: number; product: AdminProduct }> {
	const changes = input.counts.filter((c) => c.counted !== c.shown);
	const reason = input.note ? `${input.reason}: ${input.note}` : input.reason;
	return db.transaction(async (tx) => {
		const [product] = await tx.select({ options: products.options }).from(products).where(eq(products.id, input.id));
		if (!product) throw new AppError('NOT_FOUND', 'No such product');
		// Locked in id order, the order checkout takes a product's variants in, so the two never wait on each other in a circle.
		const locked = await tx
			.select()
			.from(productVariants)
			.where(and(inArray(productVariants.id, changes.map((c) => c.variantId)), eq(productVariants.productId, input.id), isNull(productVariants.deletedAt)))
			.orderBy(asc(productVariants.id))
			.for('update');
		if (locked.length !== changes.length) throw new FieldError('counts', 'A counted variant is no longer sold by this product. Reload and count again.');
		const byId = new Map(changes.map((c) => [c.variantId, c]));
		for (const variant of locked) {
			const { counted, shown } = byId.get(variant.id)!;
			const after = variant.inventory + counted - shown;
			if (after < 0) {
				const name = variantLabel(product.options, variant.options) || variant.sku;
				throw new FieldError(
					'counts',
					`${name}: its stock fell by ${shown - variant.inventory} since you opened the page, more than the ${counted} you counted. Reload and count it again.`,
					'CONFLICT'
				);
			}
			await tx.update(productVariants).set({ inventory: after, updatedAt: new Date() }).where(eq(productVariants.id, variant.id));
			await recordAudit(tx, actor, {
				action: 'product.stock',
				entityType: 'product',
				entityId: input.id,
				changes: { sku: { before: variant.sku, after: variant.sku }, inventory: { before: variant.inventory, after }, reason: { before: null, after: reason } }
			});
		}
		return { changed: changes.length, product: await adminGetProduct(tx, input.id) };
	});
}
