import { and, desc, eq, count } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditEvents } from '../../db/schema.js';

export function createAuditRepository(db: Db) {
  return {
    async insert(row: typeof auditEvents.$inferInsert) {
      await db.insert(auditEvents).values(row);
    },
    async list(tenantId: string, filter: { entity?: string; entityId?: string }, limit: number, offset: number) {
      const where = and(
        eq(auditEvents.tenantId, tenantId),
        filter.entity ? eq(auditEvents.entity, filter.entity) : undefined,
        filter.entityId ? eq(auditEvents.entityId, filter.entityId) : undefined,
      );
      const [items, totals] = await Promise.all([
        db.select().from(auditEvents).where(where).orderBy(desc(auditEvents.at), desc(auditEvents.id)).limit(limit).offset(offset),
        db.select({ n: count() }).from(auditEvents).where(where),
      ]);
      return { items, total: totals[0]?.n ?? 0 };
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;
