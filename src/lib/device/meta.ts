import type { Meta, MetaRow, StoreDb } from './db';

// The device's settings table, read and written by key with its type. Free of Dexie itself,
// so the domain stores the first page loads can use it on the database the runtime opened.

export async function readMeta<K extends keyof Meta>(db: StoreDb, key: K): Promise<Meta[K] | undefined> {
	return ((await db.meta.get(key)) as { value: Meta[K] } | undefined)?.value;
}

export async function writeMeta<K extends keyof Meta>(db: StoreDb, key: K, value: Meta[K]): Promise<void> {
	await db.meta.put({ key, value } as MetaRow);
}
