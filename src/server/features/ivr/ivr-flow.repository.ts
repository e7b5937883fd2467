import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { ivrFlows, ivrFlowVersions, ivrNumbers } from '../../db/schema/ivr.table.js';

export type IvrFlowRow = typeof ivrFlows.$inferSelect;
export type IvrFlowInsert = typeof ivrFlows.$inferInsert & { id: string };
export type IvrVersionRow = typeof ivrFlowVersions.$inferSelect;
export type IvrVersionInsert = typeof ivrFlowVersions.$inferInsert & { id: string };

/** IVR flows, their versions and dialled numbers (every method but `flowOfNumber` takes the tenant). */
export function createIvrFlowRepository(db: Db) {
  return {
    /** A new flow, its first version and its numbers, together (a taken number fails it all). */
    async insertFlow(flow: IvrFlowInsert, version: IvrVersionInsert, numbers: readonly string[]) {
      await db.transaction(async (tx) => {
        await tx.insert(ivrFlows).values(flow);
        await tx.insert(ivrFlowVersions).values(version);
        if (numbers.length) await tx.insert(ivrNumbers).values(numbers.map((number) => ({ number, tenantId: flow.tenantId, flowId: flow.id })));
      });
    },
    async findFlow(tenantId: string, id: string): Promise<IvrFlowRow | null> {
      const [r] = await db.select().from(ivrFlows).where(and(eq(ivrFlows.tenantId, tenantId), eq(ivrFlows.id, id)));
      return r ?? null;
    },
    async listFlows(tenantId: string): Promise<IvrFlowRow[]> {
      return db.select().from(ivrFlows).where(eq(ivrFlows.tenantId, tenantId)).orderBy(asc(ivrFlows.name));
    },
    async findVersion(tenantId: string, flowId: string, version: number): Promise<IvrVersionRow | null> {
      const [r] = await db.select().from(ivrFlowVersions)
        .where(and(eq(ivrFlowVersions.tenantId, tenantId), eq(ivrFlowVersions.flowId, flowId), eq(ivrFlowVersions.version, version)));
      return r ?? null;
    },
    async listVersions(tenantId: string, flowId: string): Promise<IvrVersionRow[]> {
      return db.select().from(ivrFlowVersions)
        .where(and(eq(ivrFlowVersions.tenantId, tenantId), eq(ivrFlowVersions.flowId, flowId))).orderBy(desc(ivrFlowVersions.version));
    },
    /** Numbers per flow of the tenant. */
    async numbersOf(tenantId: string, flowIds: readonly string[]): Promise<Map<string, string[]>> {
      const out = new Map<string, string[]>();
      if (flowIds.length === 0) return out;
      const rows = await db.select().from(ivrNumbers)
        .where(and(eq(ivrNumbers.tenantId, tenantId), inArray(ivrNumbers.flowId, [...flowIds]))).orderBy(asc(ivrNumbers.number));
      for (const r of rows) out.set(r.flowId, [...(out.get(r.flowId) ?? []), r.number]);
      return out;
    },
    /**
     * Saves a version on top of `baseVersion` (false when another was saved meanwhile) and, when
     * given, replaces the flow's numbers.
     */
    async addVersion(tenantId: string, flowId: string, baseVersion: number, version: IvrVersionInsert, changes: { name?: string | undefined; description?: string | undefined; numbers?: readonly string[] | undefined; at: Date }): Promise<boolean> {
      return db.transaction(async (tx) => {
        const moved = await tx.update(ivrFlows)
          .set({ latestVersion: version.version, updatedAt: changes.at, ...(changes.name !== undefined ? { name: changes.name } : {}), ...(changes.description !== undefined ? { description: changes.description } : {}) })
          .where(and(eq(ivrFlows.tenantId, tenantId), eq(ivrFlows.id, flowId), eq(ivrFlows.latestVersion, baseVersion)))
          .returning({ id: ivrFlows.id });
        if (moved.length === 0) return false;
        await tx.insert(ivrFlowVersions).values(version);
        if (changes.numbers !== undefined) {
          await tx.delete(ivrNumbers).where(and(eq(ivrNumbers.tenantId, tenantId), eq(ivrNumbers.flowId, flowId)));
          if (changes.numbers.length) await tx.insert(ivrNumbers).values(changes.numbers.map((number) => ({ number, tenantId, flowId })));
        }
        return true;
      });
    },
    async setPublished(tenantId: string, flowId: string, version: number, at: Date) {
      await db.update(ivrFlows).set({ publishedVersion: version, status: 'published', updatedAt: at })
        .where(and(eq(ivrFlows.tenantId, tenantId), eq(ivrFlows.id, flowId)));
    },
    /** The flow a dialled number rings, across tenants (the telephony webhooks start here). */
    async flowOfNumber(number: string): Promise<{ tenantId: string; flow: IvrFlowRow } | null> {
      const [r] = await db.select({ flow: ivrFlows }).from(ivrNumbers).innerJoin(ivrFlows, eq(ivrFlows.id, ivrNumbers.flowId)).where(eq(ivrNumbers.number, number));
      return r ? { tenantId: r.flow.tenantId, flow: r.flow } : null;
    },
    /** Which of these numbers another flow already answers. */
    async takenNumbers(numbers: readonly string[], exceptFlowId: string | null): Promise<string[]> {
      if (numbers.length === 0) return [];
      const rows = await db.select({ number: ivrNumbers.number, flowId: ivrNumbers.flowId }).from(ivrNumbers).where(inArray(ivrNumbers.number, [...numbers]));
      return rows.filter((r) => r.flowId !== exceptFlowId).map((r) => r.number);
    },
  };
}
export type IvrFlowRepository = ReturnType<typeof createIvrFlowRepository>;
