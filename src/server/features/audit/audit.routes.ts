import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/access.plugin.js';
import { errorResponses, pageFields, pageOf } from '../../platform/http.schemas.js';
import type { AuditService } from './audit.service.js';

const auditQuery = z.object({
  entity: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  ...pageFields,
});
const auditDto = z.object({
  id: z.string(), action: z.string(), entity: z.string(), entityId: z.string().nullable(), actorUserId: z.string().nullable(),
  actorTokenId: z.string().nullable(), ip: z.string().nullable(), at: z.string(), changes: z.unknown(),
});

export async function auditRoutes(app: FastifyInstance, opts: { audit: AuditService }) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/v1/audit', {
    schema: { tags: ['audit'], summary: 'Audit log of the active tenant (admins)', querystring: auditQuery, response: { 200: pageOf(auditDto), ...errorResponses } },
    config: { access: 'audit:read' },
  }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    return opts.audit.list(ctxOf(request), filter, page, pageSize);
  });
}
