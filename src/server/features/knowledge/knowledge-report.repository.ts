import { and, desc, eq, gte, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { knowledgeArticles, knowledgeFeedback, knowledgeSearchMisses } from '../../db/schema.js';

const a = knowledgeArticles;
const f = knowledgeFeedback;
const m = knowledgeSearchMisses;

const votes = (source: 'console' | 'portal', helpful: boolean) =>
  sql<number>`count(${f.id}) filter (where ${f.source} = ${source} and ${f.helpful} = ${helpful})`.mapWith(Number);

/** Figures of the knowledge usage report, one tenant, one period. */
export function createKnowledgeReportRepository(db: Db) {
  return {
    /** Published articles with their votes in [from, to) by source, and their view counters. */
    async articleUsage(tenantId: string, from: Date, to: Date) {
      return db.select({
        id: a.id, title: a.title, visibility: a.visibility, views: a.views,
        consoleHelpful: votes('console', true), consoleNotHelpful: votes('console', false),
        portalHelpful: votes('portal', true), portalNotHelpful: votes('portal', false),
      }).from(a)
        .leftJoin(f, and(eq(f.articleId, a.id), eq(f.tenantId, tenantId), gte(f.createdAt, from), lt(f.createdAt, to)))
        .where(and(eq(a.tenantId, tenantId), isNotNull(a.publishedVersion)))
        .groupBy(a.id);
    },
    /** Searches that found nothing, last seen in [from, to), most frequent first. */
    async misses(tenantId: string, from: Date, to: Date, limit: number) {
      return db.select().from(m).where(and(eq(m.tenantId, tenantId), gte(m.lastAt, from), lt(m.lastAt, to)))
        .orderBy(desc(m.count), desc(m.lastAt)).limit(limit);
    },
  };
}
export type KnowledgeReportRepository = ReturnType<typeof createKnowledgeReportRepository>;
