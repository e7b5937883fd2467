import { and, asc, count, desc, eq, gte, inArray, isNotNull, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { talkFlowRuns, talkFlows, talkFlowVersions } from '../../db/schema/talk-flow.table.js';

export type FlowRow = typeof talkFlows.$inferSelect;
export type FlowInsert = typeof talkFlows.$inferInsert & { id: string };
export type VersionRow = typeof talkFlowVersions.$inferSelect;
export type VersionInsert = typeof talkFlowVersions.$inferInsert & { id: string };
export type RunRow = typeof talkFlowRuns.$inferSelect;
export type RunInsert = typeof talkFlowRuns.$inferInsert & { id: string };

export interface FlowFilter {
  status?: string | undefined;
  /** Readers see only flows they can run: published and not archived. */
  runnableOnly?: boolean | undefined;
}

/** Talk flows, their versions and runs of one tenant (every method takes the tenant). */
export function createTalkFlowRepository(db: Db) {
  const flowWhere = (tenantId: string, f: FlowFilter) => {
    const where: SQL[] = [eq(talkFlows.tenantId, tenantId)];
    if (f.status) where.push(eq(talkFlows.status, f.status));
    if (f.runnableOnly) where.push(isNotNull(talkFlows.publishedVersion), ne(talkFlows.status, 'archived'));
    return and(...where);
  };
  return {
    /** A new flow and its first version, together. */
    async insertFlow(flow: FlowInsert, version: VersionInsert) {
      await db.transaction(async (tx) => {
        await tx.insert(talkFlows).values(flow);
        await tx.insert(talkFlowVersions).values(version);
      });
    },
    async findFlow(tenantId: string, id: string): Promise<FlowRow | null> {
      const [r] = await db.select().from(talkFlows).where(and(eq(talkFlows.tenantId, tenantId), eq(talkFlows.id, id)));
      return r ?? null;
    },
    async findFlowByName(tenantId: string, name: string): Promise<FlowRow | null> {
      const [r] = await db.select().from(talkFlows).where(and(eq(talkFlows.tenantId, tenantId), eq(talkFlows.name, name)));
      return r ?? null;
    },
    async pageFlows(tenantId: string, f: FlowFilter, limit: number, offset: number) {
      const where = flowWhere(tenantId, f);
      const [items, [total]] = await Promise.all([
        db.select().from(talkFlows).where(where).orderBy(asc(talkFlows.name)).limit(limit).offset(offset),
        db.select({ n: count() }).from(talkFlows).where(where),
      ]);
      return { items, total: total?.n ?? 0 };
    },
    async findVersion(tenantId: string, flowId: string, version: number): Promise<VersionRow | null> {
      const [r] = await db.select().from(talkFlowVersions)
        .where(and(eq(talkFlowVersions.tenantId, tenantId), eq(talkFlowVersions.flowId, flowId), eq(talkFlowVersions.version, version)));
      return r ?? null;
    },
    async listVersions(tenantId: string, flowId: string): Promise<VersionRow[]> {
      return db.select().from(talkFlowVersions)
        .where(and(eq(talkFlowVersions.tenantId, tenantId), eq(talkFlowVersions.flowId, flowId)))
        .orderBy(desc(talkFlowVersions.version));
    },
    /**
     * The next version, only if nobody saved since `baseVersion` (false otherwise). The flow row is
     * updated first under that condition, so two saves from the same base cannot both succeed.
     */
    async addVersion(tenantId: string, flowId: string, baseVersion: number, version: VersionInsert, patch: { name?: string | undefined; description?: string | undefined; updatedAt: Date }) {
      return db.transaction(async (tx) => {
        const moved = await tx.update(talkFlows)
          .set({ ...patch, latestVersion: baseVersion + 1 })
          .where(and(eq(talkFlows.tenantId, tenantId), eq(talkFlows.id, flowId), eq(talkFlows.latestVersion, baseVersion)))
          .returning({ id: talkFlows.id });
        if (moved.length === 0) return false;
        await tx.insert(talkFlowVersions).values(version);
        return true;
      });
    },
    async updateFlow(tenantId: string, id: string, patch: Partial<Pick<FlowRow, 'status' | 'publishedVersion' | 'updatedAt'>>) {
      const rows = await db.update(talkFlows).set(patch).where(and(eq(talkFlows.tenantId, tenantId), eq(talkFlows.id, id))).returning({ id: talkFlows.id });
      return rows.length > 0;
    },

    async insertRun(row: RunInsert) {
      await db.insert(talkFlowRuns).values(row);
    },
    async findRun(tenantId: string, id: string): Promise<RunRow | null> {
      const [r] = await db.select().from(talkFlowRuns).where(and(eq(talkFlowRuns.tenantId, tenantId), eq(talkFlowRuns.id, id)));
      return r ?? null;
    },
    /**
     * Moves an open run on, only if its path is still the one the caller read (false otherwise):
     * a double click or a second tab cannot record the same answer twice or complete a run twice.
     */
    async advanceRun(tenantId: string, id: string, expectedPath: unknown, patch: Partial<Pick<RunRow, 'path' | 'status' | 'endNodeId' | 'outcome' | 'finishedAt'>>) {
      const rows = await db.update(talkFlowRuns).set(patch)
        .where(and(
          eq(talkFlowRuns.tenantId, tenantId), eq(talkFlowRuns.id, id), eq(talkFlowRuns.status, 'in_progress'),
          sql`${talkFlowRuns.path} = ${JSON.stringify(expectedPath)}::jsonb`,
        ))
        .returning({ id: talkFlowRuns.id });
      return rows.length > 0;
    },
    /** Rewrites the path of a finished run (the case created at its end). */
    async setRunPath(tenantId: string, id: string, path: unknown) {
      await db.update(talkFlowRuns).set({ path }).where(and(eq(talkFlowRuns.tenantId, tenantId), eq(talkFlowRuns.id, id)));
    },
    async runsOfInteraction(tenantId: string, interactionId: string): Promise<RunRow[]> {
      return db.select().from(talkFlowRuns)
        .where(and(eq(talkFlowRuns.tenantId, tenantId), eq(talkFlowRuns.interactionId, interactionId)))
        .orderBy(asc(talkFlowRuns.startedAt));
    },
    /** What statistics need of the runs of one version, optionally within [from, to). */
    async runsForStats(tenantId: string, flowId: string, version: number, range: { from?: Date | undefined; to?: Date | undefined }) {
      const where: SQL[] = [eq(talkFlowRuns.tenantId, tenantId), eq(talkFlowRuns.flowId, flowId), eq(talkFlowRuns.version, version)];
      if (range.from) where.push(gte(talkFlowRuns.startedAt, range.from));
      if (range.to) where.push(lt(talkFlowRuns.startedAt, range.to));
      return db.select({ path: talkFlowRuns.path, status: talkFlowRuns.status, endNodeId: talkFlowRuns.endNodeId, outcome: talkFlowRuns.outcome })
        .from(talkFlowRuns).where(and(...where));
    },
    /** Names of flows by id (run lists show which flow each run followed). */
    async flowNames(tenantId: string, ids: readonly string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db.select({ id: talkFlows.id, name: talkFlows.name }).from(talkFlows)
        .where(and(eq(talkFlows.tenantId, tenantId), inArray(talkFlows.id, [...ids])));
      return new Map(rows.map((r) => [r.id, r.name]));
    },
  };
}
export type TalkFlowRepository = ReturnType<typeof createTalkFlowRepository>;
