import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, HttpSession, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';
import { expectProblem } from '../support/http-expect.js';
import { createTenantWithStaff, TEST_PASSWORD } from '../factories/tenant.factory.js';
import { cases, interactions } from '../../src/server/db/schema.js';

const UNKNOWN = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const CARD = '4111 1111 1111 1111';

describe.each(testEngines())('bad input never breaks the API [%s]', (engine) => {
  let t: TestApp;
  let sup: HttpSession;
  let customerId: string;
  let interactionId: string;
  let caseId: string;

  const count = async () => (await sup.get('/api/v1/customers?pageSize=100')).json().total as number;

  beforeAll(async () => {
    t = await createTestApp(engine);
    await createTenantWithStaff(t.services, 'acme');
    sup = await new HttpSession(t.app).login('supervisor@acme.test', TEST_PASSWORD);
    for (const name of ['山田 太郎', '佐藤 花子', 'Suzuki Ichiro']) {
      const res = await sup.post('/api/v1/customers', { name });
      expect(res.statusCode, res.body).toBe(201);
      if (name === '山田 太郎') customerId = res.json().id;
    }
    const ia = await sup.post('/api/v1/interactions', { customerId, channel: 'phone', subject: '問い合わせ' });
    interactionId = ia.json().id;
    caseId = (await sup.post('/api/v1/cases', { title: '修理', customerId })).json().id;
  });
  afterAll(() => t.close());

  it('answers malformed JSON with 400 bad_request', async () => {
    const before = await count();
    for (const payload of ['{"name":', '{name: "x"}', "{'name':'x'}", '{"name":"x",}', 'undefined', '\u0000']) {
      const res = await sup.post('/api/v1/customers', payload, { 'content-type': 'application/json' });
      expectProblem(res, 400, 'bad_request');
    }
    expectProblem(await sup.post('/api/v1/customers', '', { 'content-type': 'application/json' }), 400, 'bad_request');
    expectProblem(await sup.patch(`/api/v1/cases/${caseId}`, '{"status":', { 'content-type': 'application/json' }), 400, 'bad_request');
    expect(await count()).toBe(before);
  });

  it('answers wrong types and missing required fields with 400 validation_failed naming each path', async () => {
    const cases: [string, string, unknown, string[]][] = [
      ['POST', '/api/v1/customers', {}, ['body.name']],
      ['POST', '/api/v1/customers', { name: 42, kind: 'robot', consentMarketing: 'yes' }, ['body.name', 'body.kind', 'body.consentMarketing']],
      ['POST', '/api/v1/customers', { name: 'x', phones: 'not-a-list' }, ['body.phones']],
      ['POST', '/api/v1/customers', { name: 'x', phones: [{ label: '携帯' }] }, ['body.phones.0.value']],
      ['POST', '/api/v1/customers', [], ['body']],
      ['POST', '/api/v1/interactions', { channel: 'pigeon' }, ['body.channel']],
      ['POST', '/api/v1/interactions', { channel: 'phone', customerId: 'abc', offeredAt: 'yesterday' }, ['body.customerId', 'body.offeredAt']],
      ['POST', '/api/v1/cases', { title: '' }, ['body.title']],
      ['POST', '/api/v1/cases', { title: 'x', priority: 'asap', dueAt: 12 }, ['body.priority', 'body.dueAt']],
      ['PATCH', `/api/v1/cases/${caseId}`, { status: 'done' }, ['body.status']],
      ['POST', '/api/v1/orders', { customerId, lines: [] }, ['body.lines']],
      ['POST', '/api/v1/orders', { customerId, lines: [{ name: 'x', quantity: -1, unitPriceJpy: 1.5 }] }, ['body.lines.0.quantity', 'body.lines.0.unitPriceJpy']],
      ['POST', '/api/v1/products', { sku: 'A', name: 'B', priceJpy: '100' }, ['body.priceJpy']],
      ['GET', '/api/v1/cases?overdue=maybe', undefined, ['querystring.overdue']],
      ['GET', '/api/v1/customers/lookup', undefined, ['querystring']],
      ['GET', '/api/v1/customers/lookup?phone=0312345678&email=a@b.jp', undefined, ['querystring']],
    ];
    const before = await count();
    for (const [method, url, body, paths] of cases) {
      const res = await sup.request(method as 'POST', url, body as object | undefined);
      const p = expectProblem(res, 400, 'validation_failed');
      const got = (p.errors ?? []).map((e) => e.path);
      for (const path of paths) expect(got, `${method} ${url} ${JSON.stringify(body)} → ${res.body}`).toContain(path);
      for (const e of p.errors ?? []) expect(e.message, url).toBeTruthy();
    }
    expect(await count()).toBe(before);
  });

  it('answers a body over 1 MiB with 413', async () => {
    const before = await count();
    const big = JSON.stringify({ name: '巨大', notes: 'あ'.repeat(400_000) });
    expect(Buffer.byteLength(big)).toBeGreaterThan(1024 * 1024);
    expectProblem(await sup.post('/api/v1/customers', big, { 'content-type': 'application/json' }), 413, 'payload_too_large');
    expectProblem(await sup.post('/api/v1/interactions', JSON.stringify({ channel: 'phone', notes: 'x'.repeat(1024 * 1024 + 10) }), { 'content-type': 'application/json' }), 413, 'payload_too_large');
    expect(await count()).toBe(before);
  });

  it('answers unsupported content types with 415', async () => {
    const before = await count();
    for (const [type, payload] of [
      ['application/xml', '<customer><name>x</name></customer>'],
      ['application/x-www-form-urlencoded', 'name=x'],
      ['multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--xyz--'],
      ['text/plain', '{"name":"x"}'],
      ['text/html', '<b>x</b>'],
    ] as const) {
      expectProblem(await sup.post('/api/v1/customers', payload, { 'content-type': type }), 415, 'unsupported_media_type');
    }
    expect(await count()).toBe(before);
  });

  it('answers unknown ids with 404 and non-UUID ids with 400', async () => {
    const paths = ['customers', 'customers/{id}/overview', 'customers/{id}/contact-points', 'customers/{id}/owned-products', 'products', 'orders', 'interactions', 'cases'];
    for (const p of paths) {
      const url = (id: string) => (p.includes('{id}') ? `/api/v1/${p.replace('{id}', id)}` : `/api/v1/${p}/${id}`);
      expectProblem(await sup.get(url(UNKNOWN)), 404, 'not_found');
      for (const bad of ['123', 'not-a-uuid', "1' OR '1'='1", `${UNKNOWN}x`, '..%2F..%2Fetc%2Fpasswd']) {
        const res = await sup.get(url(bad));
        const body = expectProblem(res, 400, 'validation_failed');
        expect(body.errors?.map((e) => e.path), url(bad)).toContain('params.id');
      }
    }
    for (const [method, url] of [
      ['PATCH', '/api/v1/customers'], ['DELETE', '/api/v1/customers'], ['PATCH', '/api/v1/products'], ['DELETE', '/api/v1/products'],
      ['PATCH', '/api/v1/owned-products'], ['DELETE', '/api/v1/owned-products'], ['DELETE', '/api/v1/contact-points'],
      ['PATCH', '/api/v1/orders'], ['DELETE', '/api/v1/orders'], ['PATCH', '/api/v1/interactions'], ['DELETE', '/api/v1/interactions'],
      ['PATCH', '/api/v1/cases'], ['DELETE', '/api/v1/cases'],
    ] as const) {
      const body = method === 'PATCH' ? (url.endsWith('orders') ? { status: 'x' } : {}) : undefined;
      expectProblem(await sup.request(method, `${url}/${UNKNOWN}`, body), 404, 'not_found');
      expectProblem(await sup.request(method, `${url}/nope`, body), 400, 'validation_failed');
    }
    // Unknown ids named in bodies and filters are 404 too, not a foreign-key 500.
    expectProblem(await sup.post('/api/v1/interactions', { channel: 'phone', customerId: UNKNOWN }), 404, 'not_found');
    expectProblem(await sup.post('/api/v1/cases', { title: 'x', interactionId: UNKNOWN }), 404, 'not_found');
    expectProblem(await sup.post('/api/v1/orders', { customerId: UNKNOWN, lines: [{ name: 'x', quantity: 1, unitPriceJpy: 1 }] }), 404, 'not_found');
    expectProblem(await sup.get(`/api/v1/interactions?caseId=${UNKNOWN}`), 404, 'not_found');
  });

  it('answers absurd paging with 400', async () => {
    for (const list of ['customers', 'products', 'orders', 'interactions', 'cases', 'audit']) {
      for (const q of ['page=0', 'pageSize=1000', 'pageSize=0', 'page=-1', 'page=abc', 'pageSize=1e9', 'page=1.5']) {
        const res = await sup.request('GET', `/api/v1/${list}?${q}`);
        if (list === 'audit') {
          // The audit log needs admin; its paging is checked below with an admin session.
          expectProblem(res, 403, 'forbidden');
          continue;
        }
        const body = expectProblem(res, 400, 'validation_failed');
        expect(body.errors?.[0]?.path, `${list}?${q}`).toMatch(/^querystring\.(page|pageSize)$/);
      }
    }
    const admin = await new HttpSession(t.app).login('admin@acme.test', TEST_PASSWORD);
    for (const q of ['page=0', 'pageSize=1000', 'page=abc']) expectProblem(await admin.get(`/api/v1/audit?${q}`), 400, 'validation_failed');
    expectProblem(await sup.get('/api/v1/customers?page=100001'), 400, 'validation_failed');
    const fine = await sup.get('/api/v1/customers?page=1&pageSize=100');
    expect(fine.statusCode).toBe(200);
  });

  it('refuses impossible phone numbers with 400 naming the number', async () => {
    const before = await count();
    for (const phone of ['12345', '090-1234-567', '+81 00 0000 0000', '0120-abc-123', '09012345678 内線12']) {
      const created = await sup.post('/api/v1/customers', { name: '電話 不正', phones: [{ value: phone }] });
      const p = expectProblem(created, 400, 'validation_failed');
      expect(p.detail, phone).toContain(phone);
      expect(p.errors?.find((e) => e.path === 'phones.0.value')?.message, phone).toContain(phone);

      const added = await sup.post(`/api/v1/customers/${customerId}/contact-points`, { kind: 'phone', value: phone });
      expect(expectProblem(added, 400, 'validation_failed').detail).toContain(phone);

      const lookup = await sup.get(`/api/v1/customers/lookup?phone=${encodeURIComponent(phone)}`);
      expect(expectProblem(lookup, 400, 'validation_failed').detail).toContain(phone);
    }
    // All bad numbers are reported together, each with its own path.
    const many = await sup.post('/api/v1/customers', { name: '複数', phones: [{ value: '03-1234-5678' }, { value: '12345' }, { value: '090-1234-567' }], emails: [{ value: 'not-mail' }] });
    const p = expectProblem(many, 400, 'validation_failed');
    expect(p.errors?.map((e) => e.path)).toEqual(['phones.1.value', 'phones.2.value', 'emails.0.value']);
    expect(await count()).toBe(before);
    expect((await sup.get(`/api/v1/customers/${customerId}/contact-points`)).json().items).toEqual([]);
  });

  it('treats SQL-ish and LIKE wildcard input in q as plain text', async () => {
    const ids = async (url: string) => (await sup.get(url)).json().items.map((x: { id: string }) => x.id) as string[];
    for (const q of ["' OR 1=1 --", "'; DROP TABLE customers; --", '%', '%%', '_', '__', '\\', '\\%', '*', "'", '"', '1=1']) {
      for (const list of ['customers', 'cases', 'products']) {
        const res = await sup.get(`/api/v1/${list}?q=${encodeURIComponent(q)}`);
        expect(res.statusCode, `${list} q=${q} ${res.body}`).toBe(200);
        expect(res.json().items, `${list} q=${q}`).toEqual([]);
        expect(res.json().total, `${list} q=${q}`).toBe(0);
      }
    }
    expect(await count()).toBe(3);

    // Honest matches: names that really contain the characters are found, and only they.
    const mk = async (name: string) => (await sup.post('/api/v1/customers', { name })).json().id as string;
    const pct = await mk('100%天然');
    const under = await mk('A_B 商事');
    const slash = await mk('C:\\窓口');
    const quote = await mk("O'Brien");
    expect(await ids(`/api/v1/customers?q=${encodeURIComponent('%')}`)).toEqual([pct]);
    expect(await ids(`/api/v1/customers?q=${encodeURIComponent('_')}`)).toEqual([under]);
    expect(await ids(`/api/v1/customers?q=${encodeURIComponent('\\')}`)).toEqual([slash]);
    expect(await ids(`/api/v1/customers?q=${encodeURIComponent("o'b")}`)).toEqual([quote]);
    expect(await ids(`/api/v1/customers?q=${encodeURIComponent("' OR 1=1 --")}`)).toEqual([]);
    expect((await sup.get('/api/v1/customers?pageSize=100')).json().total).toBe(7);

    const product = async (sku: string, name: string) => (await sup.post('/api/v1/products', { sku, name })).json().id as string;
    const p1 = await product('SKU_1', '普通の品');
    await product('SKUX1', '50%オフ品');
    expect(await ids(`/api/v1/products?q=${encodeURIComponent('_')}`)).toEqual([p1]);
    expect(await ids(`/api/v1/products?q=${encodeURIComponent('SKU_')}`)).toEqual([p1]);
    expect((await sup.get(`/api/v1/products?q=${encodeURIComponent('%')}`)).json().items.map((x: { name: string }) => x.name)).toEqual(['50%オフ品']);

    const k = (await sup.post('/api/v1/cases', { title: '返金 100% 希望' })).json().id as string;
    expect(await ids(`/api/v1/cases?q=${encodeURIComponent('%')}`)).toEqual([k]);
  });

  it('refuses NUL characters anywhere in bodies and queries with 400 naming the field (PostgreSQL text cannot hold them)', async () => {
    const before = await count();
    const posts: [string, unknown, string][] = [
      ['/api/v1/customers', { name: 'a\u0000b' }, 'body.name'],
      ['/api/v1/customers', { name: 'ok', phones: [{ value: '03-1234-5678', label: 'x\u0000' }] }, 'body.phones.0.label'],
      ['/api/v1/interactions', { channel: 'phone', notes: 'メモ\u0000' }, 'body.notes'],
      ['/api/v1/cases', { title: '件名\u0000' }, 'body.title'],
      ['/api/v1/products', { sku: 'NUL\u0000', name: 'x' }, 'body.sku'],
    ];
    for (const [url, body, path] of posts) {
      const p = expectProblem(await sup.post(url, body as object), 400, 'validation_failed');
      expect(p.errors?.map((e) => e.path), url).toContain(path);
    }
    for (const url of [
      '/api/v1/customers?q=a%00b', '/api/v1/cases?q=%00', '/api/v1/products?q=%00', '/api/v1/customers/lookup?serial=AB%00123',
      '/api/v1/customers/lookup?email=a%00%40b.jp', '/api/v1/customers/lookup?phone=03%0012345678', '/api/v1/cases?department=%00',
    ]) {
      const p = expectProblem(await sup.get(url), 400, 'validation_failed');
      expect(p.errors?.[0]?.path, url).toMatch(/^querystring\./);
    }
    expect(await count()).toBe(before);
  });

  it('refuses years outside 1900–9999 with 400 instead of a database error', async () => {
    for (const at of ['0000-01-01T00:00:00Z', '0001-01-01T00:00:00+09:00', '1899-12-31T23:59:59Z', '9999-12-31T23:59:59-09:00']) {
      expectProblem(await sup.post('/api/v1/interactions', { channel: 'phone', offeredAt: at }), 400, 'validation_failed');
      expectProblem(await sup.post('/api/v1/cases', { title: 'x', dueAt: at }), 400, 'validation_failed');
      expectProblem(await sup.post('/api/v1/orders', { customerId, orderedAt: at, lines: [{ name: 'x', quantity: 1, unitPriceJpy: 1 }] }), 400, 'validation_failed');
      expectProblem(await sup.get(`/api/v1/interactions?from=${encodeURIComponent(at)}`), 400, 'validation_failed');
    }
    const product = (await sup.post('/api/v1/products', { sku: 'DATE-1', name: '日付' })).json().id as string;
    for (const day of ['0000-01-01', '2024-02-30', '10000-01-01', '2024-13-01']) {
      expectProblem(await sup.post(`/api/v1/customers/${customerId}/owned-products`, { productId: product, purchasedOn: day }), 400, 'validation_failed');
    }
    const ok = await sup.post('/api/v1/interactions', { channel: 'phone', offeredAt: '2099-12-31T23:59:59+09:00' });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('refuses an order whose total does not fit the total column with 400', async () => {
    const before = (await sup.get('/api/v1/orders')).json().total as number;
    const p = expectProblem(await sup.post('/api/v1/orders', { customerId, lines: [{ name: '高額', quantity: 100_000, unitPriceJpy: 100_000_000 }] }), 400, 'validation_failed');
    expect(p.errors?.map((e) => e.path)).toContain('body.lines');
    expectProblem(await sup.post('/api/v1/orders', { customerId, lines: Array.from({ length: 30 }, () => ({ name: '品', quantity: 1, unitPriceJpy: 100_000_000 })) }), 400, 'validation_failed');
    expect((await sup.get('/api/v1/orders')).json().total).toBe(before);
    const fits = await sup.post('/api/v1/orders', { customerId, lines: [{ name: '上限', quantity: 21, unitPriceJpy: 100_000_000 }] });
    expect(fits.statusCode, fits.body).toBe(201);
    expect(fits.json().totalJpy).toBe(2_100_000_000);
  });

  it('answers conflicts and empty updates without a 500', async () => {
    const a = (await sup.post('/api/v1/products', { sku: 'CONF-A', name: 'A' })).json().id as string;
    const b = (await sup.post('/api/v1/products', { sku: 'CONF-B', name: 'B' })).json().id as string;
    expectProblem(await sup.post('/api/v1/products', { sku: 'CONF-A', name: 'again' }), 409, 'duplicate');
    expectProblem(await sup.patch(`/api/v1/products/${b}`, { sku: 'CONF-A' }), 409, 'duplicate');
    expect((await sup.get(`/api/v1/products/${b}`)).json().sku).toBe('CONF-B');

    const owned = await sup.post(`/api/v1/customers/${customerId}/owned-products`, { productId: a, serial: 'SN-CONF-1' });
    expect(owned.statusCode, owned.body).toBe(201);
    const other = (await sup.post(`/api/v1/customers/${customerId}/owned-products`, { productId: a, serial: 'SN-CONF-2' })).json().id as string;
    expectProblem(await sup.post(`/api/v1/customers/${customerId}/owned-products`, { productId: a, serial: 'sn conf 1' }), 409, 'duplicate');
    expectProblem(await sup.patch(`/api/v1/owned-products/${other}`, { serial: 'SN-CONF-1' }), 409, 'duplicate');
    for (const serial of ['---', '///', ' . ']) {
      expectProblem(await sup.patch(`/api/v1/owned-products/${owned.json().id}`, { serial }), 400, 'validation_failed');
    }
    expect((await sup.get(`/api/v1/customers/${customerId}/owned-products`)).json().items.map((o: { serial: string }) => o.serial).sort()).toEqual(['SN-CONF-1', 'SN-CONF-2']);
    expectProblem(await sup.delete(`/api/v1/products/${a}`), 409, 'conflict');

    // An empty PATCH body changes nothing and answers with the record.
    for (const url of [`/api/v1/customers/${customerId}`, `/api/v1/products/${a}`, `/api/v1/owned-products/${owned.json().id}`, `/api/v1/interactions/${interactionId}`, `/api/v1/cases/${caseId}`]) {
      const res = await sup.patch(url, {});
      expect(res.statusCode, `${url} ${res.body}`).toBe(200);
      expect(res.json().id).toBe(url.split('/').pop());
    }
    expect((await sup.get(`/api/v1/customers/${customerId}/owned-products`)).json().items.find((o: { id: string }) => o.id === owned.json().id).serial).toBe('SN-CONF-1');
  });

  it('refuses interaction timestamps out of order with 400, on create and on update', async () => {
    const before = (await sup.get('/api/v1/interactions')).json().total as number;
    const bad = await sup.post('/api/v1/interactions', {
      channel: 'phone', offeredAt: '2025-04-01T10:00:00+09:00', answeredAt: '2025-04-01T09:59:00+09:00', endedAt: '2025-04-01T10:05:00+09:00',
    });
    const p = expectProblem(bad, 400, 'validation_failed');
    expect(p.errors?.map((e) => e.path)).toContain('answeredAt');
    const ended = await sup.post('/api/v1/interactions', { channel: 'phone', answeredAt: '2025-04-01T10:00:00Z', endedAt: '2025-04-01T09:00:00Z' });
    expectProblem(ended, 400, 'validation_failed');
    const wrap = await sup.post('/api/v1/interactions', { channel: 'phone', endedAt: '2025-04-01T10:00:00Z', wrapUpEndedAt: '2025-04-01T09:59:59Z' });
    expectProblem(wrap, 400, 'validation_failed');
    expect((await sup.get('/api/v1/interactions')).json().total).toBe(before);

    const ok = await sup.post('/api/v1/interactions', { channel: 'phone', offeredAt: '2025-04-01T01:00:00Z', answeredAt: '2025-04-01T01:00:20Z', endedAt: '2025-04-01T01:05:00Z' });
    expect(ok.statusCode, ok.body).toBe(201);
    // An update that would put the end before the existing answer time is refused and changes nothing.
    const upd = await sup.patch(`/api/v1/interactions/${ok.json().id}`, { endedAt: '2025-04-01T00:59:00Z' });
    expectProblem(upd, 400, 'validation_failed');
    expect((await sup.get(`/api/v1/interactions/${ok.json().id}`)).json().endedAt).toBe('2025-04-01T01:05:00.000Z');
  });

  it('masks card numbers in interaction and case text: never stored, never returned', async () => {
    const variants = [CARD, '4111-1111-1111-1111', '4111111111111111', '４１１１ １１１１ １１１１ １１１１', '5500 0000 0000 0004'];
    const notes = `お客様がカード番号 ${variants.join(' / ')} を読み上げた。注文番号 1234567890123 は残す。`;
    const res = await sup.post('/api/v1/interactions', { customerId, channel: 'phone', subject: `カード ${CARD}`, notes });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;

    const leaks = (s: string) => {
      const digits = s.normalize('NFKC').replace(/[\s-]/g, '');
      return digits.includes('4111111111111111') || digits.includes('5500000000000004');
    };
    for (const body of [res.body, (await sup.get(`/api/v1/interactions/${id}`)).body, (await sup.get(`/api/v1/customers/${customerId}/overview`)).body]) {
      expect(leaks(body), body.slice(0, 300)).toBe(false);
    }
    const got = (await sup.get(`/api/v1/interactions/${id}`)).json();
    expect(got.notes).toContain('****1111');
    expect(got.notes).toContain('****0004');
    expect(got.notes).toContain('1234567890123'); // not a card number (fails Luhn): kept
    expect(got.subject).toContain('****1111');

    const [row] = await t.db.database.db.select({ notes: interactions.notes, subject: interactions.subject }).from(interactions).where(eq(interactions.id, id));
    expect(leaks(row!.notes ?? ''), row!.notes ?? '').toBe(false);
    expect(leaks(row!.subject ?? '')).toBe(false);

    const upd = await sup.patch(`/api/v1/interactions/${interactionId}`, { notes: `追記: ${CARD}` });
    expect(upd.statusCode).toBe(200);
    expect(leaks(upd.body)).toBe(false);
    const [row2] = await t.db.database.db.select({ notes: interactions.notes }).from(interactions).where(eq(interactions.id, interactionId));
    expect(leaks(row2!.notes ?? '')).toBe(false);

    const k = await sup.post('/api/v1/cases', { title: `返金 ${CARD}`, description: `カード ${CARD}` });
    expect(k.statusCode).toBe(201);
    expect(leaks(k.body)).toBe(false);
    const [caseRow] = await t.db.database.db.select({ title: cases.title, description: cases.description }).from(cases).where(eq(cases.id, k.json().id));
    expect(leaks(`${caseRow!.title} ${caseRow!.description}`)).toBe(false);
  });
});
