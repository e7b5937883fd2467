import type { z } from 'zod';
import { AppError, notFound } from '../../platform/app-error.js';
import type { Clock } from '../../platform/clock.js';
import type { IdGenerator } from '../../platform/ids.js';
import type { TenantContext } from '../../platform/principal.js';
import type { AuditService } from '../audit/audit.service.js';
import type { OrderLineRow, OrderRepository, OrderRow } from './order.repository.js';
import type { createOrderBody, updateOrderBody, OrderDto } from './order.schemas.js';

interface Deps {
  repo: OrderRepository;
  audit: AuditService;
  ids: IdGenerator;
  clock: Clock;
  assertCustomer: (ctx: TenantContext, id: string) => Promise<void>;
  assertProduct: (ctx: TenantContext, id: string) => Promise<void>;
}

function toDto(o: OrderRow, lines: OrderLineRow[]): OrderDto {
  return {
    id: o.id, customerId: o.customerId, orderNumber: o.orderNumber, orderedAt: o.orderedAt.toISOString(), status: o.status,
    channel: o.channel, totalJpy: o.totalJpy,
    lines: lines.filter((l) => l.orderId === o.id).map((l) => ({ id: l.id, productId: l.productId, sku: l.sku, name: l.name, quantity: l.quantity, unitPriceJpy: l.unitPriceJpy })),
  };
}

/** Purchases and mail-order orders. Card data never reaches this service (nor any other). */
export function createOrderService(deps: Deps) {
  const { repo } = deps;
  async function withLines(ctx: TenantContext, rows: OrderRow[]) {
    const lines = await repo.linesOf(ctx.tenantId, rows.map((o) => o.id));
    return rows.map((o) => toDto(o, lines));
  }

  return {
    async createOrder(ctx: TenantContext, input: z.output<typeof createOrderBody>) {
      const v = input;
      await deps.assertCustomer(ctx, v.customerId);
      for (const l of v.lines) if (l.productId) await deps.assertProduct(ctx, l.productId);
      const now = deps.clock.now();
      const id = deps.ids();
      const orderNumber = v.orderNumber ?? `O${now.toISOString().slice(0, 10).replaceAll('-', '')}-${id.slice(-8).toUpperCase()}`;
      const total = v.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceJpy, 0);
      const o = await repo.insert(
        { id, tenantId: ctx.tenantId, customerId: v.customerId, orderNumber, orderedAt: v.orderedAt ?? now, status: v.status, channel: v.channel ?? null, totalJpy: total, createdAt: now, updatedAt: now },
        v.lines.map((l, i) => ({ id: deps.ids(), tenantId: ctx.tenantId, orderId: id, productId: l.productId ?? null, sku: l.sku ?? null, name: l.name, quantity: l.quantity, unitPriceJpy: l.unitPriceJpy, position: i })),
      );
      if (!o) throw new AppError('duplicate', `Order number ${orderNumber} already exists`);
      await deps.audit.record(ctx, { action: 'order.create', entity: 'order', entityId: id });
      return (await withLines(ctx, [o]))[0]!;
    },
    async updateOrder(ctx: TenantContext, id: string, input: z.output<typeof updateOrderBody>) {
      const v = input;
      const o = await repo.updateStatus(ctx.tenantId, id, v.status, deps.clock.now());
      if (!o) throw notFound('Order');
      await deps.audit.record(ctx, { action: 'order.update', entity: 'order', entityId: id, changes: { status: v.status } });
      return (await withLines(ctx, [o]))[0]!;
    },
    async deleteOrder(ctx: TenantContext, id: string) {
      if (!(await repo.delete(ctx.tenantId, id))) throw notFound('Order');
      await deps.audit.record(ctx, { action: 'order.delete', entity: 'order', entityId: id });
    },
    async getOrder(ctx: TenantContext, id: string) {
      const o = await repo.findById(ctx.tenantId, id);
      if (!o) throw notFound('Order');
      return (await withLines(ctx, [o]))[0]!;
    },
    async listOrders(ctx: TenantContext, filter: { customerId?: string | undefined }, page: number, pageSize: number) {
      if (filter.customerId) await deps.assertCustomer(ctx, filter.customerId);
      const [items, total] = await Promise.all([repo.page(ctx.tenantId, filter.customerId, pageSize, (page - 1) * pageSize), repo.count(ctx.tenantId, filter.customerId)]);
      return { items: await withLines(ctx, items), page, pageSize, total };
    },
    /** For the 360 view of an already-loaded customer. */
    async recentOrdersOfLoadedCustomer(ctx: TenantContext, customerId: string, limit: number) {
      return withLines(ctx, await repo.page(ctx.tenantId, customerId, limit, 0));
    },
  };
}
export type OrderService = ReturnType<typeof createOrderService>;
