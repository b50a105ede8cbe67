import { sql } from 'drizzle-orm';
import { rowsOf, type Database, type Db } from '../db/client';

/**
 * The highest catalog version that no uncommitted transaction can still be below: every
 * product, stock, collection or review write with a version up to it has committed, and
 * every later write takes a higher one. One statement (drizzle/0015), so one round trip.
 */
export async function safeVersion(db: Db): Promise<number> {
	const [row] = await rowsOf<{ v: string | number | bigint }>(db, sql`select catalog_safe_version() as v`);
	return Number(row?.v ?? 0);
}

/**
 * Folds concurrent calls into few reads without ever answering from a read that began
 * before the call: a caller that finds a read under way waits for the next one, which
 * starts when that one ends and is shared by everyone who arrived meanwhile.
 */
export function coalesced<T>(read: () => Promise<T>): () => Promise<T> {
	let current: Promise<T> | null = null;
	let next: Promise<T> | null = null;
	const start = () => {
		const run = read().finally(() => {
			if (current === run) current = null;
		});
		current = run;
		return run;
	};
	return () => {
		if (!current) return start();
		next ??= current
			.catch(() => undefined)
			.then(() => {
				next = null;
				return start();
			});
		return next;
	};
}

/** Catalog commits heard in this process, and the version read when none had been heard since. */
type Follower = { commits: number; known?: { version: number; commits: number } };

const readers = new WeakMap<Db, () => Promise<number>>();
const followers = new WeakMap<Db, Follower>();

/** `safeVersion`, with concurrent callers of one database sharing reads, and no read at all while a followed database has not moved. */
export function currentVersion(db: Db): Promise<number> {
	const follower = followers.get(db);
	if (follower?.known && follower.known.commits === follower.commits) return Promise.resolve(follower.known.version);
	let reader = readers.get(db);
	if (!reader) {
		reader = coalesced(async () => {
			const following = followers.get(db);
			const before = following?.commits;
			const version = await safeVersion(db);
			// Kept only if no catalog commit was heard while the read was under way: that one might be missing from it.
			if (following && following.commits === before) following.known = { version, commits: before };
			return version;
		});
		readers.set(db, reader);
	}
	return reader();
}

/**
 * Lets `currentVersion` answer embedded PGlite's version without asking it, until the next
 * catalog commit. PGlite runs inside this process and nothing else writes to it, and a
 * commit's NOTIFY (the triggers of drizzle/0010) reaches its listeners as microtasks
 * queued while the COMMIT runs: before the writer hears back, and before this process can
 * start on any request that comes after. So a request that starts after a catalog write
 * committed always finds the write heard and reads the version afresh. Until this has
 * started, and after the returned stop, every call reads. Postgres has other writers and
 * delivers NOTIFY on a connection of its own, later: there every call reads.
 */
export async function followCatalogWrites(database: Database): Promise<() => Promise<void>> {
	if (database.kind !== 'pglite') return async () => {};
	const follower: Follower = { commits: 0 };
	const unlisten = await database.listen('store_catalog', () => void follower.commits++);
	followers.set(database.db, follower);
	return async () => {
		if (followers.get(database.db) === follower) followers.delete(database.db);
		await unlisten();
	};
}
