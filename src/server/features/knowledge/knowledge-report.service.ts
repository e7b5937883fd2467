import { fromLocalTime } from '../../../core/routing/business-hours.js';
import { summarizeUsage } from '../../../core/knowledge/usage-report.js';
import type { TenantContext } from '../../platform/principal.js';
import type { KnowledgeReportRepository } from './knowledge-report.repository.js';

const TOP_MISSES = 20;

/** The day after a "YYYY-MM-DD" date. */
const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** How the knowledge base is used: reads, votes by audience, unread articles, searches that found nothing. */
export function createKnowledgeReportService(deps: { repo: KnowledgeReportRepository }) {
  return {
    /** Votes and misses of the local days from..to (tenant time zone); views are the articles' all-time counters. */
    async usage(ctx: TenantContext, period: { from: string; to: string }) {
      const start = new Date(fromLocalTime(period.from, 0, ctx.timeZone));
      const end = new Date(fromLocalTime(nextDate(period.to), 0, ctx.timeZone));
      const [rows, misses] = await Promise.all([deps.repo.articleUsage(ctx.tenantId, start, end), deps.repo.misses(ctx.tenantId, start, end, TOP_MISSES)]);
      const summary = summarizeUsage(rows.map((r) => ({
        id: r.id, title: r.title, visibility: r.visibility, views: r.views,
        console: { helpful: r.consoleHelpful, notHelpful: r.consoleNotHelpful }, portal: { helpful: r.portalHelpful, notHelpful: r.portalNotHelpful },
      })));
      return {
        from: period.from, to: period.to, timeZone: ctx.timeZone, ...summary,
        topMisses: misses.map((m) => ({ query: m.query, source: m.source, count: m.count, lastAt: m.lastAt.toISOString() })),
      };
    },
  };
}
export type KnowledgeReportService = ReturnType<typeof createKnowledgeReportService>;
