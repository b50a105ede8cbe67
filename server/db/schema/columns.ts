import { timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * Column shapes most tables share (Drizzle's "column helpers"). Each is a function, so every
 * table gets a builder of its own.
 */

/** A random UUID primary key. */
export const id = () => uuid('id').primaryKey().defaultRandom();

/** A UTC instant, optional (`deleted_at`, `paid_at`…). */
export const instant = (name: string) => timestamp(name, { withTimezone: true });

/** A UTC instant set by the database when the row is written. */
export const stampedAt = (name: string) => instant(name).notNull().defaultNow();

/** When the row was made. */
export const createdAt = () => stampedAt('created_at');

/** When the row last changed. */
export const updatedAt = () => stampedAt('updated_at');

/** When the row was made and last changed. */
export const timestamps = () => ({ createdAt: createdAt(), updatedAt: updatedAt() });

type OnDelete = 'cascade' | 'restrict' | 'set null';

/** A required UUID foreign key. */
export const reference = (name: string, target: () => AnyPgColumn, onDelete: OnDelete) =>
	uuid(name).notNull().references(target, { onDelete });

/** An optional UUID foreign key. */
export const optionalReference = (name: string, target: () => AnyPgColumn, onDelete: OnDelete) =>
	uuid(name).references(target, { onDelete });
