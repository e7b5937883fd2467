import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createTestApp, HttpSession, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';
import { buildVariantApp, expectProblem } from '../support/http-expect.js';
import { createTenantWithStaff, TEST_PASSWORD } from '../factories/tenant.factory.js';
import { apiTokens, sessions, users } from '../../src/server/db/schema.js';
import { sha256 } from '../../src/server/platform/secrets.js';

const SESSION = 'madoguchi_session';
const login = (app: FastifyInstance, email: string, password: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, headers });

function sessionCookie(res: LightMyRequestResponse) {
  const raw = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${SESSION}=`));
  expect(raw, `no ${SESSION} cookie in ${JSON.stringify(res.headers['set-cookie'])}`).toBeDefined();
  const attrs = raw!.split(';').slice(1).map((a) => a.trim().toLowerCase());
  return { raw: raw!, value: raw!.slice(SESSION.length + 1).split(';')[0]!, attrs };
}

describe.each(testEngines())('authentication [%s]', (engine) => {
  let t: TestApp;
  let acme: Awaited<ReturnType<typeof createTenantWithStaff>>;

  beforeAll(async () => {
    t = await createTestApp(engine);
    acme = await createTenantWithStaff(t.services, 'acme');
  });
  afterAll(() => t.close());

  it('stores argon2id password hashes and never returns a hash from any endpoint', async () => {
    const rows = await t.db.database.db.select({ email: users.email, hash: users.passwordHash }).from(users);
    expect(rows.length).toBe(5);
    for (const r of rows) expect(r.hash, r.email).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);

    const token = await t.services.auth.createApiToken({ tenantId: acme.tenant.id, role: 'admin', name: 'scan' });
    const [tokenRow] = await t.db.database.db.select({ hash: apiTokens.tokenHash }).from(apiTokens).where(eq(apiTokens.id, token.id));

    const admin = new HttpSession(t.app);
    const loginRes = await admin.post('/api/v1/auth/login', { email: acme.users.admin.email, password: TEST_PASSWORD });
    expect(loginRes.statusCode).toBe(200);
    admin.csrfToken = loginRes.json().csrfToken;
    const sessionId = sha256(sessionCookie(loginRes).value);

    const created = await admin.post('/api/v1/customers', { name: '鈴木 一郎', phones: [{ value: '03-1234-5678' }], emails: [{ value: 'ichiro@example.jp' }] });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    await admin.patch(`/api/v1/customers/${id}`, { notes: 'メモ' });

    const bodies: [string, string][] = [['login', loginRes.body]];
    for (const url of ['/api/v1/me', '/api/v1/users', '/api/v1/customers', `/api/v1/customers/${id}`, `/api/v1/customers/${id}/overview`, '/api/v1/audit', '/api/v1/audit?entity=user']) {
      const res = await admin.get(url);
      expect(res.statusCode, `${url} ${res.body}`).toBe(200);
      bodies.push([url, res.body]);
    }
    const viaToken = await HttpSession.withToken(t.app, token.token).get('/api/v1/users');
    expect(viaToken.statusCode).toBe(200);
    bodies.push(['users via token', viaToken.body]);

    const secrets = [...rows.map((r) => r.hash), tokenRow!.hash, sessionId, token.token];
    for (const [url, body] of bodies) {
      expect(body, url).not.toMatch(/password_?hash|token_?hash|\$argon2/i);
      for (const s of secrets) expect(body.includes(s), `${url} leaks a secret`).toBe(false);
    }
  });

  it('sets an HttpOnly, SameSite=Lax session cookie that is not Secure over plain http', async () => {
    const res = await login(t.app, acme.users.agent.email, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const c = sessionCookie(res);
    expect(c.attrs).toContain('httponly');
    expect(c.attrs).toContain('samesite=lax');
    expect(c.attrs).toContain('path=/');
    expect(c.attrs).not.toContain('secure');
    expect(c.value.length).toBeGreaterThanOrEqual(43); // 256 random bits, base64url
    // A forged x-forwarded-proto is ignored while the proxy is not trusted.
    const forged = await login(t.app, acme.users.agent.email, TEST_PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(sessionCookie(forged).attrs).not.toContain('secure');
  });

  it('marks the cookie Secure behind a trusted https proxy', async () => {
    const app = await buildVariantApp(t, { MADOGUCHI_TRUST_PROXY: 'true' });
    try {
      const https = sessionCookie(await login(app, acme.users.agent.email, TEST_PASSWORD, { 'x-forwarded-proto': 'https' }));
      expect(https.attrs).toContain('secure');
      expect(https.attrs).toContain('httponly');
      expect(https.attrs).toContain('samesite=lax');
      const http = sessionCookie(await login(app, acme.users.agent.email, TEST_PASSWORD, { 'x-forwarded-proto': 'http' }));
      expect(http.attrs).not.toContain('secure');
    } finally {
      await app.close();
    }
  });

  it('marks the cookie Secure when MADOGUCHI_COOKIE_SECURE=true even over http', async () => {
    const app = await buildVariantApp(t, { MADOGUCHI_COOKIE_SECURE: 'true' });
    try {
      const c = sessionCookie(await login(app, acme.users.agent.email, TEST_PASSWORD));
      expect(c.attrs).toContain('secure');
      expect(c.attrs).toContain('httponly');
    } finally {
      await app.close();
    }
  });

  it('logout deletes the session on the server: the old cookie no longer works', async () => {
    const res = await login(t.app, acme.users.supervisor.email, TEST_PASSWORD);
    const stolen = sessionCookie(res).value;
    // Another login of the same user is a separate session: logging one out keeps the other.
    const other = await new HttpSession(t.app).login(acme.users.supervisor.email, TEST_PASSWORD);
    const before = await t.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { [SESSION]: stolen } });
    expect(before.statusCode).toBe(200);

    const out = await t.app.inject({
      method: 'POST', url: '/api/v1/auth/logout', cookies: { [SESSION]: stolen, _csrf: csrfSecretOf(res) }, headers: { 'x-csrf-token': res.json().csrfToken },
    });
    expect(out.statusCode, out.body).toBe(204);
    const cleared = sessionCookie(out);
    expect(cleared.value).toBe('');

    const after = await t.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { [SESSION]: stolen } });
    expectProblem(after, 401, 'unauthenticated');
    const rows = await t.db.database.db.select().from(sessions).where(eq(sessions.id, sha256(stolen)));
    expect(rows).toEqual([]);
    expect((await other.get('/api/v1/me')).statusCode).toBe(200);
  });

  it('answers an unknown e-mail and a wrong password with the same status and byte-identical body', async () => {
    const unknown = await login(t.app, 'nobody@acme.test', TEST_PASSWORD);
    const wrong = await login(t.app, acme.users.agent.email, 'wrong-password-123');
    expectProblem(unknown, 401, 'invalid_credentials');
    expectProblem(wrong, 401, 'invalid_credentials');
    expect(wrong.body).toBe(unknown.body);
    expect(wrong.headers['content-type']).toBe(unknown.headers['content-type']);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect(unknown.headers['set-cookie']).toBeUndefined();
  });

  it('rate-limits login attempts: the 4th within a minute is 429 problem+json, even with the right password', async () => {
    const app = await buildVariantApp(t, { MADOGUCHI_LOGIN_RATE_LIMIT: '3' });
    try {
      for (let i = 0; i < 3; i++) expectProblem(await login(app, acme.users.agent.email, `wrong-${i}-password`), 401, 'invalid_credentials');
      const limited = await login(app, acme.users.agent.email, TEST_PASSWORD);
      expectProblem(limited, 429, 'rate_limited');
      expect(limited.headers['set-cookie']).toBeUndefined();
    } finally {
      await app.close();
    }
  });

  it('refuses disabled users at login and drops their live sessions', async () => {
    const u = await t.services.users.createUser({ email: 'leaver@acme.test', password: TEST_PASSWORD, displayName: 'Leaver' });
    await t.services.users.grantRole(u.id, acme.tenant.id, 'agent');
    const s = await new HttpSession(t.app).login('leaver@acme.test', TEST_PASSWORD);
    expect((await s.get('/api/v1/customers')).statusCode).toBe(200);

    await t.db.database.db.update(users).set({ disabled: true }).where(eq(users.id, u.id));
    const res = await login(t.app, 'leaver@acme.test', TEST_PASSWORD);
    expectProblem(res, 401, 'invalid_credentials');
    expect(res.body).toBe((await login(t.app, 'nobody@acme.test', TEST_PASSWORD)).body);
    expectProblem(await s.get('/api/v1/customers'), 401, 'unauthenticated');
  });

  it('accepts bearer API tokens; revoked, unknown and malformed ones get 401 problem+json', async () => {
    const { id, token } = await t.services.auth.createApiToken({ tenantId: acme.tenant.id, role: 'agent', name: 'crm-sync' });
    expect(token).toMatch(/^mdg_/);
    const client = HttpSession.withToken(t.app, token);
    const ok = await client.get('/api/v1/customers');
    expect(ok.statusCode, ok.body).toBe(200);
    const created = await client.post('/api/v1/customers', { name: 'トークン 経由' });
    expect(created.statusCode, created.body).toBe(201);

    const [row] = await t.db.database.db.select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(row!.tokenHash).toBe(sha256(token));
    expect(row!.tokenHash).not.toContain(token);

    expectProblem(await HttpSession.withToken(t.app, `mdg_${'A'.repeat(43)}`).get('/api/v1/customers'), 401, 'unauthenticated');
    expectProblem(await HttpSession.withToken(t.app, token.slice(0, -1)).get('/api/v1/customers'), 401, 'unauthenticated');

    await t.db.database.db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, id));
    expectProblem(await client.get('/api/v1/customers'), 401, 'unauthenticated');
    expectProblem(await client.post('/api/v1/customers', { name: '失効後' }), 401, 'unauthenticated');

    for (const authorization of [`Basic ${Buffer.from('a:b').toString('base64')}`, 'Bearer', 'Bearer ', `Bearer ${token} extra`, token, 'Token abc']) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/customers', headers: { authorization } });
      expectProblem(res, 401, 'unauthenticated');
    }
    // A malformed header is not silently ignored in favour of a valid session cookie.
    const s = await new HttpSession(t.app).login(acme.users.agent.email, TEST_PASSWORD);
    expectProblem(await s.get('/api/v1/customers', { authorization: 'Basic Zm9vOmJhcg==' }), 401, 'unauthenticated');
  });
});

function csrfSecretOf(res: LightMyRequestResponse): string {
  const c = (res.cookies as { name: string; value: string }[]).find((x) => x.name === '_csrf');
  expect(c, 'login sets the CSRF secret cookie').toBeDefined();
  return c!.value;
}

describe.each(testEngines())('session lifetime [%s]', (engine) => {
  let t: TestApp;
  let now = new Date('2026-04-01T00:00:00Z');
  const advance = (ms: number) => { now = new Date(now.getTime() + ms); };
  const HOUR = 3_600_000;

  beforeAll(async () => {
    t = await createTestApp(engine, { clock: { now: () => now }, env: { MADOGUCHI_SESSION_TTL_HOURS: '12' } });
    await createTenantWithStaff(t.services, 'acme');
  });
  afterAll(() => t.close());

  it('expires an idle session after the TTL and slides it while in use', async () => {
    const idle = await new HttpSession(t.app).login('agent@acme.test', TEST_PASSWORD);
    const busy = await new HttpSession(t.app).login('supervisor@acme.test', TEST_PASSWORD);
    advance(6 * HOUR);
    expect((await busy.get('/api/v1/me')).statusCode).toBe(200); // extends the busy session to now + 12 h
    advance(6 * HOUR + 60_000);
    expectProblem(await idle.get('/api/v1/me'), 401, 'unauthenticated');
    expectProblem(await idle.post('/api/v1/customers', { name: '期限切れ' }), 401, 'unauthenticated');
    expect((await busy.get('/api/v1/me')).statusCode).toBe(200);
    advance(12 * HOUR + 60_000);
    expectProblem(await busy.get('/api/v1/me'), 401, 'unauthenticated');
  });
});
