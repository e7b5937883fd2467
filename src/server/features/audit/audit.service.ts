import type { TenantContext } from '../../platform/principal.js';
import type { IdGenerator } from '../../platform/ids.js';
import type { Clock } from '../../platform/clock.js';
import type { AuditRepository } from './audit.repository.js';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  changes?: Record<string, unknown> | null;
}

/** Audit: who did what to which record, when, from where. Bodies of messages are never copied here. */
export function createAuditService(deps: { repo: AuditRepository; ids: IdGenerator; clock: Clock }) {
  return {
    async record(ctx: TenantContext, entry: AuditEntry) {
      await deps.repo.insert({
        id: deps.ids(), tenantId: ctx.tenantId, actorUserId: ctx.actorUserId, actorTokenId: ctx.actorTokenId,
        action: entry.action, entity: entry.entity, entityId: entry.entityId ?? null, changes: entry.changes ?? null,
        ip: ctx.ip, userAgent: ctx.userAgent, at: deps.clock.now(),
      });
    },
    /** Events outside any tenant (logins). */
    async recordGlobal(entry: AuditEntry & { actorUserId: string | null; ip: string | null; userAgent: string | null }) {
      await deps.repo.insert({
        id: deps.ids(), tenantId: null, actorUserId: entry.actorUserId, action: entry.action, entity: entry.entity,
        entityId: entry.entityId ?? null, changes: entry.changes ?? null, ip: entry.ip, userAgent: entry.userAgent, at: deps.clock.now(),
      });
    },
    async list(ctx: TenantContext, filter: { entity?: string; entityId?: string }, page: number, pageSize: number) {
      const { items, total } = await deps.repo.list(ctx.tenantId, filter, pageSize, (page - 1) * pageSize);
      return {
        items: items.map((e) => ({
          id: e.id, action: e.action, entity: e.entity, entityId: e.entityId, actorUserId: e.actorUserId,
          actorTokenId: e.actorTokenId, ip: e.ip, at: e.at.toISOString(), changes: e.changes,
        })),
        page, pageSize, total,
      };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
