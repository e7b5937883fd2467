import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config/config.js';
import type { Services } from '../../src/server/services.js';
import { servicesFor } from '../../src/server/main.js';
import { systemClock, type Clock } from '../../src/server/platform/clock.js';
import { createTestDatabase, type Engine, type TestDatabase } from './test-db.js';

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  db: TestDatabase;
  close(): Promise<void>;
}

/**
 * The real app on a fresh migrated database; no web root, quiet logs. With `reuse`, a second app on
 * an existing database (a restart): closing it leaves the database to its owner.
 */
export async function createTestApp(engine: Engine, opts: { env?: Record<string, string>; clock?: Clock; reuse?: TestDatabase } = {}): Promise<TestApp> {
  const db = opts.reuse ?? await createTestDatabase(engine);
  const config = loadConfig({ MADOGUCHI_SEED_DEMO: 'false', LOG_LEVEL: 'silent', MADOGUCHI_LOGIN_RATE_LIMIT: '1000', ...opts.env });
  const services = servicesFor(db.database, { sessionTtlHours: config.sessionTtlHours, clock: opts.clock ?? systemClock });
  const app = await buildApp({ config, database: db.database, services, webRoot: '/nonexistent' });
  await app.ready();
  return { app, services, db, close: async () => { await app.close(); if (!opts.reuse) await db.cleanup(); } };
}

type Body = InjectOptions['payload'];

/** A browser-like client over app.inject: keeps cookies, sends the CSRF token and the chosen tenant. */
export class HttpSession {
  private cookies = new Map<string, string>();
  csrfToken: string | null = null;
  tenant: string | null = null;
  bearer: string | null = null;

  constructor(private readonly app: FastifyInstance) {}

  static withToken(app: FastifyInstance, token: string) {
    const s = new HttpSession(app);
    s.bearer = token;
    return s;
  }

  async login(email: string, password: string, tenant?: string) {
    const res = await this.request('POST', '/api/v1/auth/login', { email, password });
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
    this.csrfToken = res.json().csrfToken;
    this.tenant = tenant ?? null;
    return this;
  }

  async request(method: InjectOptions['method'], url: string, payload?: Body, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const h: Record<string, string> = { ...headers };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.csrfToken && method !== 'GET' && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrfToken;
    if (this.tenant && !('x-tenant' in h)) h['x-tenant'] = this.tenant;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    const res = await this.app.inject({ method, url, payload, headers: h });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  /** The Cookie header this session would send (for WebSocket upgrades). */
  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, body?: Body, headers?: Record<string, string>) => this.request('POST', url, body, headers);
  patch = (url: string, body?: Body, headers?: Record<string, string>) => this.request('PATCH', url, body, headers);
  delete = (url: string, headers?: Record<string, string>) => this.request('DELETE', url, undefined, headers);
}
