import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config/config.js';
import type { TestApp } from './test-app.js';

/** Every 4xx/5xx leaves as problem+json; input errors are never a 500. */
export function expectProblem(res: LightMyRequestResponse, status: number, code?: string) {
  const ctx = `${res.statusCode} ${res.body.slice(0, 400)}`;
  expect(res.statusCode, ctx).toBeLessThan(500);
  expect(res.statusCode, ctx).toBe(status);
  expect(res.headers['content-type'], ctx).toMatch(/^application\/problem\+json/);
  const body = res.json() as { status: number; code: string; detail: string; errors?: { path: string; message: string }[] };
  expect(body.status, ctx).toBe(status);
  if (code) expect(body.code, ctx).toBe(code);
  return body;
}

/**
 * Another app over the same database and services, built with other environment settings
 * (trust proxy, cookie policy, rate limits, CORS, a web root). Closed with the returned app.
 */
export async function buildVariantApp(t: TestApp, env: Record<string, string>, opts: { webRoot?: string } = {}): Promise<FastifyInstance> {
  const config = loadConfig({ MADOGUCHI_SEED_DEMO: 'false', LOG_LEVEL: 'silent', MADOGUCHI_LOGIN_RATE_LIMIT: '1000', ...env });
  const app = await buildApp({ config, database: t.db.database, services: t.services, webRoot: opts.webRoot ?? '/nonexistent' });
  await app.ready();
  return app;
}
