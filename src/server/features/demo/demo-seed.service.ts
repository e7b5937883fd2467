import { normalizePhone } from '../../../core/text-ja/phone.util.js';
import { normalizeEmail } from '../../../core/text-ja/email.util.js';
import { normalizeSerial } from '../../../core/text-ja/serial.util.js';
import type { Clock } from '../../platform/clock.js';
import type { IdGenerator } from '../../platform/ids.js';
import { hashPassword } from '../../platform/secrets.js';
import { searchFieldsOf } from '../customers/customer.service.js';
import { generateDemoDataset, DEMO_PASSWORD, type DemoDataset } from './demo-data.js';
import { demoRoutingRows, type DemoRoutingRows } from './demo-routing.js';
import type { DemoRows, DemoSeedRepository } from './demo-seed.repository.js';

export interface SeedResult {
  created: boolean;
  summary: string;
  password: string;
  logins: { email: string; roles: string }[];
}

export const DEMO_SEED = 20261123;
export const DEMO_CUSTOMERS_PER_TENANT = 150;

function loginsOf(ds: DemoDataset) {
  return ds.users.map((u) => ({ email: u.email, roles: u.memberships.map((m) => `${m.role}@${m.tenantSlug}`).join(', ') }));
}

/** Turns the generated story into rows, normalizing exactly as the services do. */
export function demoRows(ds: DemoDataset, ids: IdGenerator, passwordHash: string, now: Date): DemoRows {
  const rows: Omit<DemoRows, keyof DemoRoutingRows> = { tenants: [], users: [], memberships: [], products: [], customers: [], contactPoints: [], ownedProducts: [], orders: [], orderLines: [], cases: [], interactions: [], counters: [] };
  const tenantIds = new Map<string, string>();
  for (const tenant of ds.tenants) {
    const id = ids();
    tenantIds.set(tenant.slug, id);
    rows.tenants.push({ id, slug: tenant.slug, name: tenant.name, timeZone: tenant.timeZone, createdAt: now });
  }
  const userIds = new Map<string, string>();
  for (const u of ds.users) {
    const id = ids();
    userIds.set(u.email, id);
    rows.users.push({ id, email: u.email, displayName: u.displayName, locale: u.locale, passwordHash, createdAt: now });
    for (const m of u.memberships) rows.memberships.push({ userId: id, tenantId: tenantIds.get(m.tenantSlug)!, role: m.role, createdAt: now });
  }
  for (const tenant of ds.tenants) {
    const tenantId = tenantIds.get(tenant.slug)!;
    const productIds = new Map<string, string>();
    for (const p of tenant.products) {
      const id = ids();
      productIds.set(p.sku, id);
      rows.products.push({ id, tenantId, sku: p.sku, name: p.name, category: p.category, priceJpy: p.priceJpy, createdAt: now, updatedAt: now });
    }
    let caseNumber = 0;
    for (const c of tenant.customers) {
      const customerId = ids();
      const lastTouch = c.interactions.reduce((max, i) => (i.offeredAt > max ? i.offeredAt : max), new Date(0));
      const stamp = lastTouch.getTime() > 0 ? lastTouch : now;
      rows.customers.push({
        id: customerId, tenantId, externalRef: c.ref, kind: c.kind, name: c.name, nameKana: c.nameKana, companyName: c.companyName,
        gender: c.gender, ageGroup: c.ageGroup, prefecture: c.prefecture, postalCode: c.postalCode, address: c.address,
        consentMarketing: c.consentMarketing, vip: c.vip ?? false, ...searchFieldsOf(c), createdAt: stamp, updatedAt: stamp,
      });
      c.phones.forEach((p, i) => {
        const r = normalizePhone(p.value);
        if (!r.ok) throw new Error(`demo data has an invalid phone ${p.value}`);
        rows.contactPoints.push({ id: ids(), tenantId, customerId, kind: 'phone', value: r.e164, label: p.label, isPrimary: i === 0, createdAt: stamp });
      });
      c.emails.forEach((e, i) => {
        const r = normalizeEmail(e.value);
        if (!r.ok) throw new Error(`demo data has an invalid e-mail ${e.value}`);
        rows.contactPoints.push({ id: ids(), tenantId, customerId, kind: 'email', value: r.email, label: e.label, isPrimary: i === 0, createdAt: stamp });
      });
      for (const o of c.owned) {
        rows.ownedProducts.push({
          id: ids(), tenantId, customerId, productId: productIds.get(o.sku)!, serial: o.serial, serialNormalized: o.serial ? normalizeSerial(o.serial) : null,
          purchasedOn: o.purchasedOn, warrantyUntil: o.warrantyUntil, createdAt: stamp,
        });
      }
      for (const o of c.orders) {
        const orderId = ids();
        rows.orders.push({
          id: orderId, tenantId, customerId, orderNumber: o.orderNumber, orderedAt: o.orderedAt, status: o.status, channel: o.channel,
          totalJpy: o.lines.reduce((s, l) => s + l.quantity * l.unitPriceJpy, 0), createdAt: o.orderedAt, updatedAt: o.orderedAt,
        });
        o.lines.forEach((l, position) => rows.orderLines.push({ id: ids(), tenantId, orderId, productId: productIds.get(l.sku) ?? null, sku: l.sku, name: l.name, quantity: l.quantity, unitPriceJpy: l.unitPriceJpy, position }));
      }
      const caseIds = new Map<string, string>();
      for (const k of [...c.cases].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
        const id = ids();
        caseIds.set(k.ref, id);
        rows.cases.push({
          id, tenantId, number: ++caseNumber, customerId, title: k.title, description: k.description, status: k.status, priority: k.priority,
          dueAt: k.dueAt, ownerUserId: k.ownerEmail ? (userIds.get(k.ownerEmail) ?? null) : null, department: k.department, category: k.category,
          createdAt: k.createdAt, updatedAt: k.createdAt,
          resolvedAt: k.status === 'resolved' || k.status === 'closed' ? k.dueAt ?? k.createdAt : null, closedAt: k.status === 'closed' ? k.dueAt ?? k.createdAt : null,
        });
      }
      for (const i of c.interactions) {
        rows.interactions.push({
          id: ids(), tenantId, customerId, caseId: i.caseRef ? (caseIds.get(i.caseRef) ?? null) : null, channel: i.channel, direction: i.direction,
          queue: i.queue, agentUserId: i.agentEmail ? (userIds.get(i.agentEmail) ?? null) : null, subject: i.subject, notes: i.notes,
          disposition: i.disposition, offeredAt: i.offeredAt, answeredAt: i.answeredAt, endedAt: i.endedAt, wrapUpEndedAt: i.wrapUpEndedAt,
          createdAt: i.offeredAt, updatedAt: i.wrapUpEndedAt ?? i.offeredAt,
        });
      }
    }
    // Case numbers are per tenant; later cases continue after the demo ones.
    rows.counters.push({ tenantId, name: 'case', value: caseNumber });
  }
  return { ...rows, ...demoRoutingRows(ds, { ids, now, tenantIds, userIds }) };
}

type DemoTenants = readonly { id: string; slug: string; timeZone: string }[];

/** Loads the Japanese demo story on first start; never touches a database that already has tenants. */
export function createDemoSeedService(deps: {
  repo: DemoSeedRepository; ids: IdGenerator; clock: Clock;
  /** Turns on the demo tenants' FAQ portals (demo-portal.ts), through the portal's services. */
  seedPortal?: (tenants: DemoTenants) => Promise<void>;
  /** Categories, synonyms and articles of the demo knowledge base (demo-knowledge.ts), through the knowledge services. */
  seedKnowledge?: (tenants: DemoTenants) => Promise<void>;
  /** Creates and publishes the demo talk flows (demo-talk-flows.ts); runs after the demo knowledge, whose articles they link. */
  seedTalkFlows?: (tenants: DemoTenants) => Promise<void>;
  /** Publishes the demo phone line's IVR flow (demo-ivr.ts) on the routing queues. */
  seedIvr?: (tenants: DemoTenants) => Promise<void>;
}) {
  return {
    async seedIfEmpty(opts: { customersPerTenant?: number } = {}): Promise<SeedResult> {
      const now = deps.clock.now();
      const ds = generateDemoDataset({ seed: DEMO_SEED, now, customersPerTenant: opts.customersPerTenant ?? DEMO_CUSTOMERS_PER_TENANT });
      const base = { password: DEMO_PASSWORD, logins: loginsOf(ds) };
      if (await deps.repo.hasAnyTenant()) return { created: false, summary: '', ...base };
      const rows = demoRows(ds, deps.ids, await hashPassword(DEMO_PASSWORD), now);
      await deps.repo.insertAll(rows);
      const tenants = rows.tenants.map((t) => ({ id: t.id!, slug: t.slug, timeZone: t.timeZone ?? 'Asia/Tokyo' }));
      await deps.seedKnowledge?.(tenants);
      await deps.seedPortal?.(tenants);
      await deps.seedTalkFlows?.(tenants);
      await deps.seedIvr?.(tenants);
      const summary = `${rows.tenants.length} tenants, ${rows.customers.length} customers, ${rows.ownedProducts.length} owned products, ${rows.orders.length} orders, ${rows.interactions.length} interactions, ${rows.cases.length} cases, ${rows.users.length} users, ${rows.routingQueues.length} queues`;
      return { created: true, summary, ...base };
    },
  };
}
export type DemoSeedService = ReturnType<typeof createDemoSeedService>;
