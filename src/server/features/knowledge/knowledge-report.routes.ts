import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/access.plugin.js';
import { errorResponses } from '../../platform/http.schemas.js';
import type { KnowledgeReportService } from './knowledge-report.service.js';
import { usageDto, usageQuery } from './knowledge-report.schemas.js';

export async function knowledgeReportRoutes(app: FastifyInstance, opts: { reports: KnowledgeReportService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/knowledge/reports/usage', {
    schema: {
      tags: ['knowledge'], summary: 'Usage: views (all time), helpful votes by source (console/portal) in the period, unread articles, searches that found nothing',
      querystring: usageQuery, response: { 200: usageDto, ...errorResponses },
    },
    config: { access: 'knowledge:write' },
  }, async (request) => opts.reports.usage(ctxOf(request), request.query));
}
