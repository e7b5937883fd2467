import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import * as schema from './schema.js';

/** The one database handle every repository takes: the same drizzle API on PGlite and PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseTarget = { kind: 'pglite'; dataDir: string | null } | { kind: 'postgres'; url: string; poolSize?: number };

export interface Database {
  readonly db: Db;
  readonly kind: DatabaseTarget['kind'];
  /** Applies pending migrations (one history for both engines). */
  migrate(): Promise<void>;
  /**
   * Refreshes planner statistics (and reclaims dead rows). PostgreSQL's autovacuum does this by itself;
   * PGlite has no autovacuum, and without statistics the 360 queries fall back to scanning a tenant.
   */
  maintain(opts?: { vacuum?: boolean }): Promise<void>;
  /** Cheap round trip for /readyz. */
  ping(): Promise<void>;
  /**
   * Takes a lock held for the life of this handle, or returns null when another process holds it
   * (one routing writer per database). PGlite is single-process: always granted.
   */
  tryLeaderLock(key: number): Promise<(() => Promise<void>) | null>;
  /**
   * A handle with its own connection(s) for one serialized writer (routing), so its transactions
   * never queue behind the pool's readers. PGlite has one connection: the same handle.
   */
  writer(): Db;
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));
// Any constant shared by all nodes: serializes concurrent migrators on PostgreSQL.
const MIGRATION_LOCK_KEY = 7_242_001;
/** The routing writer runs one transaction at a time; a second connection serves its reads meanwhile. */
const WRITER_CONNECTIONS = 2;

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === 'pglite' ? openPglite(target.dataDir) : openPostgres(target.url, target.poolSize ?? 10);
}

async function openPglite(dataDir: string | null): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // PGlite is a single connection; it queues queries itself and drizzle's transactions hold its lock.
  const client = dataDir ? new PGlite(dataDir) : new PGlite();
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: async () => {
      await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder });
    },
    maintain: async (opts) => {
      await client.exec(opts?.vacuum ? 'VACUUM (ANALYZE)' : 'ANALYZE');
    },
    ping: async () => {
      await client.query('select 1');
    },
    tryLeaderLock: async () => async () => undefined,
    writer: () => db,
    close: () => client.close(),
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client erroring (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  const leaderReleases = new Set<() => Promise<void>>();
  let writerPool: pg.Pool | null = null;
  let writerDb: Db | null = null;
  return {
    db,
    kind: 'postgres',
    migrate: async () => {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        try {
          await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
        } finally {
          await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
        }
      } finally {
        client.release();
      }
    },
    maintain: async () => undefined,
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    // A session lock on a connection kept out of the pool: it ends with this process (even kill -9).
    tryLeaderLock: async (key) => {
      const client = await pool.connect();
      const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [key]);
      if (!rows[0]?.locked) {
        client.release();
        return null;
      }
      let held = true;
      const release = async () => {
        if (!held) return;
        held = false;
        leaderReleases.delete(release);
        await client.query('select pg_advisory_unlock($1)', [key]).catch(() => undefined);
        client.release();
      };
      leaderReleases.add(release);
      return release;
    },
    writer: () => {
      if (!writerDb) {
        writerPool = new pg.Pool({ connectionString: url, max: WRITER_CONNECTIONS });
        writerPool.on('error', () => undefined);
        writerDb = drizzlePg(writerPool, { schema }) as unknown as Db;
      }
      return writerDb;
    },
    // pool.end() waits for every checked-out client: give back the lock's connection first.
    close: async () => {
      await Promise.all([...leaderReleases].map((release) => release()));
      await Promise.all([pool.end(), writerPool?.end()]);
    },
  };
}
