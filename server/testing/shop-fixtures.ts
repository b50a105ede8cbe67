import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { AddressFields } from '../../src/lib/shared/addresses';
import type { SessionUser } from '../auth/session';
import type { Actor } from '../services/audit';
import type { Db } from '../db/client';
import { cartItems, carts, products, productVariants, shippingMethods, users } from '../db/schema';

export const TEST_ADDRESS: AddressFields = {
	name: 'Ada Lovelace',
	line1: '12 Marylebone Road',
	line2: null,
	city: 'London',
	postalCode: 'NW1 5LR',
	region: null,
	country: 'GB',
	phone: null
};

/** Shoppers, products and carts made directly in the database, for tests of checkout. */
export function shopFixtures(db: Db) {
	/** People without a password hash worth the time: checkout never looks at it. */
	async function makeUsers(count: number, role: 'customer' | 'admin' = 'customer'): Promise<[SessionUser, ...SessionUser[]]> {
		const rows = await db
			.insert(users)
			.values(Array.from({ length: count }, () => ({ email: `${randomUUID()}@checkout.test`, passwordHash: 'x', role })))
			.returning({ id: users.id, email: users.email, role: users.role });
		return rows as [SessionUser, ...SessionUser[]];
	}

	return {
		/** A seeded shipping method's id ('Standard': 4.95, free from 75.00; 'Express': 14.95). */
		async methodId(name: 'Standard' | 'Express' = 'Standard'): Promise<string> {
			const [row] = await db.select({ id: shippingMethods.id }).from(shippingMethods).where(eq(shippingMethods.name, name));
			return row!.id;
		},

		makeUsers,

		/** An admin as the audit trail records one, acting from `ip`. */
		async makeAdmin(ip: string | null = null): Promise<Actor> {
			const [admin] = await makeUsers(1, 'admin');
			return { id: admin.id, email: admin.email, ip };
		},

		/** A product of its own with exactly `inventory` units, so tests never share stock. */
		async makeProduct(inventory: number, priceMinor = 1250): Promise<string> {
			const [template] = await db.select({ collectionId: products.collectionId }).from(products).limit(1);
			const slug = `test-${randomUUID()}`;
			const [row] = await db
				.insert(products)
				.values({ slug, title: `Test ${slug.slice(5, 13)}`, priceMinor, inventory, collectionId: template!.collectionId })
				.returning({ id: products.id });
			return row!.id;
		},

		/** A product sold in sizes, `units` of each: its id and each size's variant id (the first size is its first variant). */
		async makeProductInSizes(units: Record<string, number>, priceMinor = 1250): Promise<{ productId: string; variants: Record<string, string> }> {
			const sizes = Object.keys(units);
			const productId = await this.makeProduct(units[sizes[0]!]!, priceMinor);
			await db.update(products).set({ options: [{ name: 'Size', values: sizes }] }).where(eq(products.id, productId));
			await db.update(productVariants).set({ options: { Size: sizes[0]! } }).where(eq(productVariants.id, productId));
			const variants: Record<string, string> = { [sizes[0]!]: productId };
			for (const [position, size] of sizes.entries()) {
				if (position === 0) continue;
				const [row] = await db
					.insert(productVariants)
					.values({ productId, sku: `${productId}-${size}`, options: { Size: size }, inventory: units[size]!, position })
					.returning({ id: productVariants.id });
				variants[size] = row!.id;
			}
			return { productId, variants };
		},

		/** Replaces the user's cart with one holding `lines`; returns its id. */
		async cartOf(user: SessionUser, lines: { productId: string; variantId?: string; quantity: number }[]): Promise<string> {
			await db.delete(carts).where(eq(carts.userId, user.id));
			const [cart] = await db.insert(carts).values({ userId: user.id }).returning({ id: carts.id });
			if (lines.length) await db.insert(cartItems).values(lines.map((l) => ({ variantId: l.productId, ...l, cartId: cart!.id })));
			return cart!.id;
		},

		/** Sets the stock of a variant (by default the product's first, which carries its id). */
		async setStock(variantId: string, inventory: number): Promise<void> {
			await db.update(productVariants).set({ inventory }).where(eq(productVariants.id, variantId));
		},

		async inventoryOf(productId: string): Promise<number> {
			const [row] = await db.select({ n: products.inventory }).from(products).where(eq(products.id, productId));
			return row!.n;
		}
	};
}
