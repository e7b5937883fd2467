import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, tenantIdColumn, tstz, updatedAt, versionedFlowColumns } from './columns.js';
import { interactions } from './interaction.table.js';
import { tenants } from './tenant.table.js';
import { users } from './user.table.js';

/** A guided talk flow (トークスクリプト): a decision tree per tenant, edited as versions. */
export const talkFlows = pgTable(
  'talk_flows',
  {
    id: idColumn(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    /** status: draft | published | archived; agents run the published version. */
    ...versionedFlowColumns(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('talk_flows_tenant_name_uq').on(t.tenantId, t.name)],
);

/** Every saved graph of a flow (validated before it is stored). */
export const talkFlowVersions = pgTable(
  'talk_flow_versions',
  {
    id: idColumn(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    flowId: uuid('flow_id').notNull().references(() => talkFlows.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** { start, nodes: [...] } as defined in src/core/talk-flow */
    graph: jsonb('graph').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('talk_flow_versions_flow_version_uq').on(t.flowId, t.version)],
);

/** One agent following a flow on one contact: the path taken and where it ended. */
export const talkFlowRuns = pgTable(
  'talk_flow_runs',
  {
    id: idColumn(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    flowId: uuid('flow_id').notNull().references(() => talkFlows.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    interactionId: uuid('interaction_id').references(() => interactions.id, { onDelete: 'set null' }),
    customerId: uuid('customer_id'),
    agentUserId: uuid('agent_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** [{ nodeId, choiceId?, at }] in order */
    path: jsonb('path').notNull().default([]),
    /** in_progress | completed | abandoned */
    status: text('status').notNull().default('in_progress'),
    endNodeId: text('end_node_id'),
    /** The end node's outcome: disposition, create_case, schedule_callback, escalate */
    outcome: text('outcome'),
    startedAt: tstz('started_at').notNull(),
    finishedAt: tstz('finished_at'),
  },
  (t) => [
    index('talk_flow_runs_flow_idx').on(t.tenantId, t.flowId, t.version, t.startedAt),
    index('talk_flow_runs_interaction_idx').on(t.interactionId),
  ],
);
