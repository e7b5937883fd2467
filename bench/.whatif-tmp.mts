// Temporary what-if (deleted after use): the 360 with fewer round trips vs the product's, interleaved.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { openPgliteBench, openPostgresBench, execSql, summarize, prng } from './support/bench-kit.ts';
import { seedAgents, seedTenant } from './support/lookup-seed.ts';
import { createServices } from '../src/server/services.ts';
import { systemClock } from '../src/server/platform/clock.ts';
import { newId } from '../src/server/platform/ids.ts';
import { systemContext } from '../src/server/platform/system-context.ts';
import { normalizePhone } from '../src/core/text-ja/phone.util.ts';
import { cases, contactPoints, customers, interactions, orderLines, orders, ownedProducts, products, users } from '../src/server/db/schema.ts';

const engine = process.argv[2] ?? 'postgres';
const N = Number(process.argv[3] ?? 100000);
const ITER = Number(process.argv[4] ?? 1500);
const b = engine === 'pglite' ? await openPgliteBench(false) : await openPostgresBench('postgres://postgres@127.0.0.1:5432/test');
const database = b.database; const db = database.db;
try {
  const services = createServices({ db, clock: systemClock, ids: newId, sessionTtlHours: 8 });
  const ta = await services.tenants.createTenant({ slug: 'a', name: 'a' });
  const agents = await seedAgents(database, [ta.id]);
  await seedTenant(database, { tenantId: ta.id, tag: 'a', customers: N }, { chunk: 10000, agentIds: agents });
  await execSql(database, 'VACUUM ANALYZE');
  const ctx = systemContext(ta, 'bench');
  const rand = prng(7);
  const nums = Array.from({ length: ITER + 100 }, () => Math.floor(rand() * N));
  const rows = await execSql(database, `select c.external_ref ref, p.value from customers c join contact_points p on p.customer_id=c.id and p.kind='phone' where c.tenant_id='${ta.id}' and c.external_ref in (${[...new Set(nums)].map((n) => `'M${String(n).padStart(8, '0')}'`).join(',')})`);
  const phoneOf = new Map(rows.map((r) => [Number(String(r.ref).slice(1)), String(r.value)]));
  const phones = nums.map((n) => `0${phoneOf.get(n)!.slice(3)}`);
  const T = ta.id;
  const lean = async (phone: string, parallel: boolean) => {
    const r = normalizePhone(phone); if (!r.ok) throw new Error('bad');
    // identify + profile in one round trip
    const [c] = await db.select({ c: customers }).from(contactPoints).innerJoin(customers, eq(customers.id, contactPoints.customerId))
      .where(and(eq(contactPoints.tenantId, T), eq(contactPoints.kind, 'phone'), eq(contactPoints.value, r.e164), eq(customers.tenantId, T))).limit(1);
    const id = c!.c.id;
    const reads = [
      () => db.select().from(contactPoints).where(and(eq(contactPoints.tenantId, T), inArray(contactPoints.customerId, [id]))).orderBy(desc(contactPoints.isPrimary), asc(contactPoints.createdAt), asc(contactPoints.id)),
      () => db.select({ id: ownedProducts.id, name: products.name }).from(ownedProducts).innerJoin(products, eq(products.id, ownedProducts.productId)).where(and(eq(ownedProducts.tenantId, T), eq(ownedProducts.customerId, id))).orderBy(desc(ownedProducts.purchasedOn), asc(ownedProducts.id)),
      async () => {
        const os = await db.select().from(orders).where(and(eq(orders.tenantId, T), eq(orders.customerId, id))).orderBy(desc(orders.orderedAt), desc(orders.id)).limit(10);
        if (os.length) await db.select().from(orderLines).where(and(eq(orderLines.tenantId, T), inArray(orderLines.orderId, os.map((o) => o.id)))).orderBy(asc(orderLines.position), asc(orderLines.id));
      },
      () => db.select({ row: interactions, agentName: users.displayName }).from(interactions).leftJoin(users, eq(users.id, interactions.agentUserId)).where(and(eq(interactions.tenantId, T), eq(interactions.customerId, id))).orderBy(desc(interactions.createdAt), desc(interactions.id)).limit(20),
      () => db.select({ row: cases, customerName: customers.name, ownerName: users.displayName }).from(cases).leftJoin(customers, eq(customers.id, cases.customerId)).leftJoin(users, eq(users.id, cases.ownerUserId)).where(and(eq(cases.tenantId, T), inArray(cases.status, ['new', 'open', 'pending']), eq(cases.customerId, id))).orderBy(desc(cases.updatedAt), desc(cases.number)).limit(50),
    ];
    if (parallel) await Promise.all(reads.map((f) => f())); else for (const f of reads) await f();
  };
  const variants: Record<string, (p: string) => Promise<unknown>> = {
    product: (p) => services.overview.lookup(ctx, { phone: p }),
    lean_parallel: (p) => lean(p, true),
    lean_sequential: (p) => lean(p, false),
  };
  const samples: Record<string, number[]> = { product: [], lean_parallel: [], lean_sequential: [] };
  for (let i = 0; i < phones.length; i++) {
    for (const [k, f] of Object.entries(variants)) { const t0 = performance.now(); await f(phones[i]!); if (i >= 100) samples[k]!.push(performance.now() - t0); }
  }
  for (const [k, s] of Object.entries(samples)) console.log(engine, k, JSON.stringify(summarize(s)));
} finally { await b.cleanup(); }
