import { pgTable, text, uuid, jsonb, index } from 'drizzle-orm/pg-core';
import { createdAt, idColumn } from './columns.js';

/** Who did what to which record, when and from where. Append-only. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: idColumn(),
    tenantId: uuid('tenant_id'),
    actorUserId: uuid('actor_user_id'),
    actorTokenId: uuid('actor_token_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    changes: jsonb('changes'),
    at: createdAt(),
  },
  (t) => [index('audit_events_tenant_entity_idx').on(t.tenantId, t.entity, t.entityId), index('audit_events_tenant_at_idx').on(t.tenantId, t.at)],
);
