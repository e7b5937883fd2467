import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/access.plugin.js';
import { errorResponses, idParams } from '../../platform/http.schemas.js';
import type { CallbackService } from './callback.service.js';
import { callbackDto, callbackQuery, scheduleCallbackBody } from './callback.schemas.js';

export async function callbackRoutes(app: FastifyInstance, opts: { callbacks: CallbackService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['routing'];
  r.post('/api/v1/callbacks', {
    schema: { tags, summary: 'Schedule a callback: at dueAt it is routed like a contact', body: scheduleCallbackBody, response: { 201: callbackDto, ...errorResponses } },
    config: { access: 'routing:work' },
  }, async (request, reply) => reply.status(201).send(await opts.callbacks.schedule(ctxOf(request), request.body)));
  r.get('/api/v1/callbacks', {
    schema: { tags, querystring: callbackQuery, response: { 200: z.object({ items: z.array(callbackDto) }), ...errorResponses } },
    config: { access: 'routing:work' },
  }, async (request) => ({ items: await opts.callbacks.list(ctxOf(request), request.query.status) }));
  r.delete('/api/v1/callbacks/:id', {
    schema: { tags, summary: 'Cancel a scheduled callback', params: idParams, response: { 200: callbackDto, ...errorResponses } },
    config: { access: 'routing:work' },
  }, async (request) => opts.callbacks.cancel(ctxOf(request), request.params.id));
}
