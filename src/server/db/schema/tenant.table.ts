import { pgTable, text, integer, uuid, primaryKey } from 'drizzle-orm/pg-core';
import { createdAt, idColumn } from './columns.js';

/** A client company served by the center (or the center itself for in-house use). */
export const tenants = pgTable('tenants', {
  id: idColumn(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull().default('Asia/Tokyo'),
  createdAt: createdAt(),
});

/** Per-tenant counters (case numbers …): one row per (tenant, name), bumped with UPDATE … RETURNING. */
export const tenantCounters = pgTable(
  'tenant_counters',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    value: integer('value').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.name] })],
);
