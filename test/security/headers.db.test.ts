import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createTestApp, HttpSession, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';
import { buildVariantApp, expectProblem } from '../support/http-expect.js';
import { createTenantWithStaff, TEST_PASSWORD } from '../factories/tenant.factory.js';

const EVIL = 'https://evil.example';
const CONSOLE = 'https://console.example.jp';

function directives(res: LightMyRequestResponse): Map<string, string> {
  const csp = res.headers['content-security-policy'];
  expect(csp, `no CSP on ${res.statusCode} ${res.headers['content-type']}`).toBeTypeOf('string');
  return new Map((csp as string).split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...values] = d.split(/\s+/);
    return [name!.toLowerCase(), values.join(' ')] as const;
  }));
}

function expectSecurityHeaders(res: LightMyRequestResponse, what: string) {
  const csp = directives(res);
  expect(csp.get('frame-ancestors'), what).toBe("'none'");
  expect(csp.get('default-src'), what).toBe("'self'");
  expect(csp.get('object-src'), what).toBe("'none'");
  expect(csp.get('script-src') ?? '', what).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  expect(res.headers['x-content-type-options'], what).toBe('nosniff');
  expect(['DENY', 'SAMEORIGIN'], what).toContain(res.headers['x-frame-options']);
  expect(['no-referrer', 'same-origin', 'strict-origin-when-cross-origin', 'strict-origin'], what).toContain(res.headers['referrer-policy']);
  expect(res.headers['x-powered-by'], what).toBeUndefined();
}

describe.each(testEngines())('security headers and CORS [%s]', (engine) => {
  let t: TestApp;
  let agent: HttpSession;
  let webRoot: string;
  let withConsole: FastifyInstance;

  beforeAll(async () => {
    t = await createTestApp(engine);
    await createTenantWithStaff(t.services, 'acme');
    agent = await new HttpSession(t.app).login('agent@acme.test', TEST_PASSWORD);
    webRoot = mkdtempSync(join(tmpdir(), 'madoguchi-web-'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><html lang="ja"><head><title>窓口</title><script type="module" src="/assets/app.js"></script></head><body><div id="root"></div></body></html>');
    withConsole = await buildVariantApp(t, {}, { webRoot });
  });
  afterAll(async () => {
    await withConsole?.close();
    rmSync(webRoot, { recursive: true, force: true });
    await t.close();
  });

  it('sends the security headers on API responses: success, problem, 404 and health', async () => {
    const ok = await agent.get('/api/v1/customers');
    expect(ok.statusCode).toBe(200);
    expectSecurityHeaders(ok, 'GET /api/v1/customers');
    const unauth = await t.app.inject({ url: '/api/v1/customers' });
    expectProblem(unauth, 401);
    expectSecurityHeaders(unauth, '401');
    const missing = await t.app.inject({ url: '/api/v1/nothing-here' });
    expectProblem(missing, 404, 'not_found');
    expectSecurityHeaders(missing, '404');
    const bad = await agent.post('/api/v1/customers', '{"name":', { 'content-type': 'application/json' });
    expectProblem(bad, 400, 'bad_request');
    expectSecurityHeaders(bad, '400');
    expectSecurityHeaders(await t.app.inject({ url: '/healthz' }), '/healthz');
  });

  it('serves the console HTML with the same headers and a strict script policy, deep links included', async () => {
    for (const url of ['/', '/customers/123', '/cases?status=new']) {
      const res = await withConsole.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.body, url).toContain('<div id="root">');
      expectSecurityHeaders(res, `HTML ${url}`);
    }
    // API paths never fall back to the SPA: they stay problem+json.
    const api404 = await withConsole.inject({ url: '/api/v1/nothing-here' });
    expectProblem(api404, 404, 'not_found');
    expectSecurityHeaders(api404, 'API 404 with console');
    const asset404 = await withConsole.inject({ url: '/assets/missing.js' });
    expect(asset404.statusCode).toBe(404);
    expect(asset404.headers['content-type']).not.toMatch(/text\/html/);
    const post404 = await withConsole.inject({ method: 'POST', url: '/customers' });
    expectProblem(post404, 404, 'not_found');
  });

  it('sends the headers on the API documentation page too', async () => {
    const res = await t.app.inject({ url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    // Swagger UI sets its own CSP (staticCSP); it must stay as strict about scripts and framing.
    const csp = directives(res);
    expect(csp.get('script-src') ?? '').not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(["'none'", "'self'"]).toContain(csp.get('frame-ancestors'));
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(['DENY', 'SAMEORIGIN']).toContain(res.headers['x-frame-options']);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('keeps CORS closed by default: no allow-origin for a foreign origin, preflight refused', async () => {
    const simple = await agent.get('/api/v1/customers', { origin: EVIL });
    expect(simple.statusCode).toBe(200);
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    expect(simple.headers['access-control-allow-credentials']).toBeUndefined();

    const preflight = await t.app.inject({
      method: 'OPTIONS', url: '/api/v1/customers',
      headers: { origin: EVIL, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-csrf-token' },
    });
    expect(preflight.statusCode).toBeGreaterThanOrEqual(400);
    expect(preflight.statusCode).toBeLessThan(500);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
    expect(preflight.headers['access-control-allow-headers']).toBeUndefined();
  });

  it('opens CORS only to the configured origins', async () => {
    const app = await buildVariantApp(t, { MADOGUCHI_CORS_ORIGINS: `${CONSOLE}, https://other.example.jp` });
    try {
      const s = await new HttpSession(app).login('agent@acme.test', TEST_PASSWORD);
      const allowed = await s.get('/api/v1/customers', { origin: CONSOLE });
      expect(allowed.statusCode).toBe(200);
      expect(allowed.headers['access-control-allow-origin']).toBe(CONSOLE);
      expect(allowed.headers['access-control-allow-credentials']).toBe('true');

      const preflight = await app.inject({
        method: 'OPTIONS', url: '/api/v1/customers',
        headers: { origin: CONSOLE, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-csrf-token,x-tenant' },
      });
      expect(preflight.statusCode).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(CONSOLE);
      expect(String(preflight.headers['access-control-allow-headers']).toLowerCase()).toContain('x-csrf-token');

      for (const origin of [EVIL, 'https://console.example.jp.evil.example', 'null', 'http://console.example.jp']) {
        const denied = await s.get('/api/v1/customers', { origin });
        expect(denied.headers['access-control-allow-origin'], origin).toBeUndefined();
        const pf = await app.inject({ method: 'OPTIONS', url: '/api/v1/customers', headers: { origin, 'access-control-request-method': 'DELETE' } });
        expect(pf.headers['access-control-allow-origin'], origin).toBeUndefined();
      }
    } finally {
      await app.close();
    }
  });
});
