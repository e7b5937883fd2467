import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/access.plugin.js';
import { errorResponses, noContent, idParams, pageOf } from '../../platform/http.schemas.js';
import type { InteractionService } from './interaction.service.js';
import { createInteractionBody, interactionDto, interactionQuery, updateInteractionBody } from './interaction.schemas.js';

export async function interactionRoutes(app: FastifyInstance, opts: { interactions: InteractionService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { interactions } = opts;
  const tags = ['interactions'];
  r.get('/api/v1/interactions', {
    schema: { tags, summary: 'Interactions on every channel, newest first', querystring: interactionQuery, response: { 200: pageOf(interactionDto), ...errorResponses } },
    config: { access: 'interactions:read' },
  }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    return interactions.listInteractions(ctxOf(request), filter, page, pageSize);
  });
  r.post('/api/v1/interactions', {
    schema: { tags, summary: 'Log an interaction (phone, mail, FAX, postcard, visit …)', body: createInteractionBody, response: { 201: interactionDto, ...errorResponses } },
    config: { access: 'interactions:write' },
  }, async (request, reply) => reply.status(201).send(await interactions.createInteraction(ctxOf(request), request.body)));
  r.get('/api/v1/interactions/:id', {
    schema: { tags, params: idParams, response: { 200: interactionDto, ...errorResponses } },
    config: { access: 'interactions:read' },
  }, async (request) => interactions.getInteraction(ctxOf(request), request.params.id));
  r.patch('/api/v1/interactions/:id', {
    schema: { tags, summary: 'Update notes, disposition, links or timestamps', params: idParams, body: updateInteractionBody, response: { 200: interactionDto, ...errorResponses } },
    config: { access: 'interactions:write' },
  }, async (request) => interactions.updateInteraction(ctxOf(request), request.params.id, request.body));
  r.delete('/api/v1/interactions/:id', {
    schema: { tags, summary: 'Delete an interaction logged by mistake', params: idParams, response: { 204: noContent, ...errorResponses } },
    config: { access: 'interactions:delete' },
  }, async (request, reply) => {
    await interactions.deleteInteraction(ctxOf(request), request.params.id);
    return reply.status(204).send(null);
  });
}
