import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { isInsufficientPrivilege } from '../../db/errors.js';
import { knowledgeArticles, knowledgeArticleVersions, knowledgeCategories, knowledgeFeedback, knowledgeSearchMisses, knowledgeSynonyms } from '../../db/schema.js';

export type ArticleRow = typeof knowledgeArticles.$inferSelect;
export type ArticleInsert = typeof knowledgeArticles.$inferInsert;
export type VersionInsert = typeof knowledgeArticleVersions.$inferInsert;
export type CategoryRow = typeof knowledgeCategories.$inferSelect;

/** Articles, their versions, categories and synonyms of one tenant (every method takes the tenant). */
export function createKnowledgeArticleRepository(db: Db) {
  return {
    /** A new article and its first version, together. */
    async insertArticle(row: ArticleInsert & { id: string }, version: VersionInsert) {
      await db.transaction(async (tx) => {
        await tx.insert(knowledgeArticles).values(row);
        await tx.insert(knowledgeArticleVersions).values(version);
      });
    },
    /** Many articles at once (imports, demo data, benchmarks): one statement per table per chunk. */
    async insertArticles(rows: readonly { article: ArticleInsert & { id: string }; version: VersionInsert }[]) {
      if (rows.length === 0) return;
      await db.transaction(async (tx) => {
        await tx.insert(knowledgeArticles).values(rows.map((r) => r.article));
        await tx.insert(knowledgeArticleVersions).values(rows.map((r) => r.version));
      });
    },
    /**
     * Moves what the search indexes hold in their pending lists into the indexes proper. GIN puts
     * inserts in a list that every search reads in full until a vacuum merges it, and PGlite has no
     * autovacuum: after a bulk insert of 2,000 articles, searches took three times as long until
     * then. Only the indexes' owner may; any other PostgreSQL role leaves it to autovacuum.
     */
    async flushSearchIndexes() {
      try {
        await db.execute(sql`select gin_clean_pending_list('knowledge_articles_search_vector_gin'::regclass), gin_clean_pending_list('knowledge_articles_title_vector_gin'::regclass)`);
      } catch (err) {
        if (!isInsufficientPrivilege(err)) throw err;
      }
    },
    async findById(tenantId: string, id: string): Promise<ArticleRow | null> {
      const [r] = await db.select().from(knowledgeArticles).where(and(eq(knowledgeArticles.tenantId, tenantId), eq(knowledgeArticles.id, id)));
      return r ?? null;
    },
    /** Id and title of the listed articles that exist in the tenant (readers: published ones only). */
    async titlesOf(tenantId: string, ids: readonly string[], opts: { publishedOnly: boolean }): Promise<{ id: string; title: string }[]> {
      if (ids.length === 0) return [];
      return db.select({ id: knowledgeArticles.id, title: knowledgeArticles.title }).from(knowledgeArticles)
        .where(and(eq(knowledgeArticles.tenantId, tenantId), inArray(knowledgeArticles.id, [...ids]), opts.publishedOnly ? isNotNull(knowledgeArticles.publishedVersion) : undefined));
    },
    async categoryExists(tenantId: string, id: string) {
      return (await db.select({ id: knowledgeCategories.id }).from(knowledgeCategories)
        .where(and(eq(knowledgeCategories.tenantId, tenantId), eq(knowledgeCategories.id, id)))).length > 0;
    },
    async categories(tenantId: string): Promise<CategoryRow[]> {
      return db.select().from(knowledgeCategories).where(eq(knowledgeCategories.tenantId, tenantId))
        .orderBy(asc(knowledgeCategories.position), asc(knowledgeCategories.name));
    },
    async insertCategory(row: typeof knowledgeCategories.$inferInsert & { id: string }) {
      await db.insert(knowledgeCategories).values(row);
    },
    /** One vote: the feedback row and the article's counter together. */
    async recordFeedback(row: { id: string; tenantId: string; articleId: string; source: string; helpful: boolean; userId: string | null; at: Date }) {
      await db.transaction(async (tx) => {
        await tx.insert(knowledgeFeedback).values({ id: row.id, tenantId: row.tenantId, articleId: row.articleId, source: row.source, helpful: row.helpful, userId: row.userId, createdAt: row.at });
        await tx.update(knowledgeArticles)
          .set(row.helpful ? { helpful: sql`${knowledgeArticles.helpful} + 1` } : { notHelpful: sql`${knowledgeArticles.notHelpful} + 1` })
          .where(and(eq(knowledgeArticles.tenantId, row.tenantId), eq(knowledgeArticles.id, row.articleId)));
      });
    },
    async countView(tenantId: string, id: string) {
      await db.update(knowledgeArticles).set({ views: sql`${knowledgeArticles.views} + 1` })
        .where(and(eq(knowledgeArticles.tenantId, tenantId), eq(knowledgeArticles.id, id)));
    },
    async synonyms(tenantId: string): Promise<string[][]> {
      const rows = await db.select({ words: knowledgeSynonyms.words }).from(knowledgeSynonyms).where(eq(knowledgeSynonyms.tenantId, tenantId));
      return rows.map((r) => r.words);
    },
    /** Replaces the tenant's synonym groups. */
    async replaceSynonyms(tenantId: string, groups: readonly { id: string; words: string[] }[]) {
      await db.transaction(async (tx) => {
        await tx.delete(knowledgeSynonyms).where(eq(knowledgeSynonyms.tenantId, tenantId));
        if (groups.length) await tx.insert(knowledgeSynonyms).values(groups.map((g) => ({ id: g.id, tenantId, words: g.words })));
      });
    },
    /** Counts a search that found nothing (per folded query and source). */
    async recordMiss(row: { id: string; tenantId: string; queryFold: string; query: string; source: string; at: Date }) {
      await db.insert(knowledgeSearchMisses)
        .values({ id: row.id, tenantId: row.tenantId, queryFold: row.queryFold, query: row.query, source: row.source, lastAt: row.at })
        .onConflictDoUpdate({
          target: [knowledgeSearchMisses.tenantId, knowledgeSearchMisses.queryFold, knowledgeSearchMisses.source],
          set: { count: sql`${knowledgeSearchMisses.count} + 1`, query: row.query, lastAt: row.at },
        });
    },
    async misses(tenantId: string, limit: number) {
      return db.select().from(knowledgeSearchMisses).where(eq(knowledgeSearchMisses.tenantId, tenantId))
        .orderBy(desc(knowledgeSearchMisses.count), desc(knowledgeSearchMisses.lastAt)).limit(limit);
    },
  };
}
export type KnowledgeArticleRepository = ReturnType<typeof createKnowledgeArticleRepository>;
