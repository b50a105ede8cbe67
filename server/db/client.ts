import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { config } from '../config';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** What a service's transaction callback receives; it has the same query API as `Db`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export type Database = {
	db: Db;
	kind: 'pglite' | 'postgres';
	/** Calls `onNotify` with each NOTIFY payload on `channel` (delivered at commit); resolves to "stop listening". */
	listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
	close(): Promise<void>;
};

const migrationsFolder = path.resolve('drizzle');
// Any constant shared by every instance: only one of them migrates at a time.
const MIGRATION_LOCK = 4_242_001;

/**
 * Opens the database and brings its schema up to date with the committed migrations.
 * `url` → a Postgres server through postgres.js; otherwise embedded PGlite, persisted in
 * `dataDir` (or in memory when `dataDir` is omitted, as tests do).
 */
export async function openDatabase(options: { url?: string; dataDir?: string }): Promise<Database> {
	if (options.url) {
		await migrateServer(options.url);
		const client = postgres(options.url, { max: 10, onnotice: () => {} });
		return {
			db: drizzlePostgres(client, { schema }) as unknown as Db,
			kind: 'postgres',
			// postgres.js keeps one connection for listening and listens again after it reconnects.
			async listen(channel, onNotify) {
				const { unlisten } = await client.listen(channel, onNotify);
				return unlisten;
			},
			close: () => client.end({ timeout: 5 })
		};
	}
	if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true });
	const client = await PGlite.create(options.dataDir);
	const db = drizzlePglite(client, { schema });
	await migratePglite(db, { migrationsFolder });
	return {
		db: db as unknown as Db,
		kind: 'pglite',
		listen: (channel, onNotify) => client.listen(channel, onNotify),
		close: () => client.close()
	};
}

async function migrateServer(url: string) {
	// One dedicated connection holds a session-level advisory lock for the whole run.
	const client = postgres(url, { max: 1, onnotice: () => {} });
	try {
		await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
		await migratePostgres(drizzlePostgres(client), { migrationsFolder });
		await client`select pg_advisory_unlock(${MIGRATION_LOCK})`;
	} finally {
		await client.end({ timeout: 5 });
	}
}

let shared: Promise<Database> | undefined;

/** The app's database, opened once per process from the environment. */
export function getDatabase(): Promise<Database> {
	// A failed first open (the server not up yet) is tried again by the next caller.
	shared ??= openDatabase(
		config.databaseUrl ? { url: config.databaseUrl } : { dataDir: path.join(config.dataDir, 'pglite') }
	).catch((error: unknown) => {
		shared = undefined;
		throw error;
	});
	return shared;
}

/** The rows of a raw statement, whichever driver ran it (PGlite answers `{ rows }`, postgres.js an array). */
export async function rowsOf<T>(db: Db | Tx, query: SQL): Promise<T[]> {
	const result: unknown = await db.execute(query);
	return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export async function isEmpty(db: Db): Promise<boolean> {
	const rows = await db.select({ id: schema.collections.id }).from(schema.collections).limit(1);
	return rows.length === 0;
}
