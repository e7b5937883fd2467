import { ageInDays, staleCutoffs } from '../../../core/portal/freshness.js';
import type { Clock } from '../../platform/clock.js';
import type { TenantContext } from '../../platform/principal.js';
import type { KnowledgePublicService } from '../knowledge/knowledge-public.service.js';
import type { PortalRepository } from './portal.repository.js';
import type { PortalSettingsService } from './portal-settings.service.js';

interface Deps {
  repo: PortalRepository;
  settings: PortalSettingsService;
  knowledgePublic: KnowledgePublicService;
  clock: Clock;
}

const DAY_MS = 86_400_000;
const WINDOW_DAYS = 30;
const STALE_LISTED = 500;

/** Is the public content still true? The stale list and the portal's health figures (admins). */
export function createPortalFreshnessService(deps: Deps) {
  async function cutoffs(ctx: TenantContext) {
    const s = await deps.settings.getSettings(ctx);
    return { settings: s, cutoffs: staleCutoffs(deps.clock.now(), ctx.timeZone, s.staleAfterDays) };
  }
  return {
    async stale(ctx: TenantContext) {
      const { settings, cutoffs: c } = await cutoffs(ctx);
      const now = deps.clock.now();
      const rows = await deps.knowledgePublic.stale(ctx, c, STALE_LISTED);
      return {
        staleAfterDays: settings.staleAfterDays, today: c.today,
        items: rows.map((r) => ({
          id: r.id, title: r.title, reviewBy: r.reviewBy, updatedAt: r.updatedAt.toISOString(), ageDays: ageInDays(r.updatedAt, now), views: r.views,
          reasons: r.reasons, owner: r.ownerUserId ? { id: r.ownerUserId, name: r.ownerName, email: r.ownerEmail } : null,
        })),
      };
    },
    async health(ctx: TenantContext) {
      const { settings, cutoffs: c } = await cutoffs(ctx);
      const now = deps.clock.now();
      const since = new Date(now.getTime() - WINDOW_DAYS * DAY_MS);
      const [fresh, votes, misses, submissions] = await Promise.all([
        deps.knowledgePublic.freshness(ctx, c),
        deps.knowledgePublic.portalVotes(ctx, since),
        deps.knowledgePublic.portalMisses(ctx, since, 10),
        deps.repo.contactSubmissions(ctx.tenantId, since),
      ]);
      return {
        enabled: settings.enabled,
        publicArticles: fresh.total,
        staleArticles: fresh.stale,
        oldestArticleAgeDays: fresh.oldest ? ageInDays(fresh.oldest, now) : null,
        last30Days: {
          votes: votes.total, helpfulVotes: votes.helpful, helpfulRatio: votes.total > 0 ? votes.helpful / votes.total : null,
          contactSubmissions: submissions,
          searchesWithoutResults: misses.map((m) => ({ query: m.query, count: m.count, lastAt: m.lastAt.toISOString() })),
        },
      };
    },
  };
}
export type PortalFreshnessService = ReturnType<typeof createPortalFreshnessService>;
