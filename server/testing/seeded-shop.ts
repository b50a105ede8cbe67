import { afterAll, beforeAll } from 'vitest';
import type { Database, Db } from '../db/client';
import { seedCatalog } from '../db/seed';
import { openTestDatabase } from '../db/test-database';
import { shopFixtures } from './shop-fixtures';

export type SeededShop = {
	readonly database: Database;
	readonly db: Db;
	readonly fixtures: ReturnType<typeof shopFixtures>;
	/** The seeded shipping methods' ids ('Standard': 4.95, free from 75.00; 'Express': 14.95). */
	readonly methods: { standard: string; express: string };
};

/**
 * A fresh database for one spec file, opened (and, unless `seed` is false, given the demo
 * catalog and shipping methods) before its tests and closed after them. Read its fields
 * inside hooks and tests: they exist once the file's first `beforeAll` has run.
 */
export function useSeededShop({ seed = true }: { seed?: boolean } = {}): SeededShop {
	let opened: SeededShop | undefined;
	beforeAll(async () => {
		const database = await openTestDatabase();
		const fixtures = shopFixtures(database.db);
		let methods = { standard: '', express: '' };
		if (seed) {
			await seedCatalog(database.db);
			methods = { standard: await fixtures.methodId('Standard'), express: await fixtures.methodId('Express') };
		}
		opened = { database, db: database.db, fixtures, methods };
	});
	afterAll(() => opened?.database.close());
	const shop = () => {
		if (!opened) throw new Error('The test database opens in beforeAll: use it inside hooks and tests.');
		return opened;
	};
	return {
		get database() {
			return shop().database;
		},
		get db() {
			return shop().db;
		},
		get fixtures() {
			return shop().fixtures;
		},
		get methods() {
			if (!seed) throw new Error('This test database is not seeded: it has no shipping methods.');
			return shop().methods;
		}
	};
}
