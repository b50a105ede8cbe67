import { desc, sql, type SQLWrapper } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from './errors';

/**
 * Opaque keyset cursors: the sort they belong to, the sort key as Postgres printed it
 * (so timestamps keep their microseconds) and the row id that breaks ties.
 */
export type Cursor = { sort: string; key: string; id: string };

/** What a page link with a cursor the shop did not give out (or gave for another list) is told. */
export const BAD_CURSOR = 'This page link is out of date. Start again from the first page.';

/** A refusal of a cursor that does not fit its list. */
export const badCursor = () => new AppError('BAD_REQUEST', BAD_CURSOR);

export function encodeCursor(cursor: Cursor): string {
	return Buffer.from(JSON.stringify([cursor.sort, cursor.key, cursor.id])).toString('base64url');
}

const cursorShape = z.tuple([z.string(), z.string().max(300), z.uuid()]);

export function decodeCursor(text: string, sort: string): Cursor {
	let json: unknown;
	try {
		json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
	} catch {
		throw badCursor();
	}
	const parsed = cursorShape.safeParse(json);
	if (!parsed.success) throw badCursor();
	const [cursorSort, key, id] = parsed.data;
	if (cursorSort !== sort) throw badCursor();
	return { sort, key, id };
}

/** Prints a timestamptz for a cursor, to the microsecond, in UTC. */
export const timestampKey = (column: SQLWrapper) =>
	sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export function isTimestampKey(key: string): boolean {
	return (
		/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/.test(key) &&
		!Number.isNaN(Date.parse(key.slice(0, 23) + 'Z'))
	);
}

/**
 * For a list newest first by (`createdAt`, `id`): the rows after the `text` cursor it gave
 * out for `sort`, or a refusal when the cursor is not one of its own.
 */
export function olderThanCursor(text: string, sort: string, createdAt: SQLWrapper, id: SQLWrapper) {
	const cursor = decodeCursor(text, sort);
	if (!isTimestampKey(cursor.key)) throw badCursor();
	return sql`(${createdAt}, ${id}) < (${cursor.key}::timestamptz, ${cursor.id}::uuid)`;
}

/**
 * Splits the `limit + 1` rows a list read into its page and the cursor to the next one:
 * the extra row is only there to say that another page follows.
 */
export function splitPage<R>(rows: R[], limit: number, cursorAt: (last: R) => Cursor): { page: R[]; nextCursor: string | null } {
	const page = rows.slice(0, limit);
	const last = page.at(-1);
	return { page, nextCursor: rows.length > limit && last ? encodeCursor(cursorAt(last)) : null };
}

/**
 * Keyset paging for a list newest first by (`createdAt`, `id`), under the cursor name `sort`:
 * select `key` with the rows, filter by `after` (nothing on the first page), order by `order`,
 * read `read` rows, and `split` them into the page and the cursor to the next.
 */
export function newestFirst(sort: string, createdAt: SQLWrapper, id: SQLWrapper, input: { cursor?: string; limit: number }) {
	return {
		key: timestampKey(createdAt),
		after: input.cursor ? olderThanCursor(input.cursor, sort, createdAt, id) : undefined,
		order: [desc(createdAt), desc(id)] as const,
		read: input.limit + 1,
		split: <R extends { key: string; id: string }>(rows: R[]) => splitPage(rows, input.limit, (last) => ({ sort, key: last.key, id: last.id }))
	};
}
