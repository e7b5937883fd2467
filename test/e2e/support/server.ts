import { execSync } from 'node:child_process';
import { servicesFor } from '../../../src/server/main.js';
import type { Services } from '../../../src/server/services.js';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../src/server/app.js';
import { loadConfig } from '../../../src/server/config/config.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-db.js';

const webRoot = fileURLToPath(new URL('../../../dist/web/console', import.meta.url));

/** The console must be built (npm install does it); build it once if a developer has not yet. */
function ensureConsoleBuilt() {
  if (!existsSync(`${webRoot}/index.html`)) execSync('npm run build:web', { stdio: 'inherit', cwd: fileURLToPath(new URL('../../..', import.meta.url)) });
}

export interface E2eServer {
  url: string;
  services: Services;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** The real server on an ephemeral loopback port, on a fresh PGlite with the demo data. */
export async function startE2eServer(): Promise<E2eServer> {
  ensureConsoleBuilt();
  const db: TestDatabase = await createTestDatabase('pglite');
  const config = loadConfig({ LOG_LEVEL: 'silent', MADOGUCHI_LOGIN_RATE_LIMIT: '1000' });
  const services = servicesFor(db.database, { sessionTtlHours: 12 });
  await services.demoSeed.seedIfEmpty();
  const app = await buildApp({ config, database: db.database, services, webRoot });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, services, app, close: async () => { await app.close(); await db.cleanup(); } };
}
