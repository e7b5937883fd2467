import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, HttpSession, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';
import { createTenantWithStaff, TEST_PASSWORD } from '../factories/tenant.factory.js';

describe.each(testEngines())('CRM flow over HTTP [%s]', (engine) => {
  let t: TestApp;
  let agent: HttpSession;

  beforeAll(async () => {
    t = await createTestApp(engine);
    await createTenantWithStaff(t.services, 'acme');
    agent = await new HttpSession(t.app).login(`agent@acme.test`, TEST_PASSWORD);
  });
  afterAll(() => t.close());

  it('creates a customer, finds it by any phone format and by kana, logs an interaction and moves a case', async () => {
    const created = await agent.post('/api/v1/customers', {
      name: '山田 太郎', nameKana: 'ヤマダ タロウ', phones: [{ value: '090-1234-5678', label: '携帯' }], emails: [{ value: 'Taro@Example.jp' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;

    for (const q of ['09012345678', '+81 90 1234 5678', '０９０－１２３４－５６７８', '(090)1234-5678', 'ﾔﾏﾀﾞ', 'やまだ', 'taro@example.jp']) {
      const res = await agent.get(`/api/v1/customers?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((c: { id: string }) => c.id), q).toEqual([id]);
    }

    const lookup = await agent.get(`/api/v1/customers/lookup?phone=${encodeURIComponent('090 1234 5678')}`);
    expect(lookup.statusCode, lookup.body).toBe(200);
    expect(lookup.json().customer.id).toBe(id);
    expect(lookup.json().contactPoints[0].display).toBe('090-1234-5678');

    const ia = await agent.post('/api/v1/interactions', { customerId: id, channel: 'fax', direction: 'inbound', subject: '修理依頼', notes: 'FAXで修理の依頼' });
    expect(ia.statusCode, ia.body).toBe(201);
    const kase = await agent.post('/api/v1/cases', { title: '冷蔵庫の修理', customerId: id, interactionId: ia.json().id, priority: 'high' });
    expect(kase.statusCode, kase.body).toBe(201);
    expect(kase.json().displayNumber).toBe('C-000001');
    expect(kase.json().status).toBe('new');

    const bad = await agent.patch(`/api/v1/cases/${kase.json().id}`, { status: 'new' });
    expect(bad.statusCode).toBe(200);
    const moved = await agent.patch(`/api/v1/cases/${kase.json().id}`, { status: 'resolved' });
    expect(moved.json().status).toBe('resolved');
    const reopenedToPending = await agent.patch(`/api/v1/cases/${kase.json().id}`, { status: 'pending' });
    expect(reopenedToPending.statusCode).toBe(409);
    expect(reopenedToPending.json().code).toBe('invalid_transition');

    // The case list finds it by number, by title and by the customer's name in any script or width.
    for (const q of ['C-000001', '1', '修理', 'ﾔﾏﾀﾞ', 'やまだたろう']) {
      const list = await agent.get(`/api/v1/cases?q=${encodeURIComponent(q)}`);
      expect(list.json().items.map((c: { id: string }) => c.id), q).toEqual([kase.json().id]);
    }
    expect((await agent.get(`/api/v1/cases?q=${encodeURIComponent('鈴木')}`)).json().total).toBe(0);
    expect((await agent.get('/api/v1/cases?status=resolved&priority=high')).json().total).toBe(1);
    expect((await agent.get('/api/v1/cases?status=new&status=open')).json().total).toBe(0);

    const detail = await agent.get(`/api/v1/cases/${kase.json().id}`);
    expect(detail.json().interactions.map((i: { id: string }) => i.id)).toEqual([ia.json().id]);
  });
});
