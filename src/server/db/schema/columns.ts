import { integer, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Shared column builders: ids are UUIDv7 generated in the app (PGlite and PostgreSQL ≥ 15 alike),
// times are UTC timestamptz.
export const idColumn = () => uuid('id').primaryKey();
export const tenantIdColumn = () => uuid('tenant_id').notNull();
export const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * The head row of a flow edited as versions (talk flows, IVR flows): its name, its state
 * (draft | published, and archived for talk flows), the version in use and the newest one.
 */
export const versionedFlowColumns = () => ({
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  status: text('status').notNull().default('draft'),
  /** The version in use; null until first published. */
  publishedVersion: integer('published_version'),
  latestVersion: integer('latest_version').notNull().default(1),
});
