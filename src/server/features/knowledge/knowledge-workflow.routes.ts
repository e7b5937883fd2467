import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/access.plugin.js';
import { errorResponses, idParams } from '../../platform/http.schemas.js';
import type { KnowledgeWorkflowService } from './knowledge-workflow.service.js';
import { approveBody, diffDto, diffQuery, rejectBody, restoreBody, saveDraftBody, versionDto, versionParams, versionSummaryDto, workflowResultDto } from './knowledge-workflow.schemas.js';

const A = '/api/v1/knowledge/articles/:id';

/** Drafts, review, publication, archive, history (knowledge:write edits and submits; knowledge:approve decides). */
export async function knowledgeWorkflowRoutes(app: FastifyInstance, opts: { workflow: KnowledgeWorkflowService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { workflow } = opts;
  const tags = ['knowledge'];
  const moved = { 200: workflowResultDto, ...errorResponses };

  r.put(A, {
    schema: { tags, summary: 'Save a new draft version (readers keep the published one); 409 version_conflict when baseVersion is not the latest', params: idParams, body: saveDraftBody, response: moved },
    config: { access: 'knowledge:write' },
  }, async (request) => workflow.saveDraft(ctxOf(request), request.params.id, request.body));
  r.post(`${A}/submit`, {
    schema: { tags, summary: 'Send the latest draft for review', params: idParams, response: moved },
    config: { access: 'knowledge:write' },
  }, async (request) => workflow.submit(ctxOf(request), request.params.id));
  r.post(`${A}/approve`, {
    schema: { tags, summary: 'Publish the version in review (four-eyes: not your own, except admins)', params: idParams, body: approveBody, response: moved },
    config: { access: 'knowledge:approve' },
  }, async (request) => workflow.approve(ctxOf(request), request.params.id, request.body));
  r.post(`${A}/reject`, {
    schema: { tags, summary: 'Send the version in review back as a draft, with a note', params: idParams, body: rejectBody, response: moved },
    config: { access: 'knowledge:approve' },
  }, async (request) => workflow.reject(ctxOf(request), request.params.id, request.body));
  r.post(`${A}/archive`, {
    schema: { tags, summary: 'Archive: readers and search no longer see the article', params: idParams, response: moved },
    config: { access: 'knowledge:approve' },
  }, async (request) => workflow.archive(ctxOf(request), request.params.id));
  r.post(`${A}/restore`, {
    schema: { tags, summary: 'A new draft with the content of an older version (nothing is overwritten)', params: idParams, body: restoreBody, response: moved },
    config: { access: 'knowledge:write' },
  }, async (request) => workflow.restore(ctxOf(request), request.params.id, request.body));
  r.get(`${A}/versions`, {
    schema: { tags, summary: 'Every version, newest first', params: idParams, response: { 200: z.array(versionSummaryDto), ...errorResponses } },
    config: { access: 'knowledge:write' },
  }, async (request) => workflow.versions(ctxOf(request), request.params.id));
  r.get(`${A}/versions/:v`, {
    schema: { tags, summary: 'One version with its content', params: versionParams, response: { 200: versionDto, ...errorResponses } },
    config: { access: 'knowledge:write' },
  }, async (request) => workflow.version(ctxOf(request), request.params.id, request.params.v));
  r.get(`${A}/diff`, {
    schema: { tags, summary: 'Line diff of two versions, field by field', params: idParams, querystring: diffQuery, response: { 200: diffDto, ...errorResponses } },
    config: { access: 'knowledge:write' },
  }, async (request) => workflow.diff(ctxOf(request), request.params.id, request.query.from, request.query.to));
}
