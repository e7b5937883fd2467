import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/access.plugin.js';
import { errorResponses, idParams } from '../../platform/http.schemas.js';
import type { ContactService } from './contact.service.js';
import { contactDto, contactListQuery, createContactBody, createdContactDto } from './contact.schemas.js';

export async function contactRoutes(app: FastifyInstance, opts: { contacts: ContactService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { contacts } = opts;
  const tags = ['routing'];
  r.post('/api/v1/contacts', {
    schema: {
      tags, summary: 'A new contact enters routing (any channel); idempotent on externalId (201 new, 200 redelivery)',
      body: createContactBody, response: { 200: createdContactDto, 201: createdContactDto, ...errorResponses },
    },
    config: { access: 'contacts:create' },
  }, async (request, reply) => {
    const { created, contact } = await contacts.createContact(ctxOf(request), request.body);
    return reply.status(created ? 201 : 200).send(contact);
  });
  r.get('/api/v1/contacts', {
    schema: { tags, summary: 'Recent contacts, or only those still in routing', querystring: contactListQuery, response: { 200: z.object({ items: z.array(contactDto) }), ...errorResponses } },
    config: { access: 'routing:monitor' },
  }, async (request) => ({ items: await contacts.listContacts(ctxOf(request), request.query) }));
  r.get('/api/v1/contacts/:id', {
    schema: { tags, params: idParams, response: { 200: contactDto, ...errorResponses } },
    config: { access: 'contacts:create' },
  }, async (request) => contacts.getContact(ctxOf(request), request.params.id));
  r.post('/api/v1/contacts/:id/abandon', {
    schema: { tags, summary: 'The customer hung up or left while waiting or ringing (a connected contact ends answered)', params: idParams, response: { 200: contactDto, ...errorResponses } },
    config: { access: 'contacts:create' },
  }, async (request) => contacts.abandon(ctxOf(request), request.params.id));
}
