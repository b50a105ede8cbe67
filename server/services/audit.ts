import { and, desc, eq, ilike, lt, or, type SQL } from 'drizzle-orm';
import type { Page } from '../../src/lib/shared/catalog';
import type { Db, Tx } from '../db/client';
import { containing } from '../db/like';
import { auditEvents, type AuditChanges } from '../db/schema';
import { decodeCursor, badCursor, splitPage } from './cursor';

/** Who does an admin write, and from where. */
export type Actor = { id: string; email: string; ip: string | null };

/** What an audit row says happened, e.g. `product.update` on product `…` with the changed fields. */
export type AuditEntry = { action: string; entityType: string; entityId: string; changes?: AuditChanges };

/** Records an admin write; call it in the transaction of the write, so both commit or neither. */
export async function recordAudit(tx: Tx, actor: Actor, entry: AuditEntry): Promise<void> {
	await tx.insert(auditEvents).values({
		actorId: actor.id,
		actorEmail: actor.email,
		action: entry.action,
		entityType: entry.entityType,
		entityId: entry.entityId,
		changes: entry.changes ?? {},
		ip: actor.ip
	});
}

const comparable = (value: unknown) => JSON.stringify(value instanceof Date ? value.toISOString() : (value ?? null));

/** The fields whose values differ between two versions of a row (null: created or removed). */
export function changesBetween<T extends Record<string, unknown>>(before: T | null, after: T | null, fields: readonly (keyof T & string)[]): AuditChanges {
	const changes: AuditChanges = {};
	for (const field of fields) {
		const was = before?.[field] ?? null;
		const is = after?.[field] ?? null;
		if (comparable(was) !== comparable(is)) {
			changes[field] = { before: was instanceof Date ? was.toISOString() : was, after: is instanceof Date ? is.toISOString() : is };
		}
	}
	return changes;
}

export type AuditView = {
	id: string;
	actorEmail: string;
	action: string;
	entityType: string;
	entityId: string;
	changes: AuditChanges;
	ip: string | null;
	at: string;
};

/** The audit trail, newest first, filtered by entity, entity id, action or actor email. */
export async function listAudit(
	db: Db,
	input: { entityType?: string; entityId?: string; query?: string; cursor?: string; limit: number }
): Promise<Page<AuditView>> {
	const filters: SQL[] = [];
	if (input.entityType) filters.push(eq(auditEvents.entityType, input.entityType));
	if (input.entityId) filters.push(eq(auditEvents.entityId, input.entityId));
	if (input.query) {
		const like = containing(input.query);
		filters.push(or(ilike(auditEvents.actorEmail, like), ilike(auditEvents.action, like))!);
	}
	if (input.cursor) {
		const cursor = decodeCursor(input.cursor, 'audit');
		if (!/^\d{1,18}$/.test(cursor.key)) throw badCursor();
		filters.push(lt(auditEvents.seq, Number(cursor.key)));
	}
	const rows = await db
		.select({ row: auditEvents })
		.from(auditEvents)
		.where(and(...filters))
		.orderBy(desc(auditEvents.seq))
		.limit(input.limit + 1);
	const { page, nextCursor } = splitPage(rows, input.limit, (last) => ({ sort: 'audit', key: String(last.row.seq), id: last.row.id }));
	return {
		items: page.map(({ row }) => ({
			id: row.id,
			actorEmail: row.actorEmail,
			action: row.action,
			entityType: row.entityType,
			entityId: row.entityId,
			changes: row.changes,
			ip: row.ip,
			at: row.createdAt.toISOString()
		})),
		nextCursor
	};
}
