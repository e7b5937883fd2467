import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/access.plugin.js';
import { errorResponses, noContent, idParams, pageOf } from '../../platform/http.schemas.js';
import type { CustomerService } from './customer.service.js';
import type { CustomerOverviewService } from './customer-overview.service.js';
import { customerOverviewDto } from './customer-overview.schemas.js';
import {
  addContactPointBody, contactPointDto, createCustomerBody, customerDto, customerSearchQuery, customerSummaryDto, lookupQuery, updateCustomerBody,
} from './customer.schemas.js';

export async function customerRoutes(app: FastifyInstance, opts: { customers: CustomerService; overview: CustomerOverviewService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { customers, overview } = opts;
  const tags = ['customers'];

  r.get('/api/v1/customers', {
    schema: { tags, summary: 'Search customers by name, kana (any width/script), phone (any format), e-mail or serial number', querystring: customerSearchQuery, response: { 200: pageOf(customerSummaryDto), ...errorResponses } },
    config: { access: 'customers:read' },
  }, async (request) => customers.searchCustomers(ctxOf(request), request.query.q, request.query.page, request.query.pageSize));

  r.get('/api/v1/customers/lookup', {
    schema: { tags, summary: 'Screen pop: everything about the customer with this phone, serial or e-mail in one response', querystring: lookupQuery, response: { 200: customerOverviewDto, ...errorResponses } },
    config: { access: 'customers:read' },
  }, async (request) => overview.lookup(ctxOf(request), request.query));

  r.post('/api/v1/customers', {
    schema: { tags, summary: 'Create a customer with phones and e-mails', body: createCustomerBody, response: { 201: customerDto, ...errorResponses } },
    config: { access: 'customers:write' },
  }, async (request, reply) => reply.status(201).send(await customers.createCustomer(ctxOf(request), request.body)));

  r.get('/api/v1/customers/:id', {
    schema: { tags, summary: 'One customer', params: idParams, response: { 200: customerDto, ...errorResponses } },
    config: { access: 'customers:read' },
  }, async (request) => customers.getCustomer(ctxOf(request), request.params.id));

  r.get('/api/v1/customers/:id/overview', {
    schema: { tags, summary: 'Customer 360: profile, contact points, products, orders, interactions, open cases', params: idParams, response: { 200: customerOverviewDto, ...errorResponses } },
    config: { access: 'customers:read' },
  }, async (request) => overview.getOverview(ctxOf(request), request.params.id));

  r.patch('/api/v1/customers/:id', {
    schema: { tags, summary: 'Update a customer', params: idParams, body: updateCustomerBody, response: { 200: customerDto, ...errorResponses } },
    config: { access: 'customers:write' },
  }, async (request) => customers.updateCustomer(ctxOf(request), request.params.id, request.body));

  r.delete('/api/v1/customers/:id', {
    schema: { tags, summary: 'Delete a customer with contact points, owned products and orders; interactions and cases are kept, unlinked', params: idParams, response: { 204: noContent, ...errorResponses } },
    config: { access: 'customers:delete' },
  }, async (request, reply) => {
    await customers.deleteCustomer(ctxOf(request), request.params.id);
    return reply.status(204).send(null);
  });

  r.get('/api/v1/customers/:id/contact-points', {
    schema: { tags, summary: 'Contact points of a customer', params: idParams, response: { 200: z.object({ items: z.array(contactPointDto) }), ...errorResponses } },
    config: { access: 'customers:read' },
  }, async (request) => ({ items: await customers.listContactPoints(ctxOf(request), request.params.id) }));

  r.post('/api/v1/customers/:id/contact-points', {
    schema: { tags, summary: 'Add a phone, e-mail or LINE user id', params: idParams, body: addContactPointBody, response: { 201: contactPointDto, ...errorResponses } },
    config: { access: 'customers:write' },
  }, async (request, reply) => reply.status(201).send(await customers.addContactPoint(ctxOf(request), request.params.id, request.body)));

  r.delete('/api/v1/contact-points/:id', {
    schema: { tags, summary: 'Remove a contact point', params: idParams, response: { 204: noContent, ...errorResponses } },
    config: { access: 'customers:write' },
  }, async (request, reply) => {
    await customers.deleteContactPoint(ctxOf(request), request.params.id);
    return reply.status(204).send(null);
  });
}
