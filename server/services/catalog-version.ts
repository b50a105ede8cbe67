import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';

// The lock that catalog writers hold shared until commit (see drizzle/0001).
const CATALOG_WRITE_LOCK = 4_242_002;

/**
 * The highest catalog version that no uncommitted transaction can still be below: every
 * product, stock, collection or review write with a version up to it has committed, and
 * every later write takes a higher one.
 */
export async function safeVersion(db: Db): Promise<number> {
	return db.transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(${CATALOG_WRITE_LOCK})`);
		const [row] = await tx
			.select({ v: sql<string>`case when is_called then last_value else 0 end` })
			.from(sql`catalog_version`);
		return Number(row?.v ?? 0);
	});
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

const readers = new WeakMap<Db, () => Promise<number>>();

/** `safeVersion`, with concurrent callers of one database sharing reads. */
export function currentVersion(db: Db): Promise<number> {
	let reader = readers.get(db);
	if (!reader) readers.set(db, (reader = coalesced(() => safeVersion(db))));
	return reader();
}
