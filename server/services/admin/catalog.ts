import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { and, asc, count, desc, eq, ilike, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import {
	IMAGE_TYPES,
	MAX_IMAGE_BYTES,
	slugify,
	type adminProductsListInput,
	type productCreateInput,
	type productUpdateInput,
	type stockAdjustInput
} from '../../../src/lib/shared/catalog-admin';
import type { ProductFace } from '../../../src/lib/shared/catalog';
import { config } from '../../config';
import type { Db, Tx } from '../../db/client';
import { containing } from '../../db/like';
import { collections, products, productVariants, type Product, type ProductImage } from '../../db/schema';
import { changesBetween, recordAudit, type Actor } from '../audit';
import { productFields } from '../catalog';
import { AppError, FieldError, isDuplicateKey } from '../errors';

export const ADMIN_PAGE_SIZE = 25;

export type AdminProductRow = Omit<ProductFace, 'image'> & {
	collection: string;
	archived: boolean;
	updatedAt: string;
	/** How many variants it sells (1 for a product without options). */
	variants: number;
};

export type AdminProduct = Omit<AdminProductRow, 'collection' | 'variants'> & {
	description: string;
	collectionId: string;
	images: ProductImage[];
	/** What an edit must send back, to prove it saw the product as it is now. */
	editToken: string;
};

// The fields an admin edits; stock moves apart (by adjustments and sales), so a sale never
// invalidates a product form that is open.
const editedFields = ['title', 'slug', 'description', 'priceMinor', 'currency', 'collectionId', 'images'] as const;

function editToken(p: Pick<Product, (typeof editedFields)[number]>): string {
	const content = JSON.stringify(editedFields.map((field) => p[field]));
	return createHash('sha256').update(content).digest('base64url').slice(0, 22);
}

function adminProduct(p: Product): AdminProduct {
	return { ...productFields(p), archived: p.deletedAt !== null, updatedAt: p.updatedAt.toISOString(), editToken: editToken(p) };
}

const sortColumns = {
	updated: products.updatedAt,
	title: products.title,
	price: products.priceMinor,
	inventory: products.inventory
} as const;

const liveVariantCount = sql<number>`(select count(*) from ${productVariants} where ${productVariants.productId} = ${products.id} and ${productVariants.deletedAt} is null)`.mapWith(Number);

/** One page of the catalog for the admin table: search by title or slug, any sort, archived apart. */
export async function adminListProducts(
	db: Db,
	input: z.output<typeof adminProductsListInput>
): Promise<{ items: AdminProductRow[]; total: number; page: number; pages: number }> {
	const filters: SQL[] = [input.archived ? isNotNull(products.deletedAt) : isNull(products.deletedAt)];
	if (input.query) {
		const like = containing(input.query);
		filters.push(or(ilike(products.title, like), ilike(products.slug, like))!);
	}
	const where = and(...filters);
	const column = sortColumns[input.sort.replace('-', '') as keyof typeof sortColumns];
	const direction = input.sort.startsWith('-') ? desc : asc;
	const [counted, rows] = await Promise.all([
		db.select({ total: count() }).from(products).where(where),
		db
			.select({ product: products, collection: collections.title, variants: liveVariantCount })
			.from(products)
			.innerJoin(collections, eq(collections.id, products.collectionId))
			.where(where)
			.orderBy(direction(column), asc(products.id))
			.limit(ADMIN_PAGE_SIZE)
			.offset((input.page - 1) * ADMIN_PAGE_SIZE)
	]);
	const total = counted[0]?.total ?? 0;
	return {
		items: rows.map(({ product: p, collection, variants }) => ({
			id: p.id,
			slug: p.slug,
			title: p.title,
			priceMinor: p.priceMinor,
			currency: p.currency,
			inventory: p.inventory,
			collection,
			archived: p.deletedAt !== null,
			updatedAt: p.updatedAt.toISOString(),
			variants
		})),
		total,
		page: input.page,
		pages: Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE))
	};
}

export async function adminGetProduct(db: Db | Tx, id: string): Promise<AdminProduct> {
	const [row] = await db.select().from(products).where(eq(products.id, id));
	if (!row) throw new AppError('NOT_FOUND', 'No such product');
	return adminProduct(row);
}

async function liveCollection(tx: Tx, id: string) {
	const [row] = await tx.select({ id: collections.id }).from(collections).where(and(eq(collections.id, id), isNull(collections.deletedAt)));
	if (!row) throw new FieldError('collectionId', 'Choose a collection.');
}

/** A slug conflict is the slug field's problem, whichever way the slug came to be. */
function slugTaken(error: unknown): never {
	if (isDuplicateKey(error, 'products_slug_key')) throw new FieldError('slug', 'Another product has this slug; choose another.', 'CONFLICT');
	// A new product's first variant takes its SKU from the slug.
	if (isDuplicateKey(error, 'product_variants_sku_key')) throw new FieldError('slug', 'A variant of another product has this slug as its SKU; choose another slug.', 'CONFLICT');
	throw error;
}

export async function createProduct(db: Db, actor: Actor, input: z.output<typeof productCreateInput>): Promise<AdminProduct> {
	const slug = input.slug || slugify(input.title);
	if (!slug) throw new FieldError('slug', 'Give the product a slug of letters or digits.');
	return db
		.transaction(async (tx) => {
			await liveCollection(tx, input.collectionId);
			const [row] = await tx.insert(products).values({ ...input, slug }).returning();
			await recordAudit(tx, actor, {
				action: 'product.create',
				entityType: 'product',
				entityId: row!.id,
				changes: changesBetween(null, row!, [...editedFields, 'inventory'])
			});
			return adminProduct(row!);
		})
		.catch(slugTaken);
}

/** Locks a product for a write; NOT_FOUND when there is none. */
async function lockProduct(tx: Tx, id: string): Promise<Product> {
	const [row] = await tx.select().from(products).where(eq(products.id, id)).for('update');
	if (!row) throw new AppError('NOT_FOUND', 'No such product');
	return row;
}

/** Saves an edit, unless someone saved the product since the form loaded it (CONFLICT). */
export async function updateProduct(db: Db, actor: Actor, input: z.output<typeof productUpdateInput>): Promise<AdminProduct> {
	const { id, editToken: seen, ...fields } = input;
	const slug = fields.slug || slugify(fields.title);
	return db
		.transaction(async (tx) => {
			const before = await lockProduct(tx, id);
			if (editToken(before) !== seen) {
				throw new AppError('CONFLICT', 'Someone else saved this product after you opened it. Reload to see their changes, then edit again.');
			}
			await liveCollection(tx, fields.collectionId);
			const [row] = await tx.update(products).set({ ...fields, slug }).where(eq(products.id, id)).returning();
			await recordAudit(tx, actor, { action: 'product.update', entityType: 'product', entityId: id, changes: changesBetween(before, row!, editedFields) });
			return adminProduct(row!);
		})
		.catch(slugTaken);
}

/** Takes a product off sale (devices get a tombstone) or puts it back. */
export async function setArchived(db: Db, actor: Actor, input: { id: string; archived: boolean }): Promise<AdminProduct> {
	return db.transaction(async (tx) => {
		const before = await lockProduct(tx, input.id);
		const [row] = await tx
			.update(products)
			.set({ deletedAt: input.archived ? (before.deletedAt ?? new Date()) : null })
			.where(eq(products.id, input.id))
			.returning();
		await recordAudit(tx, actor, {
			action: input.archived ? 'product.archive' : 'product.restore',
			entityType: 'product',
			entityId: input.id,
			changes: changesBetween(before, row!, ['deletedAt'])
		});
		return adminProduct(row!);
	});
}

/**
 * Adds or removes units with a reason, relative to whatever the stock is at that moment
 * (sales may be taking units concurrently); refused when it would go below zero.
 */
export async function adjustStock(db: Db, actor: Actor, input: z.output<typeof stockAdjustInput>): Promise<AdminProduct> {
	const variantId = input.variantId ?? input.id;
	return db.transaction(async (tx) => {
		const [variant] = await tx
			.update(productVariants)
			.set({ inventory: sql`${productVariants.inventory} + ${input.change}`, updatedAt: new Date() })
			.where(
				and(
					eq(productVariants.id, variantId),
					eq(productVariants.productId, input.id),
					isNull(productVariants.deletedAt),
					sql`${productVariants.inventory} + ${input.change} >= 0`
				)
			)
			.returning();
		if (!variant) {
			const [current] = await tx
				.select({ inventory: productVariants.inventory })
				.from(productVariants)
				.where(and(eq(productVariants.id, variantId), eq(productVariants.productId, input.id), isNull(productVariants.deletedAt)));
			if (!current) throw new AppError('NOT_FOUND', 'This product sells no such variant.');
			throw new FieldError('change', `Only ${current.inventory} in stock: the change would take it below zero.`, 'CONFLICT');
		}
		await recordAudit(tx, actor, {
			action: 'product.stock',
			entityType: 'product',
			entityId: input.id,
			changes: {
				...(variantId !== input.id && { sku: { before: variant.sku, after: variant.sku } }),
				inventory: { before: variant.inventory - input.change, after: variant.inventory },
				reason: { before: null, after: input.note ? `${input.reason}: ${input.note}` : input.reason }
			}
		});
		return adminGetProduct(tx, input.id);
	});
}

/** The kind of image these bytes are, by their signature (never by the name or the browser's word). */
function imageKind(bytes: Uint8Array): keyof typeof IMAGE_TYPES | null {
	const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
	if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
	if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
	if (starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...bytes.slice(8, 12)) === 'WEBP') return 'image/webp';
	return null;
}

/** Where uploaded images live: `DATA_DIR/uploads`, served at `/uploads/…`. */
export const uploadsDir = () => path.join(config.dataDir, 'uploads');

/** Stores an uploaded image (PNG, JPEG or WebP, up to MAX_IMAGE_BYTES) and adds it to the product. */
export async function addProductImage(db: Db, actor: Actor, input: { id: string; file: File; alt: string }): Promise<AdminProduct> {
	if (input.file.size === 0) throw new FieldError('image', 'Choose an image file.');
	if (input.file.size > MAX_IMAGE_BYTES) throw new FieldError('image', `Images can be up to ${MAX_IMAGE_BYTES / 1000} KB; this one is ${Math.ceil(input.file.size / 1000)} KB.`);
	const bytes = new Uint8Array(await input.file.arrayBuffer());
	const kind = imageKind(bytes);
	if (!kind) throw new FieldError('image', 'Upload a PNG, JPEG or WebP image.');
	const name = `${randomUUID()}.${IMAGE_TYPES[kind]}`;
	const dir = path.join(uploadsDir(), 'products');
	await fs.mkdir(dir, { recursive: true });
	await fs.writeFile(path.join(dir, name), bytes);
	const image = { src: `/uploads/products/${name}`, alt: input.alt.trim().slice(0, 200) };
	try {
		return await db.transaction(async (tx) => {
			const before = await lockProduct(tx, input.id);
			const [row] = await tx.update(products).set({ images: [...before.images, image] }).where(eq(products.id, input.id)).returning();
			await recordAudit(tx, actor, { action: 'product.image_add', entityType: 'product', entityId: input.id, changes: changesBetween(before, row!, ['images']) });
			return adminProduct(row!);
		});
	} catch (error) {
		await fs.rm(path.join(dir, name), { force: true });
		throw error;
	}
}

export async function removeProductImage(db: Db, actor: Actor, input: { id: string; src: string }): Promise<AdminProduct> {
	return db.transaction(async (tx) => {
		const before = await lockProduct(tx, input.id);
		const images = before.images.filter((image) => image.src !== input.src);
		if (images.length === before.images.length) throw new AppError('NOT_FOUND', 'This product has no such image.');
		const [row] = await tx.update(products).set({ images }).where(eq(products.id, input.id)).returning();
		await recordAudit(tx, actor, { action: 'product.image_remove', entityType: 'product', entityId: input.id, changes: changesBetween(before, row!, ['images']) });
		return adminProduct(row!);
	});
}

/** The collections a product may belong to, for the form's choice. */
export async function collectionChoices(db: Db): Promise<{ id: string; title: string }[]> {
	return db.select({ id: collections.id, title: collections.title }).from(collections).where(isNull(collections.deletedAt)).orderBy(asc(collections.position));
}
