import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, HttpSession, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';
import { expectProblem } from '../support/http-expect.js';
import { createTenantWithStaff, TEST_PASSWORD } from '../factories/tenant.factory.js';

/** Runs one request of a cookie session with the CSRF header left out, then restores it. */
async function withoutCsrf<T>(s: HttpSession, fn: () => Promise<T>): Promise<T> {
  const saved = s.csrfToken;
  s.csrfToken = null;
  try {
    return await fn();
  } finally {
    s.csrfToken = saved;
  }
}

describe.each(testEngines())('CSRF protection of cookie sessions [%s]', (engine) => {
  let t: TestApp;
  let acme: Awaited<ReturnType<typeof createTenantWithStaff>>;
  let sup: HttpSession;
  let customerId: string;
  let caseId: string;

  const customerCount = async () => (await sup.get('/api/v1/customers')).json().total as number;

  beforeAll(async () => {
    t = await createTestApp(engine);
    acme = await createTenantWithStaff(t.services, 'acme');
    sup = await new HttpSession(t.app).login(acme.users.supervisor.email, TEST_PASSWORD);
    const c = await sup.post('/api/v1/customers', { name: '田中 花子', notes: '元のメモ' });
    expect(c.statusCode, c.body).toBe(201);
    customerId = c.json().id;
    const k = await sup.post('/api/v1/cases', { title: '元の件名', customerId });
    expect(k.statusCode, k.body).toBe(201);
    caseId = k.json().id;
  });
  afterAll(() => t.close());

  const forgeries: [string, (s: HttpSession, send: (h: Record<string, string>) => Promise<import('fastify').LightMyRequestResponse>) => Promise<import('fastify').LightMyRequestResponse>][] = [
    ['without X-CSRF-Token', (s, send) => withoutCsrf(s, () => send({}))],
    ['with a made-up X-CSRF-Token', (_s, send) => send({ 'x-csrf-token': 'forged-token' })],
    ['with an empty X-CSRF-Token', (_s, send) => send({ 'x-csrf-token': '' })],
  ];

  it.each(forgeries)('refuses POST, PATCH and DELETE %s with 403 csrf_invalid and writes nothing', async (_label, forge) => {
    const before = await customerCount();

    const post = await forge(sup, (h) => sup.post('/api/v1/customers', { name: '偽の顧客' }, h));
    expectProblem(post, 403, 'csrf_invalid');
    const patch = await forge(sup, (h) => sup.patch(`/api/v1/customers/${customerId}`, { name: '書き換え', notes: '改ざん' }, h));
    expectProblem(patch, 403, 'csrf_invalid');
    const move = await forge(sup, (h) => sup.patch(`/api/v1/cases/${caseId}`, { status: 'closed' }, h));
    expectProblem(move, 403, 'csrf_invalid');
    const del = await forge(sup, (h) => sup.delete(`/api/v1/customers/${customerId}`, h));
    expectProblem(del, 403, 'csrf_invalid');
    const logout = await forge(sup, (h) => sup.post('/api/v1/auth/logout', undefined, h));
    expectProblem(logout, 403, 'csrf_invalid');

    expect(await customerCount()).toBe(before);
    const c = await sup.get(`/api/v1/customers/${customerId}`);
    expect(c.statusCode).toBe(200);
    expect(c.json()).toMatchObject({ name: '田中 花子', notes: '元のメモ' });
    expect((await sup.get(`/api/v1/cases/${caseId}`)).json().status).toBe('new');
    expect((await sup.get('/api/v1/me')).statusCode).toBe(200);
    const search = await sup.get(`/api/v1/customers?q=${encodeURIComponent('偽の顧客')}`);
    expect(search.json().items).toEqual([]);
  });

  it('refuses the CSRF token of another session (tokens are bound to their secret)', async () => {
    const other = await new HttpSession(t.app).login(acme.users.agent.email, TEST_PASSWORD);
    expect(other.csrfToken).not.toBe(sup.csrfToken);
    const before = await customerCount();
    const res = await sup.post('/api/v1/customers', { name: '他人のトークン' }, { 'x-csrf-token': other.csrfToken! });
    expectProblem(res, 403, 'csrf_invalid');
    expect(await customerCount()).toBe(before);
  });

  it('refuses a session cookie without the CSRF secret cookie', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: acme.users.agent.email, password: TEST_PASSWORD } });
    const session = (login.cookies as { name: string; value: string }[]).find((c) => c.name === 'madoguchi_session')!.value;
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/customers', payload: { name: '秘密なし' },
      cookies: { madoguchi_session: session }, headers: { 'x-csrf-token': login.json().csrfToken },
    });
    expectProblem(res, 403, 'csrf_invalid');
    expect((await sup.get(`/api/v1/customers?q=${encodeURIComponent('秘密なし')}`)).json().items).toEqual([]);
  });

  it('accepts the same writes with the token from login and from /me', async () => {
    const post = await sup.post('/api/v1/customers', { name: '正規 の顧客' });
    expect(post.statusCode, post.body).toBe(201);
    const id = post.json().id as string;
    const patch = await sup.patch(`/api/v1/customers/${id}`, { notes: '正規の更新' });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(patch.json().notes).toBe('正規の更新');

    const me = await sup.get('/api/v1/me');
    sup.csrfToken = me.json().csrfToken;
    const del = await sup.delete(`/api/v1/customers/${id}`);
    expect(del.statusCode, del.body).toBe(204);
    expectProblem(await sup.get(`/api/v1/customers/${id}`), 404, 'not_found');
  });

  it('does not ask bearer-token calls for a CSRF token', async () => {
    const { token } = await t.services.auth.createApiToken({ tenantId: acme.tenant.id, role: 'supervisor', name: 'integration' });
    const api = HttpSession.withToken(t.app, token);
    const post = await api.post('/api/v1/customers', { name: 'API 経由' });
    expect(post.statusCode, post.body).toBe(201);
    const id = post.json().id as string;
    expect((await api.patch(`/api/v1/customers/${id}`, { notes: 'API更新' })).statusCode).toBe(200);
    expect((await api.delete(`/api/v1/customers/${id}`)).statusCode).toBe(204);
  });
});
