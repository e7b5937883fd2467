import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database, type DatabaseTarget } from '../../src/server/db/client.js';

export type Engine = 'pglite' | 'postgres';

/** Database tests run on PGlite always, and on PostgreSQL too when TEST_DATABASE_URL is set. */
export function testEngines(): Engine[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase {
  database: Database;
  cleanup(): Promise<void>;
}

/** A throw-away database on the PostgreSQL server at TEST_DATABASE_URL: its URL and how to drop it. */
async function throwAwayPostgres(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** A fresh, migrated database: in-memory PGlite, or a throw-away database on the PostgreSQL server. */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const database = await openDatabase({ kind: 'pglite', dataDir: null });
    await database.migrate();
    return { database, cleanup: () => database.close() };
  }
  const pgDb = await throwAwayPostgres('madoguchi_t');
  const database = await openDatabase({ kind: 'postgres', url: pgDb.url, poolSize: 5 });
  await database.migrate();
  return {
    database,
    cleanup: async () => {
      await database.close();
      await pgDb.drop();
    },
  };
}

/**
 * A database a separate server process can open too (a PGlite data directory or a PostgreSQL
 * database), with the environment that points `madoguchi serve` at it.
 */
export async function createSharedTestDatabase(engine: Engine): Promise<{ env: Record<string, string>; open(): Promise<Database>; cleanup(): Promise<void> }> {
  const open = async (target: DatabaseTarget) => {
    const d = await openDatabase(target);
    await d.migrate();
    return d;
  };
  if (engine === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-shared-'));
    return {
      env: { MADOGUCHI_DATA_DIR: dataDir },
      open: () => open({ kind: 'pglite', dataDir }),
      cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const pgDb = await throwAwayPostgres('madoguchi_s');
  return { env: { DATABASE_URL: pgDb.url }, open: () => open({ kind: 'postgres', url: pgDb.url, poolSize: 5 }), cleanup: pgDb.drop };
}
