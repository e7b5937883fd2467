import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/access.plugin.js';
import { errorResponses, noContent, idParams, pageOf } from '../../platform/http.schemas.js';
import type { OrderService } from './order.service.js';
import { createOrderBody, orderDto, orderQuery, updateOrderBody } from './order.schemas.js';

export async function orderRoutes(app: FastifyInstance, opts: { orders: OrderService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { orders } = opts;
  const tags = ['orders'];
  r.get('/api/v1/orders', {
    schema: { tags, summary: 'Orders and purchases, newest first', querystring: orderQuery, response: { 200: pageOf(orderDto), ...errorResponses } },
    config: { access: 'orders:read' },
  }, async (request) => orders.listOrders(ctxOf(request), { customerId: request.query.customerId }, request.query.page, request.query.pageSize));
  r.post('/api/v1/orders', {
    schema: { tags, summary: 'Record an order with its lines (total computed)', body: createOrderBody, response: { 201: orderDto, ...errorResponses } },
    config: { access: 'orders:write' },
  }, async (request, reply) => reply.status(201).send(await orders.createOrder(ctxOf(request), request.body)));
  r.get('/api/v1/orders/:id', {
    schema: { tags, params: idParams, response: { 200: orderDto, ...errorResponses } },
    config: { access: 'orders:read' },
  }, async (request) => orders.getOrder(ctxOf(request), request.params.id));
  r.patch('/api/v1/orders/:id', {
    schema: { tags, summary: 'Change the order status', params: idParams, body: updateOrderBody, response: { 200: orderDto, ...errorResponses } },
    config: { access: 'orders:write' },
  }, async (request) => orders.updateOrder(ctxOf(request), request.params.id, request.body));
  r.delete('/api/v1/orders/:id', {
    schema: { tags, params: idParams, response: { 204: noContent, ...errorResponses } },
    config: { access: 'orders:write' },
  }, async (request, reply) => {
    await orders.deleteOrder(ctxOf(request), request.params.id);
    return reply.status(204).send(null);
  });
}
