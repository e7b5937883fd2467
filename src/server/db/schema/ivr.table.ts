import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, tenantIdColumn, updatedAt, versionedFlowColumns } from './columns.js';
import { tenants } from './tenant.table.js';
import { users } from './user.table.js';

/** An IVR flow (自動音声応答) of a tenant, edited as versions; callers hear its published version. */
export const ivrFlows = pgTable(
  'ivr_flows',
  {
    id: idColumn(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    /** status: draft | published; callers hear the published version. */
    ...versionedFlowColumns(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('ivr_flows_tenant_name_uq').on(t.tenantId, t.name)],
);

/** Every saved flow, problems and all (publishing requires none). */
export const ivrFlowVersions = pgTable(
  'ivr_flow_versions',
  {
    id: idColumn(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    flowId: uuid('flow_id').notNull().references(() => ivrFlows.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** { start, nodes: [...] } as defined in src/core/ivr */
    flow: jsonb('flow').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('ivr_flow_versions_flow_version_uq').on(t.flowId, t.version)],
);

/**
 * The dialled numbers (E.164) a flow answers. A number rings one flow of one tenant, whoever's it
 * is: the key is the number alone.
 */
export const ivrNumbers = pgTable(
  'ivr_numbers',
  {
    number: text('number').primaryKey(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    flowId: uuid('flow_id').notNull().references(() => ivrFlows.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [index('ivr_numbers_flow_idx').on(t.flowId)],
);
