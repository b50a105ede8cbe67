import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type Database } from './client';

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or, in the Vitest
 * project named "postgres", a new database on the server of TEST_DATABASE_URL that is
 * dropped again on close.
 */
export async function openTestDatabase(): Promise<Database> {
	if (process.env.STORE_TEST_DB !== 'postgres') return openDatabase({});
	const base = process.env.TEST_DATABASE_URL;
	if (!base) throw new Error('TEST_DATABASE_URL is required for the postgres test project');
	return openThrowawayDatabase(base, 'store_test');
}

/** A new, migrated database on the Postgres server of `base`, dropped again on close (tests and benchmarks). */
export async function openThrowawayDatabase(base: string, prefix: string): Promise<Database> {
	const name = `${prefix}_${randomBytes(6).toString('hex')}`;
	const admin = postgres(base, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database "${name}"`);
	const url = new URL(base);
	url.pathname = `/${name}`;
	const database = await openDatabase({ url: url.toString() });
	return {
		...database,
		async close() {
			await database.close();
			await admin.unsafe(`drop database if exists "${name}" with (force)`);
			await admin.end();
		}
	};
}
