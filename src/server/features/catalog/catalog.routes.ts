import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/access.plugin.js';
import { errorResponses, noContent, idParams, pageOf } from '../../platform/http.schemas.js';
import type { CatalogService } from './catalog.service.js';
import { ownedProductBody, ownedProductDto, ownedProductPatchBody, productBody, productDto, productPatchBody, productQuery } from './catalog.schemas.js';

export async function catalogRoutes(app: FastifyInstance, opts: { catalog: CatalogService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { catalog } = opts;
  const tags = ['products'];

  r.get('/api/v1/products', {
    schema: { tags, summary: 'Catalog', querystring: productQuery, response: { 200: pageOf(productDto), ...errorResponses } },
    config: { access: 'catalog:read' },
  }, async (request) => catalog.listProducts(ctxOf(request), request.query.q, request.query.page, request.query.pageSize));
  r.post('/api/v1/products', {
    schema: { tags, summary: 'Add a product', body: productBody, response: { 201: productDto, ...errorResponses } },
    config: { access: 'catalog:write' },
  }, async (request, reply) => reply.status(201).send(await catalog.createProduct(ctxOf(request), request.body)));
  r.get('/api/v1/products/:id', {
    schema: { tags, params: idParams, response: { 200: productDto, ...errorResponses } },
    config: { access: 'catalog:read' },
  }, async (request) => catalog.getProduct(ctxOf(request), request.params.id));
  r.patch('/api/v1/products/:id', {
    schema: { tags, params: idParams, body: productPatchBody, response: { 200: productDto, ...errorResponses } },
    config: { access: 'catalog:write' },
  }, async (request) => catalog.updateProduct(ctxOf(request), request.params.id, request.body));
  r.delete('/api/v1/products/:id', {
    schema: { tags, params: idParams, response: { 204: noContent, ...errorResponses } },
    config: { access: 'catalog:write' },
  }, async (request, reply) => {
    await catalog.deleteProduct(ctxOf(request), request.params.id);
    return reply.status(204).send(null);
  });

  const owned = ['owned products'];
  r.get('/api/v1/customers/:id/owned-products', {
    schema: { tags: owned, summary: 'Products a customer owns, with serial numbers', params: idParams, response: { 200: z.object({ items: z.array(ownedProductDto) }), ...errorResponses } },
    config: { access: 'customers:read' },
  }, async (request) => ({ items: await catalog.listOwnedByCustomer(ctxOf(request), request.params.id) }));
  r.post('/api/v1/customers/:id/owned-products', {
    schema: { tags: owned, summary: 'Register a product a customer owns', params: idParams, body: ownedProductBody, response: { 201: ownedProductDto, ...errorResponses } },
    config: { access: 'customers:write' },
  }, async (request, reply) => reply.status(201).send(await catalog.addOwnedProduct(ctxOf(request), request.params.id, request.body)));
  r.patch('/api/v1/owned-products/:id', {
    schema: { tags: owned, params: idParams, body: ownedProductPatchBody, response: { 200: ownedProductDto, ...errorResponses } },
    config: { access: 'customers:write' },
  }, async (request) => catalog.updateOwnedProduct(ctxOf(request), request.params.id, request.body));
  r.delete('/api/v1/owned-products/:id', {
    schema: { tags: owned, params: idParams, response: { 204: noContent, ...errorResponses } },
    config: { access: 'customers:write' },
  }, async (request, reply) => {
    await catalog.deleteOwnedProduct(ctxOf(request), request.params.id);
    return reply.status(204).send(null);
  });
}
