import { and, eq, inArray, sql } from 'drizzle-orm';
import { seededRandom } from '../../../src/lib/shared/random';
import type { Db } from '../client';
import { collections, customers, products, productVariants, reviews, shippingMethods, users } from '../schema';
import type { Tx } from '../client';
import { demoCollections, demoOptions, demoProducts, demoReviewers, demoReviewTexts, demoShippingMethods, type DemoOptions, type DemoProduct } from './catalog-data';

// Seeded, so every seeded catalog is the same catalog.
const random = seededRandom;

const VARIANTS = [
	'Sage', 'Charcoal', 'Oat', 'Terracotta', 'Indigo', 'Mustard', 'Olive', 'Sand', 'Rust', 'Slate',
	'Ivory', 'Forest', 'Clay', 'Ocean', 'Plum', 'Moss', 'Honey', 'Stone', 'Fog', 'Ember',
	'Pine', 'Coral', 'Ink', 'Linen', 'Copper', 'Smoke', 'Berry', 'Dune', 'Mint', 'Walnut'
];

const DAY = 86_400_000;

type SeedProduct = DemoProduct & { image: string; createdAt: Date; sells?: DemoOptions };

const SIZES = ['XXS', 'XS', 'S', 'M', 'L', 'XL', 'XXL', '3XL', '4XL', '5XL', '6XL', '7XL'];

/** A generated product sold in 3 to 12 sizes, a few of them sold out. */
function generatedSizes(rand: () => number, inventory: number): DemoOptions {
	const values = SIZES.slice(0, 3 + Math.floor(rand() * 10));
	return { options: [{ name: 'Size', values }], variants: values.map((v) => [[v], rand() < 0.15 ? 0 : Math.ceil(inventory / values.length)]) };
}

/** The demo catalog first, then variants of it ("Sage Walnut Serving Board") up to `count`. */
export function catalogProducts(count: number, now = Date.now()): SeedProduct[] {
	const rand = random(42);
	const list: SeedProduct[] = [];
	for (let i = 0; i < count; i++) {
		const base = demoProducts[i % demoProducts.length]!;
		const round = Math.floor(i / demoProducts.length);
		const image = `/images/products/${base.slug}.svg`;
		const createdAt = new Date(now - Math.floor(rand() * 120 * DAY) - i * 1000);
		if (round === 0) {
			list.push({ ...base, image, createdAt, sells: demoOptions[base.slug] });
			continue;
		}
		const variant = VARIANTS[(round - 1) % VARIANTS.length]!;
		const edition = Math.floor((round - 1) / VARIANTS.length);
		list.push({
			...base,
			slug: `${variant.toLowerCase()}-${base.slug}${edition ? `-${edition + 1}` : ''}`,
			title: `${variant} ${base.title}${edition ? ` ${edition + 1}` : ''}`,
			priceMinor: Math.max(99, Math.round((base.priceMinor * (0.8 + rand() * 0.5)) / 50) * 50 - 1),
			inventory: rand() < 0.08 ? 0 : Math.floor(rand() * 200),
			image,
			createdAt
		});
		// A quarter of a generated catalog comes in sizes.
		if (rand() < 0.25) list[i]!.sells = generatedSizes(rand, list[i]!.inventory);
	}
	return list;
}

/**
 * Gives products their options, once: a product still selling only its first variant with no
 * values gets the options, that variant becomes the first combination, the rest are added.
 */
async function giveOptions(tx: Tx, list: SeedProduct[]) {
	const bySlug = new Map(list.flatMap((p) => (p.sells ? [[p.slug, p.sells] as const] : [])));
	if (!bySlug.size) return;
	const rows = await tx
		.select({ id: products.id, slug: products.slug })
		.from(products)
		.where(and(inArray(products.slug, [...bySlug.keys()]), sql`${products.options} = '[]'::jsonb`));
	const variants: (typeof productVariants.$inferInsert)[] = [];
	for (const { id, slug } of rows) {
		const sells = bySlug.get(slug)!;
		await tx.update(products).set({ options: sells.options }).where(eq(products.id, id));
		sells.variants.forEach(([values, inventory, priceMinor], position) => {
			const options = Object.fromEntries(sells.options.map((o, i) => [o.name, values[i]!]));
			const sku = `${slug}-${values.join('-')}`.toUpperCase().replace(/[^A-Z0-9-]/g, '');
			variants.push({ id: position === 0 ? id : undefined, productId: id, sku, options, inventory, priceMinor: priceMinor ?? null, position });
		});
	}
	// The first variant (the product's own id) takes the first combination; the rest are new.
	await insertInBatches(variants, 1000, (batch) =>
		tx
			.insert(productVariants)
			.values(batch)
			.onConflictDoUpdate({
				target: productVariants.id,
				set: { sku: sql`excluded.sku`, options: sql`excluded.options`, inventory: sql`excluded.inventory`, priceMinor: sql`excluded.price_minor` }
			})
	);
}

async function insertInBatches<T>(rows: T[], size: number, insert: (batch: T[]) => Promise<unknown>) {
	for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/**
 * Seeds the demo shop: collections, `products` products (the 120 demo ones by default),
 * reviewers and their reviews. Running it again adds only what is missing (by slug, email
 * or product and author), so nothing is ever duplicated.
 */
export async function seedCatalog(db: Db, options: { products?: number } = {}) {
	const productCount = Math.max(options.products ?? demoProducts.length, 1);
	await db.transaction(async (tx) => {
		if (!(await tx.select({ id: shippingMethods.id }).from(shippingMethods).limit(1)).length) {
			await tx.insert(shippingMethods).values(demoShippingMethods);
		}
		await tx
			.insert(collections)
			.values(demoCollections.map((c, position) => ({ ...c, position })))
			.onConflictDoNothing({ target: collections.slug });
		const collectionIds = new Map(
			(await tx.select({ id: collections.id, slug: collections.slug }).from(collections)).map((c) => [c.slug, c.id])
		);

		const seedProducts = catalogProducts(productCount);
		await insertInBatches(seedProducts, 1000, (batch) =>
			tx
				.insert(products)
				.values(
					batch.map((p) => ({
						slug: p.slug,
						title: p.title,
						description: p.description,
						priceMinor: p.priceMinor,
						inventory: p.inventory,
						collectionId: collectionIds.get(p.collectionSlug)!,
						images: [{ src: p.image, alt: p.title }],
						createdAt: p.createdAt
					}))
				)
				.onConflictDoNothing({ target: products.slug })
		);
		await giveOptions(tx, seedProducts);

		await tx
			.insert(users)
			// '!' is no argon2 hash: reviewers exist to have written reviews, never to log in.
			.values(demoReviewers.map((r) => ({ email: reviewerEmail(r), passwordHash: '!' })))
			.onConflictDoNothing({ target: users.email });
		const reviewerRows = await tx
			.select({ id: users.id, email: users.email })
			.from(users)
			.where(sql`${users.email} like '%@reviewers.store.test'`);
		const reviewerIds = new Map(reviewerRows.map((u) => [u.email, u.id]));
		await tx
			.insert(customers)
			.values(
				demoReviewers.map((r) => ({
					userId: reviewerIds.get(reviewerEmail(r))!,
					firstName: r.firstName,
					lastName: r.lastName
				}))
			)
			.onConflictDoNothing({ target: customers.userId });

		const productIds = new Map(
			(await tx.select({ id: products.id, slug: products.slug }).from(products)).map((p) => [p.slug, p.id])
		);
		await insertInBatches(demoReviews(seedProducts, [...reviewerIds.values()], productIds), 1000, (batch) =>
			tx.insert(reviews).values(batch).onConflictDoNothing({ target: [reviews.productId, reviews.userId] })
		);
		await tx.execute(sql`
			update ${products} p set rating_total = s.total, review_count = s.count
			from (select product_id, sum(rating)::int as total, count(*)::int as count
			      from ${reviews} where hidden_at is null group by product_id) s
			where p.id = s.product_id and (p.rating_total, p.review_count) is distinct from (s.total, s.count)`);
	});
	// Fresh statistics after a bulk load, or the planner guesses "1 row" and picks slow plans.
	await db.execute(sql`analyze`);
}

function reviewerEmail(r: { firstName: string; lastName: string }) {
	return `${r.firstName}.${r.lastName}@reviewers.store.test`.toLowerCase().replace(/[^a-z0-9.@]/g, '');
}

function demoReviews(seedProducts: SeedProduct[], reviewerIds: string[], productIds: Map<string, string>) {
	const rand = random(7);
	const rows: (typeof reviews.$inferInsert)[] = [];
	const now = Date.now();
	for (const product of seedProducts) {
		const productId = productIds.get(product.slug);
		if (!productId) continue;
		const count = Math.floor(rand() * 7);
		const start = Math.floor(rand() * reviewerIds.length);
		for (let k = 0; k < count && k < reviewerIds.length; k++) {
			// Mostly happy customers, as in a shop people keep buying from.
			const rating = (rand() < 0.7 ? 4 + Math.round(rand()) : 1 + Math.floor(rand() * 3)) as 1 | 2 | 3 | 4 | 5;
			const texts = demoReviewTexts[rating];
			rows.push({
				productId,
				userId: reviewerIds[(start + k) % reviewerIds.length]!,
				rating,
				body: texts[Math.floor(rand() * texts.length)]!,
				createdAt: new Date(now - Math.floor(rand() * 180 * DAY))
			});
		}
	}
	return rows;
}
