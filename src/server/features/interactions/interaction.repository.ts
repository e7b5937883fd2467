import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { interactions, users } from '../../db/schema.js';

export interface InteractionFilter {
  customerId?: string | undefined;
  caseId?: string | undefined;
  channel?: string | undefined;
  agentUserId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

const columns = {
  row: interactions,
  agentName: users.displayName,
};

export function createInteractionRepository(db: Db) {
  const whereOf = (tenantId: string, f: InteractionFilter): SQL | undefined =>
    and(
      eq(interactions.tenantId, tenantId),
      f.customerId ? eq(interactions.customerId, f.customerId) : undefined,
      f.caseId ? eq(interactions.caseId, f.caseId) : undefined,
      f.channel ? eq(interactions.channel, f.channel) : undefined,
      f.agentUserId ? eq(interactions.agentUserId, f.agentUserId) : undefined,
      f.from ? gte(interactions.createdAt, f.from) : undefined,
      f.to ? lt(interactions.createdAt, f.to) : undefined,
    );

  return {
    async insert(row: typeof interactions.$inferInsert) {
      await db.insert(interactions).values(row);
    },
    async update(tenantId: string, id: string, patch: Partial<typeof interactions.$inferInsert>) {
      const rows = await db.update(interactions).set(patch).where(and(eq(interactions.tenantId, tenantId), eq(interactions.id, id))).returning({ id: interactions.id });
      return rows.length > 0;
    },
    async delete(tenantId: string, id: string) {
      const rows = await db.delete(interactions).where(and(eq(interactions.tenantId, tenantId), eq(interactions.id, id))).returning({ id: interactions.id });
      return rows.length > 0;
    },
    async findById(tenantId: string, id: string) {
      const rows = await db.select(columns).from(interactions).leftJoin(users, eq(users.id, interactions.agentUserId))
        .where(and(eq(interactions.tenantId, tenantId), eq(interactions.id, id))).limit(1);
      return rows[0] ?? null;
    },
    async page(tenantId: string, f: InteractionFilter, limit: number, offset: number) {
      return db.select(columns).from(interactions).leftJoin(users, eq(users.id, interactions.agentUserId))
        .where(whereOf(tenantId, f)).orderBy(desc(interactions.createdAt), desc(interactions.id)).limit(limit).offset(offset);
    },
    async count(tenantId: string, f: InteractionFilter) {
      const r = await db.select({ n: count() }).from(interactions).where(whereOf(tenantId, f));
      return Number(r[0]?.n ?? 0);
    },
  };
}
export type InteractionRepository = ReturnType<typeof createInteractionRepository>;
export type InteractionJoinedRow = NonNullable<Awaited<ReturnType<InteractionRepository['findById']>>>;
