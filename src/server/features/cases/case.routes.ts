import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/access.plugin.js';
import { errorResponses, noContent, idParams, pageOf } from '../../platform/http.schemas.js';
import type { CaseService } from './case.service.js';
import { caseDetailDto, caseDto, caseQuery, createCaseBody, updateCaseBody } from './case.schemas.js';

export async function caseRoutes(app: FastifyInstance, opts: { cases: CaseService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { cases } = opts;
  const tags = ['cases'];
  r.get('/api/v1/cases', {
    schema: { tags, summary: 'Cases with filters (status and priority repeatable, overdue, owner, customer, text or number)', querystring: caseQuery, response: { 200: pageOf(caseDto), ...errorResponses } },
    config: { access: 'cases:read' },
  }, async (request) => cases.listCases(ctxOf(request), request.query));
  r.post('/api/v1/cases', {
    schema: { tags, summary: 'Open a case, optionally from an interaction', body: createCaseBody, response: { 201: caseDto, ...errorResponses } },
    config: { access: 'cases:write' },
  }, async (request, reply) => reply.status(201).send(await cases.createCase(ctxOf(request), request.body)));
  r.get('/api/v1/cases/:id', {
    schema: { tags, summary: 'A case with its interactions', params: idParams, response: { 200: caseDetailDto, ...errorResponses } },
    config: { access: 'cases:read' },
  }, async (request) => cases.getCase(ctxOf(request), request.params.id));
  r.patch('/api/v1/cases/:id', {
    schema: { tags, summary: 'Update a case; status moves follow the workflow (409 otherwise)', params: idParams, body: updateCaseBody, response: { 200: caseDto, ...errorResponses } },
    config: { access: 'cases:write' },
  }, async (request) => cases.updateCase(ctxOf(request), request.params.id, request.body));
  r.delete('/api/v1/cases/:id', {
    schema: { tags, params: idParams, response: { 204: noContent, ...errorResponses } },
    config: { access: 'cases:delete' },
  }, async (request, reply) => {
    await cases.deleteCase(ctxOf(request), request.params.id);
    return reply.status(204).send(null);
  });
}
