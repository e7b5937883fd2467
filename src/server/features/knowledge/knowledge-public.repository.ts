import { and, asc, count, desc, eq, gte, inArray, isNotNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { knowledgeArticles, knowledgeFeedback, knowledgeSearchMisses, users } from '../../db/schema.js';

const a = knowledgeArticles;

/**
 * When the public last saw the content change: the publication of the version shown (edits still in
 * draft do not count), or the row's update time for articles published before that was recorded.
 */
export const contentDate = sql<Date>`coalesce(${a.publishedAt}, ${a.updatedAt})`.mapWith(a.updatedAt);

/** What anyone on the internet may read: public, published, not archived. */
const publicIn = (tenantId: string): SQL => and(eq(a.tenantId, tenantId), eq(a.visibility, 'public'), isNotNull(a.publishedVersion), ne(a.status, 'archived'))!;

// Views answer "what do people read"; a helpful vote is a stronger signal than a view.
const popularity = sql`${a.views} + 10 * ${a.helpful}`;

const listFields = { id: a.id, title: a.title, categoryId: a.categoryId, updatedAt: contentDate, views: a.views, helpful: a.helpful };
export type PublicArticleListRow = { id: string; title: string; categoryId: string | null; updatedAt: Date; views: number; helpful: number };

/** Read-only queries over public knowledge for the portal, and its freshness figures. Every method takes the tenant. */
export function createKnowledgePublicRepository(db: Db) {
  return {
    async popular(tenantId: string, limit: number, categoryIds?: readonly string[]): Promise<PublicArticleListRow[]> {
      if (categoryIds && categoryIds.length === 0) return [];
      return db.select(listFields).from(a)
        .where(and(publicIn(tenantId), categoryIds ? inArray(a.categoryId, [...categoryIds]) : undefined))
        .orderBy(desc(popularity), desc(contentDate), asc(a.id)).limit(limit);
    },
    async findPublic(tenantId: string, id: string) {
      const [r] = await db.select({
        id: a.id, title: a.title, body: a.body, tags: a.tags, categoryId: a.categoryId, relatedIds: a.relatedIds,
        updatedAt: contentDate, helpful: a.helpful, notHelpful: a.notHelpful,
      }).from(a).where(and(publicIn(tenantId), eq(a.id, id)));
      return r ?? null;
    },
    async publicByIds(tenantId: string, ids: readonly string[]): Promise<PublicArticleListRow[]> {
      if (ids.length === 0) return [];
      return db.select(listFields).from(a).where(and(publicIn(tenantId), inArray(a.id, [...ids])));
    },
    /** Public articles per category (null: uncategorized). */
    async countsByCategory(tenantId: string): Promise<Map<string | null, number>> {
      const rows = await db.select({ categoryId: a.categoryId, n: count() }).from(a).where(publicIn(tenantId)).groupBy(a.categoryId);
      return new Map(rows.map((r) => [r.categoryId, Number(r.n)]));
    },
    /** Adds views counted in memory since the last flush, one statement per article, together. */
    async addViews(tenantId: string, counts: ReadonlyMap<string, number>) {
      if (counts.size === 0) return;
      await db.transaction(async (tx) => {
        for (const [id, n] of counts) await tx.update(a).set({ views: sql`${a.views} + ${n}` }).where(and(eq(a.tenantId, tenantId), eq(a.id, id)));
      });
    },
    async sitemap(tenantId: string, limit: number) {
      return db.select({ id: a.id, updatedAt: contentDate }).from(a).where(publicIn(tenantId)).orderBy(desc(contentDate)).limit(limit);
    },
    /** Public articles past their review-by date or not updated since `updatedBefore`, oldest first, with their owner. */
    async stale(tenantId: string, c: { today: string; updatedBefore: Date }, limit: number) {
      return db.select({
        id: a.id, title: a.title, reviewBy: a.reviewBy, updatedAt: contentDate, views: a.views,
        ownerUserId: a.ownerUserId, ownerName: users.displayName, ownerEmail: users.email,
      }).from(a).leftJoin(users, eq(users.id, a.ownerUserId))
        .where(and(publicIn(tenantId), staleIn(c)))
        .orderBy(asc(contentDate), asc(a.id)).limit(limit);
    },
    async freshness(tenantId: string, c: { today: string; updatedBefore: Date }) {
      const [r] = await db.select({
        total: count(),
        stale: sql<number>`count(*) filter (where ${staleIn(c)})`.mapWith(Number),
        oldest: sql<Date | null>`min(${contentDate})`.mapWith(a.updatedAt),
      }).from(a).where(publicIn(tenantId));
      return { total: Number(r?.total ?? 0), stale: r?.stale ?? 0, oldest: r?.oldest ?? null };
    },
    /** Votes from portal visitors since `since`. */
    async portalVotes(tenantId: string, since: Date) {
      const f = knowledgeFeedback;
      const [r] = await db.select({
        helpful: sql<number>`count(*) filter (where ${f.helpful})`.mapWith(Number),
        total: count(),
      }).from(f).where(and(eq(f.tenantId, tenantId), eq(f.source, 'portal'), gte(f.createdAt, since)));
      return { helpful: r?.helpful ?? 0, total: Number(r?.total ?? 0) };
    },
    /** Portal searches that found nothing and were last asked since `since`, most frequent first. */
    async portalMisses(tenantId: string, since: Date, limit: number) {
      const m = knowledgeSearchMisses;
      return db.select({ query: m.query, count: m.count, lastAt: m.lastAt }).from(m)
        .where(and(eq(m.tenantId, tenantId), eq(m.source, 'portal'), gte(m.lastAt, since)))
        .orderBy(desc(m.count), desc(m.lastAt)).limit(limit);
    },
  };
}
export type KnowledgePublicRepository = ReturnType<typeof createKnowledgePublicRepository>;

// The same rule as src/core/portal/freshness.ts staleReasons, in SQL (review_by is a local date).
function staleIn(c: { today: string; updatedBefore: Date }): SQL {
  return or(sql`${a.reviewBy} < ${c.today}::date`, sql`${contentDate} < ${c.updatedBefore.toISOString()}::timestamptz`)!;
}
