import { searchDocumentOf, searchQueryOf } from '../../../core/knowledge/search-document.js';
import { foldForSearch, markdownToPlainText } from '../../../core/text-ja/search-fold.util.js';
import { parseSearchQuery } from '../../../core/text-ja/search-query.util.js';
import { snippetOf } from '../../../core/text-ja/search-snippet.util.js';
import { notFound } from '../../platform/app-error.js';
import type { Clock } from '../../platform/clock.js';
import type { IdGenerator } from '../../platform/ids.js';
import type { TenantContext } from '../../platform/principal.js';
import type { ArticleInsert, KnowledgeArticleRepository, VersionInsert } from './knowledge-article.repository.js';
import type { KnowledgeSearchRepository, SearchFilters } from './knowledge-search.repository.js';

interface Deps {
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
  /** Publish at once (imports of approved manuals, demo data); otherwise a draft. */
  publish?: boolean | undefined;
}

/** Who is searching: operators see internal articles, the portal only public ones. */
export type Audience = 'console' | 'portal';

export interface SearchOptions {
  audience: Audience;
  limit: number;
  categoryIds?: string[] | undefined;
  productSku?: string | undefined;
  /** Editors may find drafts too. */
  includeDrafts?: boolean | undefined;
}

const SNIPPET_LENGTH = 120;
// Synonyms are read per search; another node's edit shows after this long, this node's at once.
const SYNONYMS_TTL_MS = 30_000;

/** Knowledge articles and their Japanese search (C7). */
export function createKnowledgeService(deps: Deps) {
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
    const content = { title: input.title, body: input.body, tags, productSkus: input.productSkus ?? [], categoryId: input.categoryId ?? null, visibility: input.visibility };
    return {
      article: {
        id, tenantId: ctx.tenantId, ...content, ...searchDocumentOf({ title: input.title, body: input.body, tags }),
        status, publishedVersion: input.publish ? 1 : null, latestVersion: 1, publishedAt: input.publish ? at : null,
        ownerUserId: ctx.actorUserId, createdAt: at, updatedAt: at,
      },
      version: { id: deps.ids(), tenantId: ctx.tenantId, articleId: id, version: 1, ...content, status, createdBy: ctx.actorUserId, createdAt: at },
    };
  }

  return {
    async createArticle(ctx: TenantContext, input: ArticleInput) {
      const rows = rowsOf(ctx, input, deps.clock.now());
      await deps.articles.insertArticle(rows.article, rows.version);
      return rows.article.id;
    },
    /** Many at once, in chunks (imports, demo data). Returns the new ids in input order. */
    async createArticles(ctx: TenantContext, inputs: readonly ArticleInput[], chunk = 500) {
      const at = deps.clock.now();
      const ids: string[] = [];
      for (let i = 0; i < inputs.length; i += chunk) {
        const rows = inputs.slice(i, i + chunk).map((input) => rowsOf(ctx, input, at));
        await deps.articles.insertArticles(rows);
        ids.push(...rows.map((r) => r.article.id));
      }
      return ids;
    },
    async getArticle(ctx: TenantContext, id: string) {
      const row = await deps.articles.findById(ctx.tenantId, id);
      if (!row) throw notFound('Article');
      return row;
    },
    async setSynonyms(ctx: TenantContext, groups: string[][]) {
      await deps.articles.replaceSynonyms(ctx.tenantId, groups.map((words) => ({ id: deps.ids(), words })));
      synonymCache.delete(ctx.tenantId);
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
        ...(opts.categoryIds ? { categoryIds: opts.categoryIds } : {}),
        ...(opts.productSku ? { productSku: opts.productSku } : {}),
      };
      const q = { all: searchQueryOf(parsed, 'all'), any: searchQueryOf(parsed, 'any'), phrase: parsed.phrase, terms: parsed.terms.map((t) => t.variants) };
      const hits = await deps.search.search(ctx.tenantId, q, filters, opts.limit);
      if (hits.length === 0 && parsed.phrase) {
        await deps.articles.recordMiss({ id: deps.ids(), tenantId: ctx.tenantId, queryFold: foldForSearch(query), query: query.trim().slice(0, 200), source: opts.audience, at: deps.clock.now() });
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
