import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { orderLines, orders } from '../../db/schema.js';

export type OrderRow = typeof orders.$inferSelect;
export type OrderLineRow = typeof orderLines.$inferSelect;

export function createOrderRepository(db: Db) {
  return {
    async insert(order: typeof orders.$inferInsert, lines: (typeof orderLines.$inferInsert)[]) {
      return db.transaction(async (tx) => {
        const [o] = await tx.insert(orders).values(order).onConflictDoNothing().returning();
        if (!o) return null;
        await tx.insert(orderLines).values(lines);
        return o;
      });
    },
    async updateStatus(tenantId: string, id: string, status: string, at: Date) {
      const [o] = await db.update(orders).set({ status, updatedAt: at }).where(and(eq(orders.tenantId, tenantId), eq(orders.id, id))).returning();
      return o ?? null;
    },
    async delete(tenantId: string, id: string) {
      const rows = await db.delete(orders).where(and(eq(orders.tenantId, tenantId), eq(orders.id, id))).returning({ id: orders.id });
      return rows.length > 0;
    },
    async findById(tenantId: string, id: string) {
      const rows = await db.select().from(orders).where(and(eq(orders.tenantId, tenantId), eq(orders.id, id))).limit(1);
      return rows[0] ?? null;
    },
    /** One page, newest first; the total is a separate query so the 360 view can skip it. */
    async page(tenantId: string, customerId: string | undefined, limit: number, offset: number) {
      return db.select().from(orders).where(and(eq(orders.tenantId, tenantId), customerId ? eq(orders.customerId, customerId) : undefined))
        .orderBy(desc(orders.orderedAt), desc(orders.id)).limit(limit).offset(offset);
    },
    async count(tenantId: string, customerId: string | undefined) {
      const r = await db.select({ n: count() }).from(orders).where(and(eq(orders.tenantId, tenantId), customerId ? eq(orders.customerId, customerId) : undefined));
      return Number(r[0]?.n ?? 0);
    },
    async linesOf(tenantId: string, orderIds: string[]) {
      if (orderIds.length === 0) return [];
      return db.select().from(orderLines).where(and(eq(orderLines.tenantId, tenantId), inArray(orderLines.orderId, orderIds)))
        .orderBy(asc(orderLines.position), asc(orderLines.id));
    },
  };
}
export type OrderRepository = ReturnType<typeof createOrderRepository>;
