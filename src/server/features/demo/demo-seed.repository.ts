import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import * as t from '../../db/schema.js';

export interface DemoRows {
  tenants: (typeof t.tenants.$inferInsert)[];
  users: (typeof t.users.$inferInsert)[];
  memberships: (typeof t.memberships.$inferInsert)[];
  products: (typeof t.products.$inferInsert)[];
  customers: (typeof t.customers.$inferInsert)[];
  contactPoints: (typeof t.contactPoints.$inferInsert)[];
  ownedProducts: (typeof t.ownedProducts.$inferInsert)[];
  orders: (typeof t.orders.$inferInsert)[];
  orderLines: (typeof t.orderLines.$inferInsert)[];
  cases: (typeof t.cases.$inferInsert)[];
  interactions: (typeof t.interactions.$inferInsert)[];
  counters: (typeof t.tenantCounters.$inferInsert)[];
  routingSkills: (typeof t.routingSkills.$inferInsert)[];
  businessHours: (typeof t.businessHours.$inferInsert)[];
  routingQueues: (typeof t.routingQueues.$inferInsert)[];
  agentProfiles: (typeof t.agentProfiles.$inferInsert)[];
  agentSkills: (typeof t.agentSkills.$inferInsert)[];
  reasonCodes: (typeof t.reasonCodes.$inferInsert)[];
}

const BATCH = 500;

/** Bulk writer for demo data: one transaction, multi-row inserts, so first start stays fast. */
export function createDemoSeedRepository(db: Db) {
  return {
    async hasAnyTenant() {
      const rows = await db.select({ id: t.tenants.id }).from(t.tenants).limit(1);
      return rows.length > 0;
    },
    async insertAll(rows: DemoRows) {
      await db.transaction(async (tx) => {
        const put = async <T extends PgTable>(table: T, values: T['$inferInsert'][]) => {
          for (let i = 0; i < values.length; i += BATCH) await tx.insert(table).values(values.slice(i, i + BATCH) as never);
        };
        await put(t.tenants, rows.tenants);
        await put(t.users, rows.users);
        await put(t.memberships, rows.memberships);
        await put(t.products, rows.products);
        await put(t.customers, rows.customers);
        await put(t.contactPoints, rows.contactPoints);
        await put(t.ownedProducts, rows.ownedProducts);
        await put(t.orders, rows.orders);
        await put(t.orderLines, rows.orderLines);
        await put(t.cases, rows.cases);
        await put(t.interactions, rows.interactions);
        await put(t.tenantCounters, rows.counters);
        await put(t.routingSkills, rows.routingSkills);
        await put(t.businessHours, rows.businessHours);
        await put(t.routingQueues, rows.routingQueues);
        await put(t.agentProfiles, rows.agentProfiles);
        await put(t.agentSkills, rows.agentSkills);
        await put(t.reasonCodes, rows.reasonCodes);
      });
    },
  };
}
export type DemoSeedRepository = ReturnType<typeof createDemoSeedRepository>;
