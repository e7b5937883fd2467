import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, HttpSession, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';
import { buildVariantApp, expectProblem } from '../support/http-expect.js';
import { createTenantWithStaff, TEST_PASSWORD } from '../factories/tenant.factory.js';

interface AuditItem { id: string; action: string; entity: string; entityId: string | null; actorUserId: string | null; actorTokenId: string | null; ip: string | null; at: string; changes: unknown }
type Staff = Awaited<ReturnType<typeof createTenantWithStaff>>;

describe.each(testEngines())('audit log [%s]', (engine) => {
  let t: TestApp;
  let A: Staff;
  let B: Staff;
  let adminA: HttpSession;
  let adminB: HttpSession;
  let agentA: HttpSession;

  const trail = async (s: HttpSession, entity: string, entityId: string) => {
    const res = await s.get(`/api/v1/audit?entity=${entity}&entityId=${entityId}&pageSize=100`);
    expect(res.statusCode, res.body).toBe(200);
    // Newest first; tests read it oldest first.
    return (res.json().items as AuditItem[]).reverse();
  };
  const created = async (p: Promise<import('fastify').LightMyRequestResponse>) => {
    const res = await p;
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    A = await createTenantWithStaff(t.services, 'alpha');
    B = await createTenantWithStaff(t.services, 'beta');
    adminA = await new HttpSession(t.app).login(A.users.admin.email, TEST_PASSWORD);
    adminB = await new HttpSession(t.app).login(B.users.admin.email, TEST_PASSWORD);
    agentA = await new HttpSession(t.app).login(A.users.agent.email, TEST_PASSWORD);
  });
  afterAll(() => t.close());

  it('records create, update and delete of every kind with actor, ip, entity and entity id', async () => {
    const sup = await new HttpSession(t.app).login(A.users.supervisor.email, TEST_PASSWORD);
    const actor = A.users.supervisor.id;
    const customer = await created(sup.post('/api/v1/customers', { name: '監査 太郎' }));
    expect((await sup.patch(`/api/v1/customers/${customer}`, { notes: 'メモ' })).statusCode).toBe(200);
    const product = await created(sup.post('/api/v1/products', { sku: 'AUD-1', name: '監査品' }));
    expect((await sup.patch(`/api/v1/products/${product}`, { name: '監査品2' })).statusCode).toBe(200);
    const owned = await created(sup.post(`/api/v1/customers/${customer}/owned-products`, { productId: product, serial: 'AUD-SN-1' }));
    expect((await sup.patch(`/api/v1/owned-products/${owned}`, { warrantyUntil: '2030-03-31' })).statusCode).toBe(200);
    const order = await created(sup.post('/api/v1/orders', { customerId: customer, lines: [{ productId: product, name: '監査品', quantity: 2, unitPriceJpy: 500 }] }));
    expect((await sup.patch(`/api/v1/orders/${order}`, { status: 'shipped' })).statusCode).toBe(200);
    const interaction = await created(sup.post('/api/v1/interactions', { customerId: customer, channel: 'phone', notes: '本文は監査に残さない' }));
    expect((await sup.patch(`/api/v1/interactions/${interaction}`, { disposition: 'resolved' })).statusCode).toBe(200);

    for (const [url, ok] of [
      [`/api/v1/owned-products/${owned}`, 204], [`/api/v1/orders/${order}`, 204], [`/api/v1/interactions/${interaction}`, 204],
      [`/api/v1/products/${product}`, 204], [`/api/v1/customers/${customer}`, 204],
    ] as const) {
      const res = await sup.delete(url);
      expect(res.statusCode, `${url} ${res.body}`).toBe(ok);
    }

    const expected: [string, string, string[]][] = [
      ['customer', customer, ['customer.create', 'customer.update', 'customer.delete']],
      ['product', product, ['product.create', 'product.update', 'product.delete']],
      ['owned_product', owned, ['owned_product.create', 'owned_product.update', 'owned_product.delete']],
      ['order', order, ['order.create', 'order.update', 'order.delete']],
      ['interaction', interaction, ['interaction.create', 'interaction.update', 'interaction.delete']],
    ];
    for (const [entity, id, actions] of expected) {
      const items = await trail(adminA, entity, id);
      expect(items.map((i) => i.action), entity).toEqual(actions);
      for (const i of items) {
        expect(i, `${entity} ${i.action}`).toMatchObject({ entity, entityId: id, actorUserId: actor, actorTokenId: null, ip: '127.0.0.1' });
        expect(Number.isNaN(Date.parse(i.at))).toBe(false);
      }
    }
    const customerUpdate = (await trail(adminA, 'customer', customer))[1]!;
    expect(customerUpdate.changes).toEqual({ fields: ['notes'] });
    // Message bodies are never copied into the audit log.
    const all = await adminA.get('/api/v1/audit?pageSize=100');
    expect(all.body).not.toContain('本文は監査に残さない');
    expect(all.body).not.toContain('メモ');
  });

  it('records case creation and every status move with from and to, readable by entity and id', async () => {
    const customer = await created(agentA.post('/api/v1/customers', { name: '案件 顧客' }));
    const kase = await created(agentA.post('/api/v1/cases', { title: '返品の相談', customerId: customer }));
    for (const status of ['open', 'pending', 'resolved', 'closed', 'open']) {
      const res = await agentA.patch(`/api/v1/cases/${kase}`, { status });
      expect(res.statusCode, res.body).toBe(200);
    }
    expect((await agentA.patch(`/api/v1/cases/${kase}`, { priority: 'high' })).statusCode).toBe(200);
    // A refused move is not audited.
    expectProblem(await agentA.patch(`/api/v1/cases/${kase}`, { status: 'new' }), 409, 'invalid_transition');

    const items = await trail(adminA, 'case', kase);
    expect(items.map((i) => i.action)).toEqual(['case.create', 'case.status', 'case.status', 'case.status', 'case.status', 'case.status', 'case.update']);
    expect(items.slice(1, 6).map((i) => (i.changes as { status: { from: string; to: string } }).status)).toEqual([
      { from: 'new', to: 'open' }, { from: 'open', to: 'pending' }, { from: 'pending', to: 'resolved' }, { from: 'resolved', to: 'closed' }, { from: 'closed', to: 'open' },
    ]);
    for (const i of items) expect(i).toMatchObject({ entity: 'case', entityId: kase, actorUserId: A.users.agent.id, ip: '127.0.0.1' });

    const sup = await new HttpSession(t.app).login(A.users.supervisor.email, TEST_PASSWORD);
    expect((await sup.delete(`/api/v1/cases/${kase}`)).statusCode).toBe(204);
    const after = await trail(adminA, 'case', kase);
    expect(after.at(-1)).toMatchObject({ action: 'case.delete', actorUserId: A.users.supervisor.id });
  });

  it('records the API token as actor for token calls', async () => {
    const { id: tokenId, token } = await t.services.auth.createApiToken({ tenantId: A.tenant.id, role: 'agent', name: 'crm-sync' });
    const api = HttpSession.withToken(t.app, token);
    const kase = await created(api.post('/api/v1/cases', { title: '連携から' }));
    expect((await api.patch(`/api/v1/cases/${kase}`, { status: 'open' })).statusCode).toBe(200);
    const items = await trail(adminA, 'case', kase);
    expect(items.map((i) => [i.action, i.actorUserId, i.actorTokenId])).toEqual([['case.create', null, tokenId], ['case.status', null, tokenId]]);
  });

  it('records the client address from a trusted proxy, and ignores X-Forwarded-For otherwise', async () => {
    const spoofed = await created(agentA.post('/api/v1/cases', { title: '偽装' }, { 'x-forwarded-for': '198.51.100.66' }));
    expect((await trail(adminA, 'case', spoofed))[0]!.ip).toBe('127.0.0.1');

    const app = await buildVariantApp(t, { MADOGUCHI_TRUST_PROXY: 'true' });
    try {
      const viaProxy = await new HttpSession(app).login(A.users.agent.email, TEST_PASSWORD);
      const kase = await created(viaProxy.post('/api/v1/cases', { title: 'プロキシ経由' }, { 'x-forwarded-for': '203.0.113.7' }));
      expect((await trail(adminA, 'case', kase))[0]!.ip).toBe('203.0.113.7');
    } finally {
      await app.close();
    }
  });

  it('writes nothing for refused or failed writes', async () => {
    const customer = await created(adminA.post('/api/v1/customers', { name: '拒否 テスト' }));
    const before = (await trail(adminA, 'customer', customer)).length;
    expectProblem(await agentA.delete(`/api/v1/customers/${customer}`), 403, 'forbidden');
    const saved = agentA.csrfToken;
    agentA.csrfToken = null;
    expectProblem(await agentA.patch(`/api/v1/customers/${customer}`, { notes: 'CSRF' }), 403, 'csrf_invalid');
    agentA.csrfToken = saved;
    expectProblem(await adminB.patch(`/api/v1/customers/${customer}`, { notes: '越境' }), 404, 'not_found');
    expectProblem(await adminB.delete(`/api/v1/customers/${customer}`), 404, 'not_found');
    expectProblem(await agentA.patch(`/api/v1/customers/${customer}`, { name: '' }), 400, 'validation_failed');
    expect((await trail(adminA, 'customer', customer)).length).toBe(before);
    expect((await trail(adminB, 'customer', customer)).length).toBe(0);
  });

  it('is readable by admins only, and each tenant sees only its own events', async () => {
    const kaseA = await created(adminA.post('/api/v1/cases', { title: 'アルファだけ' }));
    const kaseB = await created(adminB.post('/api/v1/cases', { title: 'ベータだけ' }));
    expect((await trail(adminA, 'case', kaseA)).length).toBe(1);
    expect(await trail(adminB, 'case', kaseA)).toEqual([]);
    expect(await trail(adminA, 'case', kaseB)).toEqual([]);
    for (const [s, own, other] of [[adminA, A, B], [adminB, B, A]] as const) {
      const all = await s.get('/api/v1/audit?pageSize=100');
      expect(all.statusCode).toBe(200);
      const items = all.json().items as AuditItem[];
      expect(items.length).toBeGreaterThan(0);
      const otherUsers = Object.values(other.users).map((u) => u.id);
      for (const i of items) expect(otherUsers, JSON.stringify(i)).not.toContain(i.actorUserId);
      expect(all.body).not.toContain(own === A ? kaseB : kaseA);
      // Sign-ins are global events: no tenant admin sees them.
      expect(items.filter((i) => i.action.startsWith('auth.'))).toEqual([]);
    }
    for (const role of ['agent', 'supervisor', 'hq', 'client_viewer'] as const) {
      const s = await new HttpSession(t.app).login(A.users[role].email, TEST_PASSWORD);
      expectProblem(await s.get(`/api/v1/audit?entity=case&entityId=${kaseA}`), 403, 'forbidden');
    }
    // An admin of B naming tenant A gets nothing.
    expectProblem(await adminB.get(`/api/v1/audit?entity=case&entityId=${kaseA}`, { 'x-tenant': 'alpha' }), 404, 'not_found');
  });
});
