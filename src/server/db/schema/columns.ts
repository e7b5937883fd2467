import { timestamp, uuid } from 'drizzle-orm/pg-core';

// Shared column builders: ids are UUIDv7 generated in the app (PGlite and PostgreSQL ≥ 15 alike),
// times are UTC timestamptz.
export const idColumn = () => uuid('id').primaryKey();
export const tenantIdColumn = () => uuid('tenant_id').notNull();
export const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
