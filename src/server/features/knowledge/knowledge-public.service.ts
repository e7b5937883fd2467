import { countSubtrees, subtreeIds } from '../../../core/portal/category-tree.js';
import { staleReasons, type StaleCutoffs } from '../../../core/portal/freshness.js';
import type { TenantContext } from '../../platform/principal.js';
import type { KnowledgePublicRepository } from './knowledge-public.repository.js';
import type { KnowledgeService } from './knowledge.service.js';

interface Deps {
  repo: KnowledgePublicRepository;
  knowledge: KnowledgeService;
}

const RELATED = 5;

/**
 * Knowledge as the public sees it (the FAQ portal): only public, published, unarchived articles.
 * Search, votes and views go through the knowledge service with the 'portal' audience and source.
 */
export function createKnowledgePublicService(deps: Deps) {
  const { repo, knowledge } = deps;
  return {
    /** Categories that hold public articles (counted with their subcategories), in tree order. */
    async categories(ctx: TenantContext) {
      const [all, direct] = await Promise.all([knowledge.categories(ctx), repo.countsByCategory(ctx.tenantId)]);
      const counts = new Map([...direct].filter((e): e is [string, number] => e[0] !== null));
      return countSubtrees(all, counts).filter((c) => c.count > 0);
    },
    popular: (ctx: TenantContext, limit: number) => repo.popular(ctx.tenantId, limit),
    /** The most read articles of a category and its subcategories. */
    async inCategory(ctx: TenantContext, categoryId: string, limit: number) {
      const all = await knowledge.categories(ctx);
      return repo.popular(ctx.tenantId, limit, subtreeIds(all, categoryId));
    },
    /** A public article, or null (internal, draft, archived, another tenant's, unknown: all the same). */
    article: (ctx: TenantContext, id: string) => repo.findPublic(ctx.tenantId, id),
    /** The editors' related articles that are public, in their order. */
    async chosenRelated(ctx: TenantContext, article: { id: string; relatedIds: string[] }) {
      const ids = article.relatedIds.filter((id) => id !== article.id).slice(0, RELATED);
      const found = await repo.publicByIds(ctx.tenantId, ids);
      return ids.map((id) => found.find((c) => c.id === id)).filter((c) => c !== undefined);
    },
    /** Public hits only; a search that finds nothing is counted with source 'portal'. */
    async search(ctx: TenantContext, q: string, opts: { limit: number; categoryId?: string | undefined }) {
      const r = await knowledge.search(ctx, q, { audience: 'portal', limit: opts.limit, ...(opts.categoryId ? { categoryId: opts.categoryId } : {}) });
      return { terms: r.query.terms.map((t) => t.text), hits: r.hits.filter((h) => h.visibility === 'public' && h.status !== 'archived') };
    },
    vote: (ctx: TenantContext, id: string, helpful: boolean) => knowledge.feedback(ctx, id, { helpful, source: 'portal' }),
    /** Views counted elsewhere (the portal's buffer), added in one go per tenant: many visitors' readings, so no one visitor's context. */
    addViews: (tenantId: string, counts: ReadonlyMap<string, number>) => repo.addViews(tenantId, counts),
    sitemap: (ctx: TenantContext, limit: number) => repo.sitemap(ctx.tenantId, limit),
    /** Stale public articles with the reasons, oldest first. */
    async stale(ctx: TenantContext, cutoffs: StaleCutoffs, limit: number) {
      return (await repo.stale(ctx.tenantId, cutoffs, limit)).map((r) => ({ ...r, reasons: staleReasons(r, cutoffs) }));
    },
    freshness: (ctx: TenantContext, cutoffs: StaleCutoffs) => repo.freshness(ctx.tenantId, cutoffs),
    portalVotes: (ctx: TenantContext, since: Date) => repo.portalVotes(ctx.tenantId, since),
    portalMisses: (ctx: TenantContext, since: Date, limit: number) => repo.portalMisses(ctx.tenantId, since, limit),
  };
}
export type KnowledgePublicService = ReturnType<typeof createKnowledgePublicService>;
