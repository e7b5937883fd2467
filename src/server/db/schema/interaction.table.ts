import { pgTable, text, uuid, integer, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, tenantIdColumn, tstz, updatedAt } from './columns.js';
import { tenants } from './tenant.table.js';
import { customers } from './customer.table.js';
import { users } from './user.table.js';

/** Cases group interactions (C2). `number` is per tenant, from tenant_counters. */
export const cases = pgTable(
  'cases',
  {
    id: idColumn(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    description: text('description'),
    status: text('status').notNull().default('new'),
    priority: text('priority').notNull().default('normal'),
    dueAt: tstz('due_at'),
    ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
    department: text('department'),
    category: text('category'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    resolvedAt: tstz('resolved_at'),
    closedAt: tstz('closed_at'),
  },
  (t) => [
    uniqueIndex('cases_tenant_number_uq').on(t.tenantId, t.number),
    index('cases_tenant_status_idx').on(t.tenantId, t.status, t.updatedAt),
    index('cases_customer_idx').on(t.customerId, t.tenantId),
  ],
);

/** Every contact on every channel (C2). */
export const interactions = pgTable(
  'interactions',
  {
    id: idColumn(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    caseId: uuid('case_id').references(() => cases.id, { onDelete: 'set null' }),
    channel: text('channel').notNull(),
    direction: text('direction').notNull(),
    queue: text('queue'),
    agentUserId: uuid('agent_user_id').references(() => users.id, { onDelete: 'set null' }),
    subject: text('subject'),
    notes: text('notes'),
    disposition: text('disposition'),
    offeredAt: tstz('offered_at'),
    answeredAt: tstz('answered_at'),
    endedAt: tstz('ended_at'),
    wrapUpEndedAt: tstz('wrap_up_ended_at'),
    recordingRef: text('recording_ref'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('interactions_customer_idx').on(t.customerId, t.tenantId, t.createdAt, t.id),
    index('interactions_case_idx').on(t.caseId),
    index('interactions_tenant_created_idx').on(t.tenantId, t.createdAt),
  ],
);

