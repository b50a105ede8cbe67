import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Variants arrive on a shop that has been trading: products with stock, carts holding them
 * and orders that bought them. The shop is migrated to just before variants, filled, then
 * migrated the rest of the way, and nothing may be lost.
 */
const BEFORE_VARIANTS = '0018_push_on_change';

/** The committed migrations up to and including `lastTag`, as a folder of their own. */
function migrationsUpTo(lastTag: string): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-migrations-'));
	const journal = JSON.parse(fs.readFileSync('drizzle/meta/_journal.json', 'utf8')) as { entries: { tag: string }[] };
	const entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === lastTag) + 1);
	fs.mkdirSync(path.join(dir, 'meta'));
	fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
	for (const e of entries) fs.copyFileSync(path.join('drizzle', `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
	return dir;
}

describe('the variants migration', () => {
	let client: PGlite;
	const rows = async <T>(query: string) => (await client.query<T>(query)).rows;

	beforeAll(async () => {
		client = await PGlite.create();
		const db = drizzle(client);
		const before = migrationsUpTo(BEFORE_VARIANTS);
		await migrate(db, { migrationsFolder: before });
		fs.rmSync(before, { recursive: true });
		await client.exec(`
			INSERT INTO collections (id, slug, title) VALUES ('c0000000-0000-4000-a000-000000000001', 'kitchen', 'Kitchen');
			INSERT INTO products (id, slug, title, price_minor, inventory, collection_id) VALUES
				('a0000000-0000-4000-a000-000000000001', 'oak-board', 'Oak Board', 2500, 7, 'c0000000-0000-4000-a000-000000000001'),
				('a0000000-0000-4000-a000-000000000002', 'tin-cup', 'Tin Cup', 900, 0, 'c0000000-0000-4000-a000-000000000001');
			INSERT INTO users (id, email, password_hash) VALUES ('b0000000-0000-4000-a000-000000000001', 'ada@example.com', '!');
			INSERT INTO carts (id, user_id) VALUES ('d0000000-0000-4000-a000-000000000001', 'b0000000-0000-4000-a000-000000000001');
			INSERT INTO carts (id) VALUES ('d0000000-0000-4000-a000-000000000002');
			INSERT INTO cart_items (cart_id, product_id, quantity) VALUES
				('d0000000-0000-4000-a000-000000000001', 'a0000000-0000-4000-a000-000000000001', 2),
				('d0000000-0000-4000-a000-000000000002', 'a0000000-0000-4000-a000-000000000002', 1);
			INSERT INTO orders (id, user_id, currency, subtotal_minor, total_minor, idempotency_key, status)
				VALUES ('e0000000-0000-4000-a000-000000000001', 'b0000000-0000-4000-a000-000000000001', 'USD', 5000, 5000, 'k1', 'paid');
			INSERT INTO order_items (order_id, product_id, title, unit_price_minor, quantity)
				VALUES ('e0000000-0000-4000-a000-000000000001', 'a0000000-0000-4000-a000-000000000001', 'Oak Board', 2500, 2);
		`);
		await migrate(db, { migrationsFolder: 'drizzle' });
	});
	afterAll(() => client.close());

	it('gives every product one variant carrying its id, its stock and a SKU from its slug', async () => {
		expect(await rows('SELECT id, product_id, sku, inventory, options, price_minor, deleted_at FROM product_variants ORDER BY sku')).toEqual([
			{ id: 'a0000000-0000-4000-a000-000000000001', product_id: 'a0000000-0000-4000-a000-000000000001', sku: 'OAK-BOARD', inventory: 7, options: {}, price_minor: null, deleted_at: null },
			{ id: 'a0000000-0000-4000-a000-000000000002', product_id: 'a0000000-0000-4000-a000-000000000002', sku: 'TIN-CUP', inventory: 0, options: {}, price_minor: null, deleted_at: null }
		]);
		expect(await rows('SELECT slug, inventory, min_price_minor, max_price_minor, options FROM products ORDER BY slug')).toEqual([
			{ slug: 'oak-board', inventory: 7, min_price_minor: 2500, max_price_minor: 2500, options: [] },
			{ slug: 'tin-cup', inventory: 0, min_price_minor: 900, max_price_minor: 900, options: [] }
		]);
	});

	it('keeps every cart line (an account’s and a guest’s), now naming the variant', async () => {
		expect(await rows('SELECT cart_id, product_id, variant_id, quantity FROM cart_items ORDER BY cart_id')).toEqual([
			{ cart_id: 'd0000000-0000-4000-a000-000000000001', product_id: 'a0000000-0000-4000-a000-000000000001', variant_id: 'a0000000-0000-4000-a000-000000000001', quantity: 2 },
			{ cart_id: 'd0000000-0000-4000-a000-000000000002', product_id: 'a0000000-0000-4000-a000-000000000002', variant_id: 'a0000000-0000-4000-a000-000000000002', quantity: 1 }
		]);
	});

	it('keeps every order line as it was bought, with the variant and its SKU', async () => {
		expect(await rows('SELECT product_id, variant_id, sku, options, title, unit_price_minor, quantity FROM order_items')).toEqual([
			{
				product_id: 'a0000000-0000-4000-a000-000000000001',
				variant_id: 'a0000000-0000-4000-a000-000000000001',
				sku: 'OAK-BOARD',
				options: {},
				title: 'Oak Board',
				unit_price_minor: 2500,
				quantity: 2
			}
		]);
	});

	it('from then on keeps a product’s stock as its variants’ sum, and refuses a write of it', async () => {
		await client.exec(`
			UPDATE products SET options = '[{"name":"Size","values":["S","M"]}]' WHERE slug = 'oak-board';
			UPDATE product_variants SET options = '{"Size":"S"}' WHERE sku = 'OAK-BOARD';
			INSERT INTO product_variants (product_id, sku, options, inventory, price_minor)
				VALUES ('a0000000-0000-4000-a000-000000000001', 'OAK-BOARD-M', '{"Size":"M"}', 5, 3100);
		`);
		expect(await rows(`SELECT inventory, min_price_minor, max_price_minor FROM products WHERE slug = 'oak-board'`)).toEqual([
			{ inventory: 12, min_price_minor: 2500, max_price_minor: 3100 }
		]);
		await expect(client.exec(`UPDATE products SET inventory = 3 WHERE slug = 'oak-board'`)).rejects.toThrow(/variants' sum/);
		await client.exec(`UPDATE product_variants SET deleted_at = now() WHERE sku = 'OAK-BOARD'`);
		expect(await rows(`SELECT inventory, min_price_minor, max_price_minor FROM products WHERE slug = 'oak-board'`)).toEqual([
			{ inventory: 5, min_price_minor: 3100, max_price_minor: 3100 }
		]);
	});
});
