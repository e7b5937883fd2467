import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/access.plugin.js';
import { errorResponses, idParams, problemSchema } from '../../platform/http.schemas.js';
import type { IvrFlowService } from './ivr-flow.service.js';
import { createIvrFlowBody, ivrFlowDto, ivrTestDto, publishIvrBody, testIvrBody, updateIvrFlowBody } from './ivr-flow.schemas.js';

// 200 nodes of 1,000 characters are ~0.6 MB of JSON, within the app's 1 MB body limit.
const errors = { ...errorResponses, 422: problemSchema };
const summary = z.object({
  id: z.uuid(), name: z.string(), status: z.string(), numbers: z.array(z.string()), publishedVersion: z.number().int().nullable(), latestVersion: z.number().int(), updatedAt: z.string(),
});

export async function ivrFlowRoutes(app: FastifyInstance, opts: { ivrFlows: IvrFlowService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ivrFlows } = opts;
  const tags = ['ivr'];
  const F = '/api/v1/ivr-flows';

  r.get(F, {
    schema: { tags, summary: 'IVR flows with the numbers they answer', response: { 200: z.array(summary), ...errors } },
    config: { access: 'ivr:read' },
  }, async (request) => ivrFlows.listFlows(ctxOf(request)));
  r.post(F, {
    schema: { tags, summary: 'Create a flow (version 1, a draft) for dialled numbers. Saved even with problems; they are listed in latest.problems', body: createIvrFlowBody, response: { 201: ivrFlowDto, ...errors } },
    config: { access: 'ivr:write' },
  }, async (request, reply) => reply.status(201).send(await ivrFlows.createFlow(ctxOf(request), request.body)));
  r.get(`${F}/:id`, {
    schema: { tags, summary: 'A flow with its latest and published versions and their problems', params: idParams, response: { 200: ivrFlowDto, ...errors } },
    config: { access: 'ivr:read' },
  }, async (request) => ivrFlows.getFlow(ctxOf(request), request.params.id));
  r.put(`${F}/:id`, {
    schema: { tags, summary: 'Save a new version on top of baseVersion (409 version_conflict when another was saved meanwhile)', params: idParams, body: updateIvrFlowBody, response: { 200: ivrFlowDto, ...errors } },
    config: { access: 'ivr:write' },
  }, async (request) => ivrFlows.updateFlow(ctxOf(request), request.params.id, request.body));
  r.post(`${F}/:id/publish`, {
    schema: { tags, summary: 'Publish a version for callers (422 naming each node and reason while it has problems)', params: idParams, body: publishIvrBody, response: { 200: ivrFlowDto, ...errors } },
    config: { access: 'ivr:write' },
  }, async (request) => ivrFlows.publish(ctxOf(request), request.params.id, request.body.version));
  r.post(`${F}/:id/test`, {
    schema: { tags, summary: 'Walk a version with typed keys: what the caller hears and what happens (nothing is stored)', params: idParams, body: testIvrBody, response: { 200: ivrTestDto, ...errors } },
    config: { access: 'ivr:read' },
  }, async (request) => ivrFlows.testFlow(ctxOf(request), request.params.id, request.body));
}
