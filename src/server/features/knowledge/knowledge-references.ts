import { AppError, type FieldError } from '../../platform/app-error.js';
import type { KnowledgeArticleRepository } from './knowledge-article.repository.js';

/**
 * Checks of what an article points to, inside the caller's tenant. An id of another tenant and an
 * id that does not exist get the same answer, so nothing about other tenants leaks.
 */
export function createArticleReferenceChecks(articles: KnowledgeArticleRepository) {
  return {
    async assertCategory(tenantId: string, categoryId: string | null | undefined) {
      if (categoryId && !(await articles.categoryExists(tenantId, categoryId))) {
        throw new AppError('validation_failed', 'Unknown category', [{ path: 'categoryId', message: 'no such category in this tenant' }]);
      }
    },
    async assertRelated(tenantId: string, relatedIds: readonly string[], selfId: string | null) {
      if (relatedIds.length === 0) return;
      const found = new Set((await articles.titlesOf(tenantId, relatedIds, { publishedOnly: false })).map((r) => r.id));
      const errors: FieldError[] = [];
      relatedIds.forEach((id, i) => {
        if (id === selfId) errors.push({ path: `relatedIds.${i}`, message: 'an article cannot be related to itself' });
        else if (!found.has(id)) errors.push({ path: `relatedIds.${i}`, message: 'no such article in this tenant' });
      });
      if (errors.length) throw new AppError('validation_failed', 'Related articles must be other articles of this tenant', errors);
    },
    /** The related ids that still exist (restoring an old version whose related articles are gone). */
    async existingRelated(tenantId: string, relatedIds: readonly string[], selfId: string) {
      const found = new Set((await articles.titlesOf(tenantId, relatedIds, { publishedOnly: false })).map((r) => r.id));
      return relatedIds.filter((id) => id !== selfId && found.has(id));
    },
  };
}
export type ArticleReferenceChecks = ReturnType<typeof createArticleReferenceChecks>;
