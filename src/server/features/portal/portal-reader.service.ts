import type { CategoryWithCount } from '../../../core/portal/category-tree.js';
import { renderMarkdown } from '../../../core/knowledge/markdown-render.js';
import { markdownToPlainText } from '../../../core/text-ja/search-fold.util.js';
import type { Clock } from '../../platform/clock.js';
import type { TenantContext } from '../../platform/principal.js';
import type { KnowledgePublicService } from '../knowledge/knowledge-public.service.js';
import { ttlCache } from './portal-cache.js';
import type { PortalVoiceService } from './portal-voice.service.js';
import { createViewBuffer } from './portal-view-buffer.js';

interface Deps {
  knowledgePublic: KnowledgePublicService;
  voices: PortalVoiceService;
  clock: Clock;
  /** false: read the database on every page (the benchmark's baseline). */
  cache?: boolean;
}

// Public pages are the same for every visitor: read once per this long per node. An editor's change
// shows on the portal within it (the pages also tell browsers and proxies to cache for a minute).
const PAGE_TTL_MS = 30_000;
const POPULAR = 10;
const IN_CATEGORY = 100;
const RELATED = 5;
const SEARCH_LIMIT = 20;
const VOICES = 100;
const SITEMAP_MAX = 50_000;
const DESCRIPTION_CHARS = 160;

/** The first sentences of a Markdown body as one line of plain text (meta description, JSON-LD answer). */
export function plainSummary(markdown: string, max = DESCRIPTION_CHARS): string {
  const text = markdownToPlainText(markdown).replace(/\s+/g, ' ').trim();
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** What the public pages show, read through the knowledge and voice services and memoized briefly. */
export function createPortalReaderService(deps: Deps) {
  const enabled = deps.cache !== false;
  const cache = <V>(max: number) => ttlCache<V>({ ttlMs: PAGE_TTL_MS, max, clock: deps.clock, enabled });
  const categoriesCache = cache<CategoryWithCount[]>(1_000);
  const popularCache = cache<Awaited<ReturnType<KnowledgePublicService['popular']>>>(1_000);
  const inCategoryCache = cache<Awaited<ReturnType<KnowledgePublicService['inCategory']>>>(5_000);
  const articleCache = cache<Awaited<ReturnType<typeof loadArticle>>>(5_000);
  const voicesCache = cache<Awaited<ReturnType<PortalVoiceService['published']>>>(1_000);
  const sitemapCache = cache<Awaited<ReturnType<KnowledgePublicService['sitemap']>>>(100);
  const searchCache = cache<Awaited<ReturnType<KnowledgePublicService['search']>>>(5_000);
  const views = createViewBuffer((tenantId, counts) => deps.knowledgePublic.addViews(tenantId, counts));

  async function loadArticle(ctx: TenantContext, id: string) {
    const a = await deps.knowledgePublic.article(ctx, id);
    if (!a) return null;
    // The editors' choice, else the most read of the same category (memoized per category, shared by its articles).
    const chosen = await deps.knowledgePublic.chosenRelated(ctx, a);
    const related = chosen.length > 0 || !a.categoryId ? chosen
      : (await inCategory(ctx, a.categoryId)).filter((r) => r.id !== a.id).slice(0, RELATED);
    return { ...a, bodyHtml: renderMarkdown(a.body), description: plainSummary(a.body), answer: plainSummary(a.body, 1_000), related };
  }

  const inCategory = (ctx: TenantContext, id: string) => inCategoryCache.get(`${ctx.tenantId}:${id}`, () => deps.knowledgePublic.inCategory(ctx, id, IN_CATEGORY));
  const categories = (ctx: TenantContext) => categoriesCache.get(ctx.tenantId, () => deps.knowledgePublic.categories(ctx));
  /** The category's ancestors, top first, then the category itself. */
  const trailOf = (all: readonly CategoryWithCount[], id: string | null) => {
    const trail: CategoryWithCount[] = [];
    for (let c = all.find((x) => x.id === id); c && trail.length < 20; c = all.find((x) => x.id === c!.parentId)) trail.unshift(c);
    return trail;
  };

  return {
    async home(ctx: TenantContext) {
      const [cats, popular] = await Promise.all([categories(ctx), popularCache.get(ctx.tenantId, () => deps.knowledgePublic.popular(ctx, POPULAR))]);
      return { categories: cats, popular };
    },
    /** A category with public articles (null otherwise: unknown, empty or another tenant's). */
    async category(ctx: TenantContext, id: string) {
      const all = await categories(ctx);
      const category = all.find((c) => c.id === id);
      if (!category) return null;
      const articles = await inCategory(ctx, id);
      return { category, trail: trailOf(all, category.parentId), children: all.filter((c) => c.parentId === id), articles };
    },
    /** A public article with its rendered body, related articles and category trail; null when not public. */
    async article(ctx: TenantContext, id: string) {
      const a = await articleCache.get(`${ctx.tenantId}:${id}`, () => loadArticle(ctx, id));
      if (!a) return null;
      return { ...a, trail: trailOf(await categories(ctx), a.categoryId) };
    },
    /**
     * Searches with hits are memoized like pages (popular questions repeat); one without hits always
     * runs, so each is counted as a miss for the editors.
     */
    async search(ctx: TenantContext, q: string, categoryId: string | undefined) {
      const key = `${ctx.tenantId}:${categoryId ?? ''}:${q}`;
      const r = await searchCache.get(key, () => deps.knowledgePublic.search(ctx, q, { limit: SEARCH_LIMIT, categoryId }));
      if (r.hits.length === 0) searchCache.clear(key);
      return r;
    },
    voices: (ctx: TenantContext) => voicesCache.get(ctx.tenantId, () => deps.voices.published(ctx, VOICES)),
    sitemap: (ctx: TenantContext) => sitemapCache.get(ctx.tenantId, () => deps.knowledgePublic.sitemap(ctx, SITEMAP_MAX)),
    /** Counted in memory; written by flushViews (every few seconds while the app runs, and at close). */
    countView: (ctx: TenantContext, id: string) => views.count(ctx.tenantId, id),
    flushViews: () => views.flush(),
    vote: (ctx: TenantContext, id: string, helpful: boolean) => deps.knowledgePublic.vote(ctx, id, helpful),
    /** After an admin's change on this node (voices), show it at once. */
    forget(tenantId: string) {
      voicesCache.clear(tenantId);
    },
  };
}
export type PortalReaderService = ReturnType<typeof createPortalReaderService>;
