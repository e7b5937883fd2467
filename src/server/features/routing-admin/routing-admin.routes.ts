import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/access.plugin.js';
import { errorResponses, idParams, noContent } from '../../platform/http.schemas.js';
import { hoursBody, hoursDto, hoursPreviewDto, hoursPreviewQuery } from './business-hours.schemas.js';
import type { RoutingAdminService } from './routing-admin.service.js';
import {
  agentBody, agentDto, createQueueBody, createReasonCodeBody, itemsOf, queueDto, reasonCodeDto, reasonCodeQuery, skillBody, skillDto,
  updateQueueBody, updateReasonCodeBody, userIdParams,
} from './routing-admin.schemas.js';

const BASE = '/api/v1/routing';
// Configuration is read by supervisors, HQ and admins (routing:monitor); reason codes also by
// agents, whose desktop offers them as break reasons and dispositions (routing:work).
const read = { access: 'routing:monitor' } as const;
const write = { access: 'routing:admin' } as const;

export async function routingAdminRoutes(app: FastifyInstance, opts: { routingAdmin: RoutingAdminService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = opts.routingAdmin;
  const tags = ['routing admin'];
  const deleted = { tags, params: idParams, response: { 204: noContent, ...errorResponses } };

  // ------------------------------------------------------------ skills
  r.get(`${BASE}/skills`, { schema: { tags, summary: 'Skills of the tenant', response: { 200: itemsOf(skillDto), ...errorResponses } }, config: read },
    async (request) => svc.listSkills(ctxOf(request)));
  r.post(`${BASE}/skills`, { schema: { tags, summary: 'Add a skill (409 if the name is taken)', body: skillBody, response: { 201: skillDto, ...errorResponses } }, config: write },
    async (request, reply) => reply.status(201).send(await svc.createSkill(ctxOf(request), request.body)));
  r.patch(`${BASE}/skills/:id`, { schema: { tags, summary: 'Rename a skill', params: idParams, body: skillBody, response: { 200: skillDto, ...errorResponses } }, config: write },
    async (request) => svc.renameSkill(ctxOf(request), request.params.id, request.body));
  r.delete(`${BASE}/skills/:id`, { schema: { ...deleted, summary: 'Delete a skill (409 while a queue requires it)' }, config: write },
    async (request, reply) => {
      await svc.deleteSkill(ctxOf(request), request.params.id);
      return reply.status(204).send(null);
    });

  // ------------------------------------------------------------ business hours
  r.get(`${BASE}/hours`, { schema: { tags, summary: 'Business hours of the tenant', response: { 200: itemsOf(hoursDto), ...errorResponses } }, config: read },
    async (request) => svc.listHours(ctxOf(request)));
  r.post(`${BASE}/hours`, { schema: { tags, summary: 'Add business hours (400 lists every problem)', body: hoursBody, response: { 201: hoursDto, ...errorResponses } }, config: write },
    async (request, reply) => reply.status(201).send(await svc.createHours(ctxOf(request), request.body)));
  r.get(`${BASE}/hours/:id`, { schema: { tags, params: idParams, response: { 200: hoursDto, ...errorResponses } }, config: read },
    async (request) => svc.getHours(ctxOf(request), request.params.id));
  r.put(`${BASE}/hours/:id`, { schema: { tags, summary: 'Replace name and spec', params: idParams, body: hoursBody, response: { 200: hoursDto, ...errorResponses } }, config: write },
    async (request) => svc.replaceHours(ctxOf(request), request.params.id, request.body));
  r.delete(`${BASE}/hours/:id`, { schema: { ...deleted, summary: 'Delete business hours (409 while a queue uses them)' }, config: write },
    async (request, reply) => {
      await svc.deleteHours(ctxOf(request), request.params.id);
      return reply.status(204).send(null);
    });
  r.get(`${BASE}/hours/:id/preview`, {
    schema: { tags, summary: 'Day by day: which rule decides, opening intervals, holidays by name', params: idParams, querystring: hoursPreviewQuery, response: { 200: hoursPreviewDto, ...errorResponses } },
    config: read,
  }, async (request) => svc.previewHours(ctxOf(request), request.params.id, request.query));

  // ------------------------------------------------------------ queues
  r.get(`${BASE}/queues`, { schema: { tags, summary: 'Queues of the tenant', response: { 200: itemsOf(queueDto), ...errorResponses } }, config: read },
    async (request) => svc.listQueues(ctxOf(request)));
  r.post(`${BASE}/queues`, {
    schema: { tags, summary: 'Add a queue; skills, overflow targets and hours must be the tenant\'s (400)', body: createQueueBody, response: { 201: queueDto, ...errorResponses } },
    config: write,
  }, async (request, reply) => reply.status(201).send(await svc.createQueue(ctxOf(request), request.body)));
  r.get(`${BASE}/queues/:id`, { schema: { tags, params: idParams, response: { 200: queueDto, ...errorResponses } }, config: read },
    async (request) => svc.getQueue(ctxOf(request), request.params.id));
  r.patch(`${BASE}/queues/:id`, { schema: { tags, summary: 'Change a queue', params: idParams, body: updateQueueBody, response: { 200: queueDto, ...errorResponses } }, config: write },
    async (request) => svc.updateQueue(ctxOf(request), request.params.id, request.body));
  r.delete(`${BASE}/queues/:id`, { schema: { ...deleted, summary: 'Delete a queue (409 while another overflows into it or contacts refer to it)' }, config: write },
    async (request, reply) => {
      await svc.deleteQueue(ctxOf(request), request.params.id);
      return reply.status(204).send(null);
    });

  // ------------------------------------------------------------ agents
  r.get(`${BASE}/agents`, { schema: { tags, summary: 'Agents and supervisors with capacity, blocking and their skills in this tenant', response: { 200: itemsOf(agentDto), ...errorResponses } }, config: read },
    async (request) => svc.listAgents(ctxOf(request)));
  r.put(`${BASE}/agents/:userId`, {
    schema: { tags, summary: 'Set capacity and blocking (center-wide) and replace the agent\'s skills in this tenant', params: userIdParams, body: agentBody, response: { 200: agentDto, ...errorResponses } },
    config: write,
  }, async (request) => svc.putAgent(ctxOf(request), request.params.userId, request.body));

  // ------------------------------------------------------------ reason codes
  r.get(`${BASE}/reason-codes`, {
    schema: { tags, summary: 'Break reasons and disposition codes', querystring: reasonCodeQuery, response: { 200: itemsOf(reasonCodeDto), ...errorResponses } },
    config: { access: 'routing:work' },
  }, async (request) => svc.listReasonCodes(ctxOf(request), request.query));
  r.post(`${BASE}/reason-codes`, { schema: { tags, summary: 'Add a code (409 if kind and code are taken)', body: createReasonCodeBody, response: { 201: reasonCodeDto, ...errorResponses } }, config: write },
    async (request, reply) => reply.status(201).send(await svc.createReasonCode(ctxOf(request), request.body)));
  r.patch(`${BASE}/reason-codes/:id`, { schema: { tags, params: idParams, body: updateReasonCodeBody, response: { 200: reasonCodeDto, ...errorResponses } }, config: write },
    async (request) => svc.updateReasonCode(ctxOf(request), request.params.id, request.body));
  r.delete(`${BASE}/reason-codes/:id`, { schema: { ...deleted, summary: 'Delete a code' }, config: write },
    async (request, reply) => {
      await svc.deleteReasonCode(ctxOf(request), request.params.id);
      return reply.status(204).send(null);
    });
}
