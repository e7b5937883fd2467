import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';

describe.each(testEngines())('health, readiness and API docs [%s]', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t.close());

  it('answers liveness and readiness (database reachable)', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: engine });
  });

  it('reports not ready once the database is gone', async () => {
    const other = await createTestApp(engine);
    await other.db.database.close();
    const res = await other.app.inject('/readyz');
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    await other.app.close();
    await other.db.cleanup().catch(() => undefined);
  });

  it('publishes an OpenAPI document covering the CRM and a docs page', async () => {
    const res = await t.app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\./);
    for (const [path, method] of [
      ['/api/v1/auth/login', 'post'], ['/api/v1/me', 'get'], ['/api/v1/customers', 'get'], ['/api/v1/customers/lookup', 'get'],
      ['/api/v1/customers/{id}/overview', 'get'], ['/api/v1/products', 'post'], ['/api/v1/orders', 'post'],
      ['/api/v1/interactions', 'post'], ['/api/v1/cases/{id}', 'patch'],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    const docs = await t.app.inject('/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });
});
