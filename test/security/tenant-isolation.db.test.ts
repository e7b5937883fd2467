import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, HttpSession, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';
import { expectProblem } from '../support/http-expect.js';
import { createTenantWithStaff, TEST_PASSWORD } from '../factories/tenant.factory.js';
import { cases, customers, interactions, orders, ownedProducts, products } from '../../src/server/db/schema.js';

type Staff = Awaited<ReturnType<typeof createTenantWithStaff>>;

const B_PHONE = '03-5555-0101';
const B_EMAIL = 'beta-only@example.jp';
const B_SERIAL = 'BX-9000-7731';
const B_NAME = '秘密 顧客';
const B_KANA = 'ヒミツ コキャク';

async function created(p: Promise<import('fastify').LightMyRequestResponse>) {
  const res = await p;
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string } & Record<string, unknown>;
}

describe.each(testEngines())('tenant isolation [%s]', (engine) => {
  let t: TestApp;
  let A: Staff;
  let B: Staff;
  let adminA: HttpSession;
  let tokenA: HttpSession;
  let adminB: HttpSession;
  let actorsA: [string, HttpSession][];
  const b = {} as { customer: string; contactPoint: string; product: string; owned: string; order: string; interaction: string; case: string; owner: string };
  const a = {} as { customer: string; product: string; interaction: string; case: string };

  beforeAll(async () => {
    t = await createTestApp(engine);
    A = await createTenantWithStaff(t.services, 'alpha');
    B = await createTenantWithStaff(t.services, 'beta');
    adminA = await new HttpSession(t.app).login(A.users.admin.email, TEST_PASSWORD);
    adminB = await new HttpSession(t.app).login(B.users.admin.email, TEST_PASSWORD);
    tokenA = HttpSession.withToken(t.app, (await t.services.auth.createApiToken({ tenantId: A.tenant.id, role: 'admin', name: 'a-sync' })).token);
    actorsA = [['user of A', adminA], ['token of A', tokenA]];

    // Records of every kind in B.
    b.product = (await created(adminB.post('/api/v1/products', { sku: 'BETA-001', name: 'ベータ冷蔵庫', priceJpy: 98000 }))).id;
    b.customer = (await created(adminB.post('/api/v1/customers', { name: B_NAME, nameKana: B_KANA, phones: [{ value: B_PHONE }], emails: [{ value: B_EMAIL }] }))).id;
    b.contactPoint = (await adminB.get(`/api/v1/customers/${b.customer}/contact-points`)).json().items[0].id;
    b.owned = (await created(adminB.post(`/api/v1/customers/${b.customer}/owned-products`, { productId: b.product, serial: B_SERIAL }))).id;
    b.order = (await created(adminB.post('/api/v1/orders', { customerId: b.customer, lines: [{ productId: b.product, name: 'ベータ冷蔵庫', quantity: 1, unitPriceJpy: 98000 }] }))).id;
    b.interaction = (await created(adminB.post('/api/v1/interactions', { customerId: b.customer, channel: 'phone', subject: 'ベータの問い合わせ' }))).id;
    b.owner = B.users.agent.id;
    b.case = (await created(adminB.post('/api/v1/cases', { title: 'ベータの案件', customerId: b.customer, ownerUserId: b.owner, interactionId: b.interaction }))).id;

    // A's own records, used as the other end of cross-tenant links.
    a.product = (await created(adminA.post('/api/v1/products', { sku: 'ALPHA-001', name: 'アルファ洗濯機' }))).id;
    a.customer = (await created(adminA.post('/api/v1/customers', { name: '安全 太郎', phones: [{ value: '03-5555-0202' }] }))).id;
    a.interaction = (await created(adminA.post('/api/v1/interactions', { customerId: a.customer, channel: 'email', subject: 'アルファ' }))).id;
    a.case = (await created(adminA.post('/api/v1/cases', { title: 'アルファの案件', customerId: a.customer }))).id;
  });
  afterAll(() => t.close());

  /** B's records, read back by B's admin: untouched by anything A tried. */
  async function expectBIntact() {
    const c = await adminB.get(`/api/v1/customers/${b.customer}`);
    expect(c.statusCode).toBe(200);
    expect(c.json()).toMatchObject({ name: B_NAME, notes: null });
    const o = await adminB.get(`/api/v1/customers/${b.customer}/overview`);
    expect(o.statusCode).toBe(200);
    const ov = o.json();
    expect(ov.contactPoints.map((p: { id: string }) => p.id)).toContain(b.contactPoint);
    expect(ov.contactPoints).toHaveLength(2);
    expect(ov.ownedProducts.map((p: { id: string; serial: string }) => [p.id, p.serial])).toEqual([[b.owned, B_SERIAL]]);
    expect(ov.orders.map((x: { id: string; status: string }) => [x.id, x.status])).toEqual([[b.order, 'received']]);
    expect(ov.interactions.map((x: { id: string }) => x.id)).toEqual([b.interaction]);
    expect(ov.openCases.map((x: { id: string; status: string }) => [x.id, x.status])).toEqual([[b.case, 'new']]);
    expect((await adminB.get(`/api/v1/products/${b.product}`)).json()).toMatchObject({ name: 'ベータ冷蔵庫', sku: 'BETA-001' });
    const ia = (await adminB.get(`/api/v1/interactions/${b.interaction}`)).json();
    expect(ia).toMatchObject({ subject: 'ベータの問い合わせ', customerId: b.customer, caseId: b.case });
    const k = (await adminB.get(`/api/v1/cases/${b.case}`)).json();
    expect(k).toMatchObject({ title: 'ベータの案件', customerId: b.customer, ownerUserId: b.owner, status: 'new' });
  }

  it('answers 404 to a user and a token of A for every record of B, by id, for GET, PATCH and DELETE', async () => {
    const probes: [string, string, unknown?][] = [
      ['GET', `/api/v1/customers/${b.customer}`],
      ['GET', `/api/v1/customers/${b.customer}/overview`],
      ['GET', `/api/v1/customers/${b.customer}/contact-points`],
      ['GET', `/api/v1/customers/${b.customer}/owned-products`],
      ['PATCH', `/api/v1/customers/${b.customer}`, { notes: 'A was here' }],
      ['POST', `/api/v1/customers/${b.customer}/contact-points`, { kind: 'phone', value: '03-5555-0909' }],
      ['POST', `/api/v1/customers/${b.customer}/owned-products`, { productId: a.product, serial: 'A-INJECT-1' }],
      ['DELETE', `/api/v1/contact-points/${b.contactPoint}`],
      ['GET', `/api/v1/products/${b.product}`],
      ['PATCH', `/api/v1/products/${b.product}`, { name: 'A was here' }],
      ['DELETE', `/api/v1/products/${b.product}`],
      ['PATCH', `/api/v1/owned-products/${b.owned}`, { serial: 'A-WAS-HERE' }],
      ['DELETE', `/api/v1/owned-products/${b.owned}`],
      ['GET', `/api/v1/orders/${b.order}`],
      ['PATCH', `/api/v1/orders/${b.order}`, { status: 'cancelled' }],
      ['DELETE', `/api/v1/orders/${b.order}`],
      ['GET', `/api/v1/interactions/${b.interaction}`],
      ['PATCH', `/api/v1/interactions/${b.interaction}`, { notes: 'A was here' }],
      ['DELETE', `/api/v1/interactions/${b.interaction}`],
      ['GET', `/api/v1/cases/${b.case}`],
      ['PATCH', `/api/v1/cases/${b.case}`, { status: 'closed' }],
      ['DELETE', `/api/v1/cases/${b.case}`],
      ['DELETE', `/api/v1/customers/${b.customer}`],
      // B's ids as list filters.
      ['GET', `/api/v1/orders?customerId=${b.customer}`],
      ['GET', `/api/v1/interactions?customerId=${b.customer}`],
      ['GET', `/api/v1/interactions?caseId=${b.case}`],
      ['GET', `/api/v1/cases?customerId=${b.customer}`],
    ];
    for (const [who, s] of actorsA) {
      for (const [method, url, body] of probes) {
        const res = await s.request(method as 'GET', url, body as object | undefined);
        expect(res.statusCode, `${who}: ${method} ${url} → ${res.body}`).toBe(404);
        expectProblem(res, 404, 'not_found');
        expect(res.body, `${who}: ${method} ${url}`).not.toMatch(/秘密|ベータ|BETA|BX-?9000/);
      }
    }
    await expectBIntact();
  });

  it('never lists or finds B rows for A, whatever the query', async () => {
    // Positive control: B finds its customer with each of these queries, so A's empty results are isolation.
    for (const q of [B_NAME, '秘密', 'ひみつ', 'ﾋﾐﾂ', B_PHONE, '0355550101', '+81 3 5555 0101', B_EMAIL, B_SERIAL, 'bx9000 7731']) {
      const res = await adminB.get(`/api/v1/customers?q=${encodeURIComponent(q)}`);
      expect(res.json().items.map((c: { id: string }) => c.id), `B q=${q}`).toEqual([b.customer]);
    }
    for (const [who, s] of actorsA) {
      for (const q of ['', B_NAME, '秘密', 'ひみつ', 'ﾋﾐﾂ', B_PHONE, '0355550101', '+81 3 5555 0101', B_EMAIL, B_SERIAL, 'bx9000 7731']) {
        const res = await s.get(`/api/v1/customers?q=${encodeURIComponent(q)}`);
        expect(res.statusCode).toBe(200);
        const ids = res.json().items.map((c: { id: string }) => c.id);
        expect(ids, `${who} q=${q}`).not.toContain(b.customer);
        expect(res.body, `${who} q=${q}`).not.toContain(B_NAME);
      }
      for (const url of [
        '/api/v1/products', '/api/v1/products?q=BETA', '/api/v1/products?q=%E3%83%99%E3%83%BC%E3%82%BF', '/api/v1/orders',
        '/api/v1/interactions', '/api/v1/cases', '/api/v1/cases?q=%E3%83%99%E3%83%BC%E3%82%BF', '/api/v1/cases?q=C-000001',
        `/api/v1/cases?ownerUserId=${b.owner}`, `/api/v1/interactions?agentUserId=${B.users.admin.id}`, '/api/v1/users', '/api/v1/audit?pageSize=100',
        `/api/v1/audit?entity=customer&entityId=${b.customer}`, `/api/v1/audit?entityId=${b.case}`,
      ]) {
        const res = await s.get(url);
        expect(res.statusCode, `${who} ${url} ${res.body}`).toBe(200);
        for (const id of Object.values(b)) expect(res.body.includes(id), `${who} ${url} shows B's ${id}`).toBe(false);
        expect(res.body, `${who} ${url}`).not.toMatch(/ベータ|BETA-001|beta\.test/);
        for (const u of Object.values(B.users)) expect(res.body.includes(u.id), `${who} ${url} shows B's user`).toBe(false);
      }
      // A's own case C-000001 is visible to A, B's C-000001 is not.
      const numbered = (await s.get('/api/v1/cases?q=C-000001')).json();
      expect(numbered.items.map((c: { id: string }) => c.id)).toEqual([a.case]);
    }
  });

  it('answers 404 to lookups of B phone, serial and e-mail from A, exactly as for values that exist nowhere', async () => {
    const lookups: [string, string][] = [
      [`phone=${encodeURIComponent(B_PHONE)}`, `phone=${encodeURIComponent('03-5555-0999')}`],
      [`serial=${encodeURIComponent(B_SERIAL)}`, `serial=${encodeURIComponent('ZZ-0000-0000')}`],
      [`email=${encodeURIComponent(B_EMAIL)}`, `email=${encodeURIComponent('nobody-anywhere@example.jp')}`],
    ];
    for (const [who, s] of actorsA) {
      for (const [q, nowhere] of lookups) {
        const res = await s.get(`/api/v1/customers/lookup?${q}`);
        expectProblem(res, 404, 'not_found');
        expect(res.body, `${who} ${q}`).not.toContain(b.customer);
        // No oracle: a value of another tenant answers like one that does not exist at all.
        expect(res.body, `${who} ${q}`).toBe((await s.get(`/api/v1/customers/lookup?${nowhere}`)).body);
      }
    }
    // The same lookups succeed for B, so the 404 above is isolation, not a broken lookup.
    for (const q of [`phone=${encodeURIComponent(B_PHONE)}`, `serial=${encodeURIComponent(B_SERIAL)}`, `email=${encodeURIComponent(B_EMAIL)}`]) {
      const res = await adminB.get(`/api/v1/customers/lookup?${q}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().customer.id).toBe(b.customer);
    }
  });

  it('refuses writes in A that name B ids (404) and creates or links nothing', async () => {
    const count = async (table: typeof interactions | typeof cases | typeof orders | typeof ownedProducts) =>
      (await t.db.database.db.select({ id: table.id }).from(table).where(eq(table.tenantId, A.tenant.id))).length;
    const before = { interactions: await count(interactions), cases: await count(cases), orders: await count(orders), owned: await count(ownedProducts) };
    const line = (productId: string) => ({ productId, name: '品', quantity: 1, unitPriceJpy: 100 });

    const writes: [string, string, unknown][] = [
      ['POST', '/api/v1/interactions', { customerId: b.customer, channel: 'phone', subject: '越境' }],
      ['POST', '/api/v1/interactions', { caseId: b.case, channel: 'phone', subject: '越境' }],
      ['POST', '/api/v1/interactions', { customerId: a.customer, agentUserId: b.owner, channel: 'phone', subject: '越境' }],
      ['PATCH', `/api/v1/interactions/${a.interaction}`, { customerId: b.customer }],
      ['PATCH', `/api/v1/interactions/${a.interaction}`, { caseId: b.case }],
      ['POST', '/api/v1/cases', { title: '越境', customerId: b.customer }],
      ['POST', '/api/v1/cases', { title: '越境', ownerUserId: b.owner }],
      ['POST', '/api/v1/cases', { title: '越境', interactionId: b.interaction }],
      ['PATCH', `/api/v1/cases/${a.case}`, { customerId: b.customer }],
      ['PATCH', `/api/v1/cases/${a.case}`, { ownerUserId: b.owner }],
      ['POST', '/api/v1/orders', { customerId: b.customer, lines: [line(a.product)] }],
      ['POST', '/api/v1/orders', { customerId: a.customer, lines: [line(a.product), line(b.product)] }],
      ['POST', `/api/v1/customers/${a.customer}/owned-products`, { productId: b.product, serial: 'CROSS-0001' }],
    ];
    for (const [who, s] of actorsA) {
      for (const [method, url, body] of writes) {
        const res = await s.request(method as 'POST', url, body as object);
        expect(res.statusCode, `${who}: ${method} ${url} ${JSON.stringify(body)} → ${res.body}`).toBe(404);
        expectProblem(res, 404, 'not_found');
      }
    }
    expect({ interactions: await count(interactions), cases: await count(cases), orders: await count(orders), owned: await count(ownedProducts) }).toEqual(before);
    expect((await adminA.get(`/api/v1/interactions/${a.interaction}`)).json()).toMatchObject({ customerId: a.customer, caseId: null });
    expect((await adminA.get(`/api/v1/cases/${a.case}`)).json()).toMatchObject({ customerId: a.customer, ownerUserId: null });
    await expectBIntact();
  });

  it('ignores tenantId / tenant_id in request bodies: the record lands in the caller tenant', async () => {
    const smuggle = { tenantId: B.tenant.id, tenant_id: B.tenant.id };
    for (const [who, s] of actorsA) {
      const c = await created(s.post('/api/v1/customers', { name: `密航 ${who}`, ...smuggle }));
      const p = await created(s.post('/api/v1/products', { sku: `SMUG-${who.length}-${Date.now()}`, name: '密航品', ...smuggle }));
      const i = await created(s.post('/api/v1/interactions', { channel: 'web', subject: '密航', ...smuggle }));
      const k = await created(s.post('/api/v1/cases', { title: '密航', ...smuggle }));
      const patched = await s.patch(`/api/v1/customers/${a.customer}`, { notes: '移動しない', ...smuggle });
      expect(patched.statusCode).toBe(200);

      const db = t.db.database.db;
      const owners = [
        (await db.select({ t: customers.tenantId }).from(customers).where(eq(customers.id, c.id)))[0]?.t,
        (await db.select({ t: customers.tenantId }).from(customers).where(eq(customers.id, a.customer)))[0]?.t,
        (await db.select({ t: products.tenantId }).from(products).where(eq(products.id, p.id)))[0]?.t,
        (await db.select({ t: interactions.tenantId }).from(interactions).where(eq(interactions.id, i.id)))[0]?.t,
        (await db.select({ t: cases.tenantId }).from(cases).where(eq(cases.id, k.id)))[0]?.t,
      ];
      expect(owners, who).toEqual(Array(5).fill(A.tenant.id));
      expect((await adminA.get(`/api/v1/customers/${c.id}`)).statusCode).toBe(200);
      expectProblem(await adminB.get(`/api/v1/customers/${c.id}`), 404, 'not_found');
      expectProblem(await adminB.get(`/api/v1/products/${p.id}`), 404, 'not_found');
      expectProblem(await adminB.get(`/api/v1/interactions/${i.id}`), 404, 'not_found');
      expectProblem(await adminB.get(`/api/v1/cases/${k.id}`), 404, 'not_found');
    }
  });

  it('answers 404 when a user of A asks for tenant B with X-Tenant, by slug or id', async () => {
    for (const tenant of ['beta', B.tenant.id]) {
      for (const url of ['/api/v1/customers', `/api/v1/customers/${b.customer}`, '/api/v1/cases', '/api/v1/users']) {
        const res = await adminA.get(url, { 'x-tenant': tenant });
        expectProblem(res, 404, 'not_found');
        expect(res.body).not.toContain(B_NAME);
      }
      expectProblem(await adminA.post('/api/v1/customers', { name: '越境作成' }, { 'x-tenant': tenant }), 404, 'not_found');
    }
    expectProblem(await adminA.get('/api/v1/customers', { 'x-tenant': 'no-such-tenant' }), 404, 'not_found');
    expect((await adminA.get('/api/v1/customers', { 'x-tenant': 'alpha' })).statusCode).toBe(200);
    expect((await adminB.get(`/api/v1/customers?q=${encodeURIComponent('越境作成')}`)).json().items).toEqual([]);
  });

  it('answers 404 when a token of A asks for tenant B with X-Tenant', async () => {
    for (const tenant of ['beta', B.tenant.id]) {
      expectProblem(await tokenA.get('/api/v1/customers', { 'x-tenant': tenant }), 404, 'not_found');
      expectProblem(await tokenA.get(`/api/v1/customers/${b.customer}`, { 'x-tenant': tenant }), 404, 'not_found');
      expectProblem(await tokenA.post('/api/v1/customers', { name: 'トークン越境' }, { 'x-tenant': tenant }), 404, 'not_found');
    }
    expect((await tokenA.get('/api/v1/customers', { 'x-tenant': 'alpha' })).statusCode).toBe(200);
    expect((await adminB.get(`/api/v1/customers?q=${encodeURIComponent('トークン越境')}`)).json().items).toEqual([]);
  });

  it('lets a BPO agent of both tenants work in each one chosen by X-Tenant, and requires the header', async () => {
    const u = await t.services.users.createUser({ email: 'bpo@outsourcer.test', password: TEST_PASSWORD, displayName: 'BPO 担当' });
    await t.services.users.grantRole(u.id, A.tenant.id, 'agent');
    await t.services.users.grantRole(u.id, B.tenant.id, 'supervisor');
    const bpo = await new HttpSession(t.app).login('bpo@outsourcer.test', TEST_PASSWORD);

    const inA = await bpo.get('/api/v1/customers', { 'x-tenant': 'alpha' });
    expect(inA.statusCode).toBe(200);
    const idsA = inA.json().items.map((c: { id: string }) => c.id);
    expect(idsA).toContain(a.customer);
    expect(idsA).not.toContain(b.customer);
    expect((await bpo.get(`/api/v1/customers/${a.customer}`, { 'x-tenant': 'alpha' })).statusCode).toBe(200);
    expectProblem(await bpo.get(`/api/v1/customers/${b.customer}`, { 'x-tenant': 'alpha' }), 404, 'not_found');

    const inB = await bpo.get('/api/v1/customers', { 'x-tenant': 'beta' });
    expect(inB.statusCode).toBe(200);
    expect(inB.json().items.map((c: { id: string }) => c.id)).toEqual([b.customer]);
    expect((await bpo.get(`/api/v1/customers/${b.customer}`, { 'x-tenant': B.tenant.id })).statusCode).toBe(200);
    expectProblem(await bpo.get(`/api/v1/customers/${a.customer}`, { 'x-tenant': 'beta' }), 404, 'not_found');

    // The role follows the tenant: agent in A may not delete customers, supervisor in B may (checked on a missing id).
    expectProblem(await bpo.delete(`/api/v1/customers/${a.customer}`, { 'x-tenant': 'alpha' }), 403, 'forbidden');
    expectProblem(await bpo.delete('/api/v1/customers/00000000-0000-4000-8000-000000000000', { 'x-tenant': 'beta' }), 404, 'not_found');

    for (const url of ['/api/v1/customers', `/api/v1/customers/${a.customer}`, '/api/v1/cases']) {
      const res = await bpo.get(url);
      const body = expectProblem(res, 400, 'tenant_required');
      expect(body.detail).toContain('alpha');
    }
    expectProblem(await bpo.post('/api/v1/customers', { name: 'どこへ' }), 400, 'tenant_required');
    // /me needs no tenant: it lists both memberships.
    const me = await bpo.get('/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().memberships.map((m: { tenantSlug: string; role: string }) => [m.tenantSlug, m.role]).sort()).toEqual([['alpha', 'agent'], ['beta', 'supervisor']]);
  });

  it('keeps phone uniqueness per tenant: the same number may belong to a customer in each tenant', async () => {
    const dup = await adminA.post('/api/v1/customers', { name: '同番号 顧客', phones: [{ value: B_PHONE }], emails: [{ value: B_EMAIL }] });
    expect(dup.statusCode, dup.body).toBe(201);
    const again = await adminA.post('/api/v1/customers', { name: '二重 登録', phones: [{ value: '0355550101' }] });
    expectProblem(again, 409, 'duplicate');

    const inA = await adminA.get(`/api/v1/customers/lookup?phone=${encodeURIComponent('+81355550101')}`);
    expect(inA.json().customer.id).toBe(dup.json().id);
    const inB = await adminB.get(`/api/v1/customers/lookup?phone=${encodeURIComponent('+81355550101')}`);
    expect(inB.json().customer.id).toBe(b.customer);
    const searchA = await adminA.get(`/api/v1/customers?q=${encodeURIComponent(B_PHONE)}`);
    expect(searchA.json().items.map((c: { id: string }) => c.id)).toEqual([dup.json().id]);
  });
});
