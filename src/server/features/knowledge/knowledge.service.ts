import { renderMarkdown } from '../../../core/knowledge/markdown-render.js';
import { searchDocumentOf, searchQueryOf } from '../../../core/knowledge/search-document.js';
import { maskCardNumbers } from '../../../core/privacy/card-mask.js';
import { foldForSearch, markdownToPlainText } from '../../../core/text-ja/search-fold.util.js';
import { parseSearchQuery } from '../../../core/text-ja/search-query.util.js';
import { snippetOf } from '../../../core/text-ja/search-snippet.util.js';
import { AppError, notFound } from '../../platform/app-error.js';
import { createArticleReferenceChecks } from './knowledge-references.js';
import { isoOrNull } from '../../platform/dto.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Clock } from '../../platform/clock.js';
import type { IdGenerator } from '../../platform/ids.js';
import type { TenantContext } from '../../platform/principal.js';
import type { ArticleInsert, ArticleRow, KnowledgeArticleRepository, VersionInsert } from './knowledge-article.repository.js';
import type { ArticleDto } from './knowledge.schemas.js';
import type { KnowledgeSearchRepository, SearchFilters } from './knowledge-search.repository.js';

interface Deps {
  audit: AuditService;
  articles: KnowledgeArticleRepository;
  search: KnowledgeSearchRepository;
  ids: IdGenerator;
  clock: Clock;
}

export interface ArticleInput {
  title: string;
  body: string;
  tags?: string[] | undefined;
  productSkus?: string[] | undefined;
  categoryId?: string | null | undefined;
  visibility: 'public' | 'internal';
  /** Related articles of the same tenant (checked on write). */
  relatedIds?: string[] | undefined;
  /** Publish at once (imports of approved manuals, demo data); otherwise a draft. */
  publish?: boolean | undefined;
}

/** Who is searching: operators see internal articles, the portal only public ones. */
export type Audience = 'console' | 'portal';

export interface SearchOptions {
  audience: Audience;
  limit: number;
  /** Articles of this category and its descendants. */
  categoryId?: string | undefined;
  productSku?: string | undefined;
  /** Editors may find drafts too. */
  includeDrafts?: boolean | undefined;
}

const SNIPPET_LENGTH = 120;
// Synonyms are read per search; another node's edit shows after this long, this node's at once.
const SYNONYMS_TTL_MS = 30_000;

/** A category and everything below it (an unknown id: nothing). */
function subtreeOf(categories: readonly { id: string; parentId: string | null }[], rootId: string): string[] {
  if (!categories.some((c) => c.id === rootId)) return [];
  const out = [rootId];
  for (let i = 0; i < out.length; i++) for (const c of categories) if (c.parentId === out[i]) out.push(c.id);
  return out;
}

/** `related`: the related articles the caller may read, as found (unknown ones are left out). */
export function toArticleDto(a: ArticleRow, related: readonly { id: string; title: string }[] = []): ArticleDto {
  const titles = new Map(related.map((r) => [r.id, r.title]));
  return {
    id: a.id, title: a.title, body: a.body, tags: a.tags, productSkus: a.productSkus, categoryId: a.categoryId, visibility: a.visibility,
    status: a.status, publishedVersion: a.publishedVersion, latestVersion: a.latestVersion, reviewBy: a.reviewBy,
    publishedAt: isoOrNull(a.publishedAt), updatedAt: a.updatedAt.toISOString(), views: a.views, helpful: a.helpful, notHelpful: a.notHelpful,
    bodyHtml: renderMarkdown(a.body),
    related: a.relatedIds.flatMap((id) => (titles.has(id) ? [{ id, title: titles.get(id)! }] : [])),
  };
}

/** Knowledge articles and their Japanese search (C7). */
export function createKnowledgeService(deps: Deps) {
  const checks = createArticleReferenceChecks(deps.articles);
  const synonymCache = new Map<string, { at: number; groups: Promise<string[][]> }>();
  function synonymsOf(tenantId: string) {
    const now = deps.clock.now().getTime();
    const hit = synonymCache.get(tenantId);
    if (hit && now - hit.at < SYNONYMS_TTL_MS) return hit.groups;
    const groups = deps.articles.synonyms(tenantId);
    synonymCache.set(tenantId, { at: now, groups });
    groups.catch(() => synonymCache.delete(tenantId));
    return groups;
  }

  function rowsOf(ctx: TenantContext, input: ArticleInput, at: Date): { article: ArticleInsert & { id: string }; version: VersionInsert } {
    const id = deps.ids();
    const tags = input.tags ?? [];
    const status = input.publish ? 'published' : 'draft';
    const content = {
      title: input.title, body: input.body, tags, productSkus: input.productSkus ?? [], categoryId: input.categoryId ?? null, visibility: input.visibility,
      relatedIds: input.relatedIds ?? [],
    };
    return {
      article: {
        id, tenantId: ctx.tenantId, ...content, ...searchDocumentOf({ title: input.title, body: input.body, tags }),
        status, publishedVersion: input.publish ? 1 : null, latestVersion: 1, publishedAt: input.publish ? at : null,
        ownerUserId: ctx.actorUserId, createdAt: at, updatedAt: at,
      },
      version: {
        id: deps.ids(), tenantId: ctx.tenantId, articleId: id, version: 1, ...content, status, createdBy: ctx.actorUserId, createdAt: at,
        // Published at once (imports, demo): the creator stands as the reviewer, in the history too.
        ...(input.publish ? { reviewedBy: ctx.actorUserId, reviewedAt: at, reviewNote: 'published on creation' } : {}),
      },
    };
  }

  return {
    async createArticle(ctx: TenantContext, input: ArticleInput) {
      await checks.assertCategory(ctx.tenantId, input.categoryId);
      await checks.assertRelated(ctx.tenantId, input.relatedIds ?? [], null);
      const rows = rowsOf(ctx, input, deps.clock.now());
      await deps.articles.insertArticle(rows.article, rows.version);
      await deps.audit.record(ctx, { action: 'knowledge.article.create', entity: 'knowledge_article', entityId: rows.article.id, changes: { title: input.title, visibility: input.visibility, published: input.publish === true, relatedIds: input.relatedIds ?? [] } });
      return rows.article.id;
    },
    /** Many at once, in chunks (imports, demo data). Returns the new ids in input order. */
    async createArticles(ctx: TenantContext, inputs: readonly ArticleInput[], chunk = 500) {
      const at = deps.clock.now();
      const ids: string[] = [];
      for (const input of inputs) await checks.assertRelated(ctx.tenantId, input.relatedIds ?? [], null);
      for (let i = 0; i < inputs.length; i += chunk) {
        const rows = inputs.slice(i, i + chunk).map((input) => rowsOf(ctx, input, at));
        await deps.articles.insertArticles(rows);
        ids.push(...rows.map((r) => r.article.id));
      }
      if (ids.length > 0) await deps.articles.flushSearchIndexes();
      return ids;
    },
    /** Readers see published articles; editors (`drafts`) also the unpublished ones. */
    async getArticle(ctx: TenantContext, id: string, opts: { drafts?: boolean } = { drafts: true }) {
      const row = await deps.articles.findById(ctx.tenantId, id);
      if (!row || (row.publishedVersion === null && !opts.drafts)) throw notFound('Article');
      return toArticleDto(row, await deps.articles.titlesOf(ctx.tenantId, row.relatedIds, { publishedOnly: !opts.drafts }));
    },
    async categories(ctx: TenantContext) {
      return (await deps.articles.categories(ctx.tenantId)).map((c) => ({ id: c.id, parentId: c.parentId, name: c.name, position: c.position }));
    },
    async createCategory(ctx: TenantContext, input: { name: string; parentId?: string | null | undefined; position?: number | undefined }) {
      const all = await deps.articles.categories(ctx.tenantId);
      const parentId = input.parentId ?? null;
      if (parentId && !all.some((c) => c.id === parentId)) throw new AppError('validation_failed', 'Unknown parent category', [{ path: 'parentId', message: 'no such category in this tenant' }]);
      if (all.some((c) => c.parentId === parentId && c.name === input.name)) throw new AppError('duplicate', `A category "${input.name}" already exists there`);
      const id = deps.ids();
      const at = deps.clock.now();
      await deps.articles.insertCategory({ id, tenantId: ctx.tenantId, parentId, name: input.name, position: input.position ?? 0, createdAt: at, updatedAt: at });
      await deps.audit.record(ctx, { action: 'knowledge.category.create', entity: 'knowledge_category', entityId: id, changes: { name: input.name, parentId } });
      return { id, parentId, name: input.name, position: input.position ?? 0 };
    },
    /** "Was this helpful?" from an agent (console) or a visitor (portal); counted on the article. */
    async feedback(ctx: TenantContext, id: string, input: { helpful: boolean; source: Audience }) {
      const row = await deps.articles.findById(ctx.tenantId, id);
      if (!row || row.publishedVersion === null || (input.source === 'portal' && row.visibility !== 'public')) throw notFound('Article');
      await deps.articles.recordFeedback({ id: deps.ids(), tenantId: ctx.tenantId, articleId: id, source: input.source, helpful: input.helpful, userId: ctx.actorUserId, at: deps.clock.now() });
    },
    /** An article was opened by a reader (not by its editors' previews). */
    countView: (ctx: TenantContext, id: string) => deps.articles.countView(ctx.tenantId, id),
    synonyms: (ctx: TenantContext) => deps.articles.synonyms(ctx.tenantId),
    async setSynonyms(ctx: TenantContext, groups: string[][]) {
      await deps.articles.replaceSynonyms(ctx.tenantId, groups.map((words) => ({ id: deps.ids(), words })));
      synonymCache.delete(ctx.tenantId);
      await deps.audit.record(ctx, { action: 'knowledge.synonyms.replace', entity: 'knowledge_synonyms', entityId: null, changes: { groups: groups.length } });
    },
    async misses(ctx: TenantContext) {
      return (await deps.articles.misses(ctx.tenantId, 200)).map((m) => ({ query: m.query, source: m.source, count: m.count, lastAt: m.lastAt.toISOString() }));
    },
    /**
     * Ranked articles with a highlighted snippet. A search that finds nothing is counted (the list of
     * articles still to write).
     */
    async search(ctx: TenantContext, query: string, opts: SearchOptions) {
      const parsed = parseSearchQuery(query, { synonyms: await synonymsOf(ctx.tenantId) });
      const filters: SearchFilters = {
        publishedOnly: !opts.includeDrafts || opts.audience === 'portal',
        ...(opts.audience === 'portal' ? { visibility: ['public'] as const } : {}),
        ...(opts.categoryId ? { categoryIds: subtreeOf(await deps.articles.categories(ctx.tenantId), opts.categoryId) } : {}),
        ...(opts.productSku ? { productSku: opts.productSku } : {}),
      };
      const q = { all: searchQueryOf(parsed, 'all'), any: searchQueryOf(parsed, 'any'), phrase: parsed.phrase, terms: parsed.terms.map((t) => t.variants) };
      const hits = await deps.search.search(ctx.tenantId, q, filters, opts.limit);
      if (hits.length === 0 && parsed.phrase) {
        // What visitors type is kept for editors: never a card number (some paste one into any box).
        const kept = maskCardNumbers(query.trim()).slice(0, 200);
        await deps.articles.recordMiss({ id: deps.ids(), tenantId: ctx.tenantId, queryFold: foldForSearch(kept), query: kept, source: opts.audience, at: deps.clock.now() });
      }
      const variants = parsed.terms.flatMap((t) => t.variants);
      return {
        query: parsed,
        hits: hits.map((h) => ({
          id: h.id, title: h.title, tags: h.tags, categoryId: h.categoryId, visibility: h.visibility, status: h.status,
          updatedAt: h.updatedAt.toISOString(), score: h.score,
          snippet: snippetOf(markdownToPlainText(h.body), variants, { length: SNIPPET_LENGTH }),
        })),
      };
    },
  };
}
export type KnowledgeService = ReturnType<typeof createKnowledgeService>;
