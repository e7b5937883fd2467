import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/access.plugin.js';
import { errorResponses, idParams } from '../../platform/http.schemas.js';
import type { CallLogService } from './call-log.service.js';
import { callDto, callLogQuery, callPageDto } from './call-log.schemas.js';

/**
 * The call log (通話履歴) over every telephony provider. Callers' numbers are customer data, so the
 * routes need `customers:read`; within it, agents see their own calls only (see the service).
 */
export async function callLogRoutes(app: FastifyInstance, opts: { calls: CallLogService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { calls } = opts;
  const tags = ['telephony'];
  const config = { access: 'customers:read' as const };

  r.get('/api/v1/calls', {
    schema: { tags, summary: 'Calls, newest first (agents: their own); page on with nextCursor', querystring: callLogQuery, response: { 200: callPageDto, ...errorResponses } },
    config,
  }, async (request) => calls.listCalls(ctxOf(request), request.query));

  r.get('/api/v1/calls/:id', {
    schema: { tags, summary: 'One call', params: idParams, response: { 200: callDto, ...errorResponses } },
    config,
  }, async (request) => calls.getCall(ctxOf(request), request.params.id));

  r.post('/api/v1/calls/:id/customer', {
    schema: {
      tags, summary: 'Links the customer registered or found for a caller the call did not identify (with its interaction and contact); 409 when linked to another',
      params: idParams, body: z.object({ customerId: z.uuid() }), response: { 200: callDto, ...errorResponses },
    },
    config: { access: 'customers:write' as const },
  }, async (request) => calls.linkCustomer(ctxOf(request), request.params.id, request.body.customerId));

  r.get('/api/v1/calls/:id/recording', {
    schema: { tags, summary: 'Redirects (302) to the call\'s recording; 404 without one', params: idParams, response: { 302: z.null().describe('Redirect to the recording'), ...errorResponses } },
    config,
  }, async (request, reply) => reply.redirect(await calls.recordingLocation(ctxOf(request), request.params.id), 302));
}
