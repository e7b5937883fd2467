import { and, asc, eq, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { callbacks, contacts, tenants } from '../../db/schema.js';
import type { Tx } from './routing-store.js';

export type CallbackRow = typeof callbacks.$inferSelect;

export function createCallbackRepository(db: Db) {
  return {
    async insert(row: typeof callbacks.$inferInsert) {
      const [r] = await db.insert(callbacks).values(row).returning();
      return r!;
    },
    list: (tenantId: string, status?: string) =>
      db.select().from(callbacks).where(and(eq(callbacks.tenantId, tenantId), status ? eq(callbacks.status, status) : undefined)).orderBy(asc(callbacks.dueAt)).limit(500),
    async find(tenantId: string, id: string) {
      const [r] = await db.select().from(callbacks).where(and(eq(callbacks.tenantId, tenantId), eq(callbacks.id, id)));
      return r ?? null;
    },
    async cancel(tenantId: string, id: string) {
      const rows = await db.update(callbacks).set({ status: 'cancelled' })
        .where(and(eq(callbacks.tenantId, tenantId), eq(callbacks.id, id), eq(callbacks.status, 'scheduled'))).returning();
      return rows[0] ?? null;
    },
    /** Due callbacks of every tenant, oldest first, with the tenant for the system context. */
    due: (now: Date, limit: number) =>
      db.select({ cb: callbacks, tenant: { id: tenants.id, slug: tenants.slug, timeZone: tenants.timeZone } }).from(callbacks)
        .innerJoin(tenants, eq(tenants.id, callbacks.tenantId))
        .where(and(eq(callbacks.status, 'scheduled'), lte(callbacks.dueAt, now))).orderBy(asc(callbacks.dueAt)).limit(limit),
    /** In the routing step's transaction: false when someone else routed or cancelled it meanwhile. */
    async markRouted(tx: Tx, id: string, contactId: string) {
      const rows = await tx.update(callbacks).set({ status: 'routed', contactId }).where(and(eq(callbacks.id, id), eq(callbacks.status, 'scheduled'))).returning({ id: callbacks.id });
      return rows.length === 1;
    },
    async contactOf(tenantId: string, id: string) {
      const [r] = await db.select().from(contacts).where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, id)));
      return r ?? null;
    },
  };
}
export type CallbackRepository = ReturnType<typeof createCallbackRepository>;
