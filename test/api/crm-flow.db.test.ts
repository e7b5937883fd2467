import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, HttpSession, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';
import { expectProblem } from '../support/http-expect.js';
import { createTenantWithStaff, TEST_PASSWORD } from '../factories/tenant.factory.js';

const csv = (...lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');

describe.each(testEngines())('CRM flow over HTTP [%s]', (engine) => {
  let t: TestApp;
  let agent: HttpSession;
  let supervisor: HttpSession;
  let admin: HttpSession;
  let other: HttpSession;

  beforeAll(async () => {
    t = await createTestApp(engine);
    await createTenantWithStaff(t.services, 'acme');
    await createTenantWithStaff(t.services, 'globex');
    agent = await new HttpSession(t.app).login(`agent@acme.test`, TEST_PASSWORD);
    supervisor = await new HttpSession(t.app).login(`supervisor@acme.test`, TEST_PASSWORD);
    admin = await new HttpSession(t.app).login(`admin@acme.test`, TEST_PASSWORD);
    other = await new HttpSession(t.app).login(`supervisor@globex.test`, TEST_PASSWORD);
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

  describe('VIP flag (優良顧客)', () => {
    const searchRow = async (s: HttpSession, q: string) =>
      ((await s.get(`/api/v1/customers?q=${encodeURIComponent(q)}`)).json().items as { id: string; vip: boolean }[]);

    it('is false unless given, is set and unset through the API, survives other edits and is audited', async () => {
      const plain = await agent.post('/api/v1/customers', { name: '普通 一郎', phones: [{ value: '03-5550-0001' }] });
      expect(plain.statusCode, plain.body).toBe(201);
      expect(plain.json().vip).toBe(false);

      const created = await agent.post('/api/v1/customers', { name: '優良 花子', vip: true, phones: [{ value: '03-5550-0002' }] });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      expect(created.json().vip).toBe(true);
      expect((await agent.get(`/api/v1/customers/${id}`)).json().vip).toBe(true);
      // Everywhere the customer is shown: the search results, the 360 and the screen-pop lookup.
      expect(await searchRow(agent, '優良')).toEqual([expect.objectContaining({ id, vip: true })]);
      expect(await searchRow(agent, '普通')).toEqual([expect.objectContaining({ id: plain.json().id, vip: false })]);
      expect((await agent.get(`/api/v1/customers/${id}/overview`)).json().customer).toMatchObject({ id, vip: true });
      expect((await agent.get(`/api/v1/customers/lookup?phone=${encodeURIComponent('0355500002')}`)).json().customer).toMatchObject({ id, vip: true });

      // A PATCH without vip keeps it; false unsets it; true sets it again.
      const edited = await agent.patch(`/api/v1/customers/${id}`, { notes: '担当指名あり' });
      expect(edited.json()).toMatchObject({ notes: '担当指名あり', vip: true });
      const unset = await agent.patch(`/api/v1/customers/${id}`, { vip: false });
      expect(unset.statusCode, unset.body).toBe(200);
      expect(unset.json().vip).toBe(false);
      expect((await agent.get(`/api/v1/customers/${id}`)).json().vip).toBe(false);
      expect((await agent.patch(`/api/v1/customers/${id}`, { vip: true })).json().vip).toBe(true);
      expect((await agent.get(`/api/v1/customers/${id}/overview`)).json().customer.vip).toBe(true);

      // Not a boolean: 400 naming the field, nothing changed.
      for (const vip of ['yes', 1, null]) {
        const body = expectProblem(await agent.patch(`/api/v1/customers/${id}`, { vip }), 400, 'validation_failed');
        expect(body.errors?.map((e) => e.path)).toContain('body.vip');
      }
      expect(expectProblem(await agent.post('/api/v1/customers', { name: '不正 値', vip: 'true' }), 400).errors?.map((e) => e.path)).toContain('body.vip');
      expect((await agent.get(`/api/v1/customers/${id}`)).json().vip).toBe(true);

      // Audited like any field change: the field name, never the values.
      const trail = (await admin.get(`/api/v1/audit?entity=customer&entityId=${id}&pageSize=100`)).json().items as { action: string; changes: unknown }[];
      expect(trail.reverse().map((i) => [i.action, i.changes])).toEqual([
        ['customer.create', null], ['customer.update', { fields: ['notes'] }], ['customer.update', { fields: ['vip'] }], ['customer.update', { fields: ['vip'] }],
      ]);
    });

    it('imports an optional VIP column (優良顧客 / VIP): yes and no values, a bad value as a row error', async () => {
      const upload = (body: Buffer) => supervisor.post('/api/v1/customers/import', body, { 'content-type': 'text/csv' });
      const res = await upload(csv(
        '氏名,電話番号,優良顧客',
        '取込 一号,03-5551-0001,はい',
        '取込 二号,03-5551-0002,いいえ',
        '取込 三号,03-5551-0003,',
        '取込 四号,03-5551-0004,たぶん',
        '取込 五号,03-5551-0005,TRUE',
        '取込 六号,03-5551-0006,0',
      ));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ totalRows: 6, created: 5, failed: 1, ignoredColumns: [] });
      expect(res.json().errors).toEqual([{ row: 5, column: '優良顧客', value: 'たぶん', message: expect.stringContaining('優良顧客 must be 1 or 0') }]);
      const vipOf = async (phone: string) => (await agent.get(`/api/v1/customers/lookup?phone=${phone}`)).json().customer?.vip as boolean | undefined;
      expect(await vipOf('0355510001')).toBe(true);
      expect(await vipOf('0355510002')).toBe(false);
      expect(await vipOf('0355510003')).toBe(false);
      expect(await vipOf('0355510005')).toBe(true);
      expect(await vipOf('0355510006')).toBe(false);
      expect((await agent.get('/api/v1/customers/lookup?phone=0355510004')).statusCode).toBe(404);

      // Another spelling of the header; re-importing merges by phone: yes raises the flag, no keeps a recorded VIP.
      const again = await upload(csv('name,phone,vip', '取込 二号,03-5551-0002,yes', '取込 一号,03-5551-0001,no', '取込 七号,03-5551-0007,1'));
      expect(again.json()).toMatchObject({ created: 1, updated: 1, unchanged: 1, failed: 0, errors: [] });
      expect(await vipOf('0355510002')).toBe(true);
      expect(await vipOf('0355510001')).toBe(true);
      expect(await vipOf('0355510007')).toBe(true);
    });

    it('stays inside its tenant: another tenant cannot see or change the flag, and its own import does not touch it', async () => {
      const mine = (await agent.post('/api/v1/customers', { name: '壁 一郎', vip: true, phones: [{ value: '03-5552-0001' }] })).json().id as string;
      expectProblem(await other.patch(`/api/v1/customers/${mine}`, { vip: false }), 404, 'not_found');
      expectProblem(await other.get(`/api/v1/customers/${mine}`), 404, 'not_found');
      expect(await searchRow(other, '壁')).toEqual([]);
      // The same phone in the other tenant is another customer, created there with its own flag.
      const imported = await other.post('/api/v1/customers/import', csv('氏名,電話番号,VIP', '壁 一郎,03-5552-0001,0'), { 'content-type': 'text/csv' });
      expect(imported.json()).toMatchObject({ created: 1, updated: 0, failed: 0 });
      expect((await other.get('/api/v1/customers/lookup?phone=0355520001')).json().customer).toMatchObject({ vip: false });
      expect((await agent.get(`/api/v1/customers/${mine}`)).json().vip).toBe(true);
      expect(await searchRow(agent, '壁')).toEqual([expect.objectContaining({ id: mine, vip: true })]);
    });
  });
});
