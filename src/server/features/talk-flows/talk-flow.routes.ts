import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasPermission } from '../../../core/auth/permissions.js';
import { ctxOf } from '../../platform/access.plugin.js';
import { errorResponses, idParams, pageOf, problemSchema } from '../../platform/http.schemas.js';
import type { TalkFlowService } from './talk-flow.service.js';
import {
  createFlowBody, flowDto, flowListQuery, flowSummaryDto, publishBody, runDto, startRunBody, statsDto, statsQuery, stepBody, updateFlowBody,
  versionDto, versionListDto, versionParams,
} from './talk-flow.schemas.js';

// 500 nodes of 2,000 Japanese characters are ~3 MB of JSON: graph saves may exceed the app's 1 MB.
const GRAPH_BODY_LIMIT = 4 * 1024 * 1024;
const errors = { ...errorResponses, 422: problemSchema };

export async function talkFlowRoutes(app: FastifyInstance, opts: { talkFlows: TalkFlowService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { talkFlows } = opts;
  const tags = ['talk-flows'];
  const F = '/api/v1/talk-flows';
  const R = '/api/v1/talk-flow-runs';
  const editor = (role: Parameters<typeof hasPermission>[0]) => hasPermission(role, 'talkflow:write');

  r.get(F, {
    schema: { tags, summary: 'Talk flows (トークスクリプト); agents see the published ones only', querystring: flowListQuery, response: { 200: pageOf(flowSummaryDto), ...errors } },
    config: { access: 'talkflow:read' },
  }, async (request) => {
    const ctx = ctxOf(request);
    return talkFlows.listFlows(ctx, request.query, { editor: editor(ctx.role) });
  });
  r.post(F, {
    bodyLimit: GRAPH_BODY_LIMIT,
    schema: { tags, summary: 'Create a flow (version 1, a draft). Saved even with problems; they are listed in latest.problems', body: createFlowBody, response: { 201: flowDto, ...errors } },
    config: { access: 'talkflow:write' },
  }, async (request, reply) => reply.status(201).send(await talkFlows.createFlow(ctxOf(request), request.body)));
  r.get(`${F}/:id`, {
    schema: { tags, summary: 'A flow with its latest (editors) and published versions', params: idParams, response: { 200: flowDto, ...errors } },
    config: { access: 'talkflow:read' },
  }, async (request) => {
    const ctx = ctxOf(request);
    return talkFlows.getFlow(ctx, request.params.id, { editor: editor(ctx.role) });
  });
  r.put(`${F}/:id`, {
    bodyLimit: GRAPH_BODY_LIMIT,
    schema: { tags, summary: 'Save a new version on top of baseVersion (409 version_conflict when another was saved meanwhile)', params: idParams, body: updateFlowBody, response: { 200: flowDto, ...errors } },
    config: { access: 'talkflow:write' },
  }, async (request) => talkFlows.updateFlow(ctxOf(request), request.params.id, request.body));
  r.post(`${F}/:id/publish`, {
    schema: { tags, summary: 'Publish a version for agents (422 with every problem while it has any)', params: idParams, body: publishBody, response: { 200: flowDto, ...errors } },
    config: { access: 'talkflow:write' },
  }, async (request) => talkFlows.publish(ctxOf(request), request.params.id, request.body.version));
  r.get(`${F}/:id/versions`, {
    schema: { tags, summary: 'Every saved version, newest first', params: idParams, response: { 200: versionListDto, ...errors } },
    config: { access: 'talkflow:write' },
  }, async (request) => talkFlows.listVersions(ctxOf(request), request.params.id));
  r.get(`${F}/:id/versions/:version`, {
    schema: { tags, summary: 'One version with its problems', params: versionParams, response: { 200: versionDto, ...errors } },
    config: { access: 'talkflow:write' },
  }, async (request) => talkFlows.getVersion(ctxOf(request), request.params.id, request.params.version));
  r.post(`${F}/:id/archive`, {
    schema: { tags, summary: 'Archive a flow: no new runs, no edits (runs in progress may finish)', params: idParams, response: { 200: flowDto, ...errors } },
    config: { access: 'talkflow:write' },
  }, async (request) => talkFlows.archive(ctxOf(request), request.params.id));
  r.get(`${F}/:id/stats`, {
    schema: { tags, summary: 'Where calls go: visits, drop-offs, answers, outcomes and escalation share per answer (published version by default)', params: idParams, querystring: statsQuery, response: { 200: statsDto, ...errors } },
    config: { access: 'talkflow:write' },
  }, async (request) => talkFlows.stats(ctxOf(request), request.params.id, request.query));

  r.post(`${F}/:id/runs`, {
    schema: { tags, summary: 'Start the published version on a contact (interaction and customer of this tenant)', params: idParams, body: startRunBody, response: { 201: runDto, ...errors } },
    config: { access: 'talkflow:run' },
  }, async (request, reply) => reply.status(201).send(await talkFlows.startRun(ctxOf(request), request.params.id, request.body)));
  r.get(`${R}/:id`, {
    schema: { tags, summary: 'A run: its path and the node on screen', params: idParams, response: { 200: runDto, ...errors } },
    config: { access: 'talkflow:read' },
  }, async (request) => talkFlows.getRun(ctxOf(request), request.params.id));
  r.post(`${R}/:id/steps`, {
    schema: { tags, summary: '{ choiceId } answers, {} goes on from information, { back: true } undoes a step; an end node completes the run', params: idParams, body: stepBody, response: { 200: runDto, ...errors } },
    config: { access: 'talkflow:run' },
  }, async (request) => talkFlows.step(ctxOf(request), request.params.id, request.body));
  r.post(`${R}/:id/abandon`, {
    schema: { tags, summary: 'Stop a run before its end (counted as a drop-off at the node on screen)', params: idParams, response: { 200: runDto, ...errors } },
    config: { access: 'talkflow:run' },
  }, async (request) => talkFlows.abandon(ctxOf(request), request.params.id));
  r.get('/api/v1/interactions/:id/talk-flow-runs', {
    schema: { tags, summary: 'The talk flows followed on an interaction, oldest first', params: idParams, response: { 200: z.array(runDto), ...errors } },
    config: { access: 'talkflow:read' },
  }, async (request) => talkFlows.runsOfInteraction(ctxOf(request), request.params.id));
}
