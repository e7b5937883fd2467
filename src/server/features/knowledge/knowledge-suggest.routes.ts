import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { hasPermission } from '../../../core/auth/permissions.js';
import { AppError } from '../../platform/app-error.js';
import { ctxOf } from '../../platform/access.plugin.js';
import { errorResponses } from '../../platform/http.schemas.js';
import type { KnowledgeSuggestService } from './knowledge-suggest.service.js';
import { suggestBody, suggestDto } from './knowledge-suggest.schemas.js';

export async function knowledgeSuggestRoutes(app: FastifyInstance, opts: { suggest: KnowledgeSuggestService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/api/v1/knowledge/suggest', {
    schema: {
      tags: ['knowledge'], summary: 'Agent assist: up to 5 published articles for a customer message, with a plain-text answer to paste',
      body: suggestBody, response: { 200: suggestDto, ...errorResponses },
    },
    // An operator's tool (agents, supervisors, admins, HQ), like votes: client viewers only read articles.
    config: { access: 'knowledge:feedback' },
  }, async (request) => {
    const ctx = ctxOf(request);
    // Boosting by a customer's products reads that customer: only for roles that may.
    if (request.body.customerId && !hasPermission(ctx.role, 'customers:read')) {
      throw new AppError('forbidden', `Role "${ctx.role}" may not read customers: leave out customerId`);
    }
    return opts.suggest.suggest(ctx, request.body);
  });
}
