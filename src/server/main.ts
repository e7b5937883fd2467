import type { FastifyInstance } from 'fastify';
import type { Config } from './config/config.js';
import { openDatabase, type Database } from './db/client.js';
import { buildApp } from './app.js';
import { createServices, type Services } from './services.js';
import { systemClock, type Clock } from './platform/clock.js';
import { newId } from './platform/ids.js';
import { loggerOptions } from './platform/logger.js';
import { installationSecret } from './platform/secrets.js';

const MAINTENANCE_EVERY_MS = 15 * 60_000;

export interface Runtime {
  database: Database;
  services: Services;
  close(): Promise<void>;
}

/** The services on an open database as production wires them (the routing writer's lock and connections). */
export function servicesFor(database: Database, opts: { sessionTtlHours: number; clock?: Clock; secret?: string | null }) {
  return createServices({
    db: database.db, clock: opts.clock ?? systemClock, ids: newId, sessionTtlHours: opts.sessionTtlHours,
    leaderLock: database.tryLeaderLock, writerDb: database.writer(), ...(opts.secret ? { formSecret: opts.secret } : {}),
  });
}

/** Opens the configured database, applies migrations and wires the services. */
export async function openRuntime(config: Config): Promise<Runtime> {
  const database = await openDatabase(config.database.kind === 'pglite' ? { kind: 'pglite', dataDir: config.database.dataDir } : config.database);
  await database.migrate();
  await database.maintain();
  const secret = config.secret ?? (config.database.kind === 'pglite' ? await installationSecret(config.database.dataDir) : null);
  const services = servicesFor(database, { sessionTtlHours: config.sessionTtlHours, secret });
  return { database, services, close: () => database.close() };
}

/**
 * Starts the HTTP server; resolves once it listens. On SIGINT/SIGTERM it runs `beforeStop` (filled
 * later, e.g. by a demo simulation that must log its agents out), then closes the app and the database.
 */
export async function startServer(config: Config, runtime: Runtime, beforeStop: (() => Promise<void>)[] = []): Promise<FastifyInstance> {
  const app = await buildApp({ config, database: runtime.database, services: runtime.services, logger: loggerOptions(config.logLevel) });
  await app.listen({ port: config.port, host: config.host });
  // PGlite has no autovacuum: keep statistics fresh and dead rows reclaimed from here.
  const maintenance = setInterval(() => {
    runtime.database.maintain({ vacuum: true }).catch((err: unknown) => app.log.warn({ err }, 'database maintenance failed'));
  }, MAINTENANCE_EVERY_MS);
  maintenance.unref();
  const stop = async () => {
    for (const task of beforeStop) await task().catch((err: unknown) => app.log.warn({ err }, 'shutdown task failed'));
    clearInterval(maintenance);
    await app.close();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return app;
}
