import { it } from 'vitest';
import { createTestApp } from '../../../../test/support/test-app.js';
import { systemContext } from '../../platform/system-context.js';
it('bench', async () => {
  const t = await createTestApp((process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite') as 'pglite');
  const tenant = await t.services.tenants.createTenant({ slug: 'bench', name: 'B' });
  const ctx = systemContext(tenant);
  const N = Number(process.env.BENCH_N ?? 5000);
  const lines = ['顧客番号,氏名,電話番号,メール'];
  for (let i = 0; i < N; i++) lines.push(`R${i},山田 ${i},03-${String(1000 + Math.floor(i / 10000)).padStart(4, '0')}-${String(i % 10000).padStart(4, '0')},u${i}@example.jp`);
  const data = Buffer.from(lines.join('\n'));
  let s = performance.now();
  const r = await t.services.customerImport.importCustomers(ctx, { data, encoding: 'auto' });
  console.log('first', r.created, r.failed, r.errors.slice(0,2), ((performance.now() - s) / 1000).toFixed(1), 's');
  s = performance.now();
  const r2 = await t.services.customerImport.importCustomers(ctx, { data, encoding: 'auto' });
  console.log('again', r2.unchanged, ((performance.now() - s) / 1000).toFixed(1), 's');
  await t.close();
}, 600_000);
