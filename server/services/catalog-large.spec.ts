import { afterAll, beforeAll, expect, it } from 'vitest';
import { catalogListInput } from '../../src/lib/shared/catalog-input';
import type { Database } from '../db/client';
import { seedCatalog } from '../db/seed';
import { openTestDatabase } from '../db/test-database';
import { COUNT_CAP } from '../../src/lib/shared/catalog';
import { listProducts } from './catalog';

let database: Database;

beforeAll(async () => {
	database = await openTestDatabase();
	await seedCatalog(database.db, { products: COUNT_CAP + 80 });
});
afterAll(() => database?.close());

it('counts matches exactly up to the cap, then says there are more', async () => {
	const all = await listProducts(database.db, catalogListInput.parse({}));
	expect(all).toMatchObject({ total: COUNT_CAP, totalCapped: true });

	const few = await listProducts(database.db, catalogListInput.parse({ collection: 'audio', maxPrice: 3000 }));
	expect(few.totalCapped).toBe(false);
	expect(few.total).toBeGreaterThan(0);
	expect(few.total).toBeLessThan(COUNT_CAP);
});

it('seeds a large catalog of distinct, real-sounding variants', async () => {
	const page = await listProducts(database.db, catalogListInput.parse({ q: 'sage', limit: 100 }));
	expect(page.items.length).toBeGreaterThan(0);
	for (const item of page.items) expect(item.title).toMatch(/^Sage /);
});
