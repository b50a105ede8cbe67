import { bigint, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, createdAt } from './columns';

/** Changed fields of an entity: what each was before and after. */
export type AuditChanges = Record<string, { before: unknown; after: unknown }>;

/**
 * Every admin write, in the transaction of the write: who (id and email as they were), what,
 * on which entity, the fields it changed, from which address. Rows are never updated or
 * deleted (a trigger refuses it), so the actor is no foreign key.
 */
export const auditEvents = pgTable(
	'audit_events',
	{
		id: id(),
		/** Insertion order: the log reads newest first even within one clock tick. */
		seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
		actorId: uuid('actor_id'),
		actorEmail: text('actor_email').notNull(),
		action: text('action').notNull(),
		entityType: text('entity_type').notNull(),
		entityId: text('entity_id').notNull(),
		changes: jsonb('changes').$type<AuditChanges>().notNull().default({}),
		ip: text('ip'),
		createdAt: createdAt()
	},
	(t) => [
		index('audit_events_seq_idx').on(t.seq),
		index('audit_events_entity_idx').on(t.entityType, t.entityId, t.seq),
		index('audit_events_actor_idx').on(t.actorId, t.seq)
	]
);

export type AuditEvent = typeof auditEvents.$inferSelect;
