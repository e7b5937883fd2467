import { openPgliteBench, openPostgresBench, execSql } from './support/bench-kit.ts';
import { seedAgents, seedTenant } from './support/lookup-seed.ts';
import { createServices } from '../src/server/services.ts';
import { systemClock } from '../src/server/platform/clock.ts';
import { newId } from '../src/server/platform/ids.ts';

const engine = process.argv[2] ?? 'pglite';
const N = Number(process.argv[3] ?? 100000);
const b = engine === 'pglite' ? await openPgliteBench(true) : await openPostgresBench('postgres://postgres@127.0.0.1:5432/test');
const db = b.database;
try {
  const services = createServices({ db: db.db, clock: systemClock, ids: newId, sessionTtlHours: 8 });
  const ta = await services.tenants.createTenant({ slug: 'a', name: 'a' });
  const tb = await services.tenants.createTenant({ slug: 'b', name: 'b' });
  const agents = await seedAgents(db, [ta.id, tb.id]);
  let t0 = performance.now();
  await seedTenant(db, { tenantId: ta.id, tag: 'a', customers: N }, { chunk: 10000, agentIds: agents });
  await seedTenant(db, { tenantId: tb.id, tag: 'b', customers: N / 10 }, { chunk: 10000, agentIds: agents });
  console.log('seed', performance.now() - t0);
  if (process.argv[4] === 'composite') {
    await execSql(db, `DROP INDEX contact_points_customer_idx; CREATE INDEX cp_tc ON contact_points (tenant_id, customer_id)`.split(';')[0]!);
    await execSql(db, `CREATE INDEX cp_tc ON contact_points (tenant_id, customer_id)`);
    await execSql(db, `DROP INDEX owned_products_customer_idx`); await execSql(db, `CREATE INDEX op_tc ON owned_products (tenant_id, customer_id)`);
    await execSql(db, `DROP INDEX orders_customer_idx`); await execSql(db, `CREATE INDEX o_tc ON orders (tenant_id, customer_id, ordered_at, id)`);
    await execSql(db, `DROP INDEX interactions_customer_idx`); await execSql(db, `CREATE INDEX i_tc ON interactions (tenant_id, customer_id, created_at, id)`);
    await execSql(db, `DROP INDEX cases_customer_idx`); await execSql(db, `CREATE INDEX c_tc ON cases (tenant_id, customer_id)`);
    console.log('swapped to composite indexes');
  }
  // Does anything ever analyze on its own? Wait past autovacuum_naptime with light traffic.
  if (process.argv[5] === 'wait') {
    for (let s = 0; s < 75; s++) { await execSql(db, 'select 1'); await new Promise((r) => setTimeout(r, 1000)); }
    console.log('after 75 s:', JSON.stringify(await execSql(db, `select relname, last_autoanalyze, last_autovacuum, n_mod_since_analyze from pg_stat_user_tables where relname in ('interactions','orders') order by 1`)));
  }
  const c = (await execSql(db, `SELECT id FROM customers WHERE tenant_id='${ta.id}' AND external_ref='M00012345'`))[0]!.id;
  const T = `'${ta.id}'`, C = `'${c}'`;
  const qs: Record<string, string> = {
    phone: `select customer_id from contact_points where tenant_id=${T} and kind='phone' and value='+819012345678' limit 1`,
    serial: `select customer_id from owned_products where tenant_id=${T} and serial_normalized='KA00123459F3C' limit 1`,
    customer: `select * from customers where tenant_id=${T} and id=${C} limit 1`,
    cps: `select * from contact_points where tenant_id=${T} and customer_id in (${C}) order by is_primary desc, created_at, id`,
    owned: `select o.id, p.name from owned_products o join products p on p.id=o.product_id where o.tenant_id=${T} and o.customer_id=${C} order by o.purchased_on desc, o.id`,
    orders: `select * from orders where tenant_id=${T} and customer_id=${C} order by ordered_at desc, id desc limit 10`,
    orders_count: `select count(*) from orders where tenant_id=${T} and customer_id=${C}`,
    inter: `select i.*, u.display_name from interactions i left join users u on u.id=i.agent_user_id where i.tenant_id=${T} and i.customer_id=${C} order by i.created_at desc, i.id desc limit 20`,
    inter_count: `select count(*) from interactions where tenant_id=${T} and customer_id=${C}`,
    cases: `select c.*, cu.name, u.display_name from cases c left join customers cu on cu.id=c.customer_id left join users u on u.id=c.owner_user_id where c.tenant_id=${T} and c.status in ('new','open','pending') and c.customer_id=${C} order by c.updated_at desc, c.number desc limit 50`,
    cases_count: `select count(*) from cases where tenant_id=${T} and status in ('new','open','pending') and customer_id=${C}`,
  };
  for (const phase of ['no-analyze', 'analyzed']) {
    if (phase === 'analyzed') { t0 = performance.now(); await execSql(db, 'VACUUM ANALYZE'); console.log('vacuum analyze', performance.now() - t0); }
    for (const [k, q] of Object.entries(qs)) {
      const rows = await execSql(db, `EXPLAIN (ANALYZE, BUFFERS OFF, TIMING OFF, SUMMARY ON) ${q}`);
      const plan = rows.map((r) => String(Object.values(r)[0]));
      console.log(`--- ${phase} ${k}\n${plan.join('\n')}`);
    }
  }
} finally { await b.cleanup(); }
