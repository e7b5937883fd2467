import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { knowledgeArticles, knowledgeArticleVersions } from '../../db/schema.js';
import type { ArticleInsert, VersionInsert } from './knowledge-article.repository.js';

export type VersionRow = typeof knowledgeArticleVersions.$inferSelect;
type ArticlePatch = Partial<Omit<ArticleInsert, 'id' | 'tenantId'>>;

const a = knowledgeArticles;
const v = knowledgeArticleVersions;

/**
 * Versions of articles and the workflow's writes. Every write is guarded by the article's latest
 * version (and status): a concurrent edit makes it a no-op that returns false, never a lost update.
 */
export function createKnowledgeVersionRepository(db: Db) {
  const articleIs = (tenantId: string, articleId: string) => and(eq(a.tenantId, tenantId), eq(a.id, articleId));
  const versionIs = (tenantId: string, articleId: string, version: number) => and(eq(v.tenantId, tenantId), eq(v.articleId, articleId), eq(v.version, version));

  return {
    async list(tenantId: string, articleId: string): Promise<VersionRow[]> {
      return db.select().from(v).where(and(eq(v.tenantId, tenantId), eq(v.articleId, articleId))).orderBy(desc(v.version));
    },
    async find(tenantId: string, articleId: string, version: number): Promise<VersionRow | null> {
      const [r] = await db.select().from(v).where(versionIs(tenantId, articleId, version));
      return r ?? null;
    },
    /**
     * A new latest version, if the article's latest is still `expectedLatest`. A version that was in
     * review goes back to draft (`withdraw`): a newer one replaces it.
     */
    async append(p: { tenantId: string; articleId: string; expectedLatest: number; version: VersionInsert; article: ArticlePatch; withdraw: boolean }): Promise<boolean> {
      return db.transaction(async (tx) => {
        const moved = await tx.update(a).set(p.article)
          .where(and(articleIs(p.tenantId, p.articleId), eq(a.latestVersion, p.expectedLatest))).returning({ id: a.id });
        if (moved.length === 0) return false;
        if (p.withdraw) {
          await tx.update(v).set({ status: 'draft' }).where(and(versionIs(p.tenantId, p.articleId, p.expectedLatest), eq(v.status, 'in_review')));
        }
        await tx.insert(v).values(p.version);
        return true;
      });
    },
    /** Moves the latest version from one status to another (submit, approve, reject), with the review stamp. */
    async move(p: {
      tenantId: string; articleId: string; version: number; from: string; to: string; article: ArticlePatch;
      review?: { by: string | null; at: Date; note: string | null };
    }): Promise<boolean> {
      return db.transaction(async (tx) => {
        const moved = await tx.update(a).set({ ...p.article, status: p.to })
          .where(and(articleIs(p.tenantId, p.articleId), eq(a.latestVersion, p.version), eq(a.status, p.from))).returning({ id: a.id });
        if (moved.length === 0) return false;
        await tx.update(v).set({ status: p.to, ...(p.review ? { reviewedBy: p.review.by, reviewedAt: p.review.at, reviewNote: p.review.note } : {}) })
          .where(versionIs(p.tenantId, p.articleId, p.version));
        return true;
      });
    },
  };
}
export type KnowledgeVersionRepository = ReturnType<typeof createKnowledgeVersionRepository>;
