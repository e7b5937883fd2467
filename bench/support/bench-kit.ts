import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../src/server/db/client.js';
import { mulberry32 } from '../../src/core/random/mulberry32.js';

/** Shared helpers for bench scripts: argv, percentiles, a seeded PRNG and throw-away databases. */

export type Engine = 'pglite' | 'postgres';

/** `--name value` and `--name=value`; flags without a value read as 'true'. Simple on purpose. */
export function parseArgs(argv: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    if (eq > 0) out.set(a.slice(2, eq), a.slice(eq + 1));
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) out.set(a.slice(2), argv[++i]!);
    else out.set(a.slice(2), 'true');
  }
  return out;
}

export function intArg(args: Map<string, string>, name: string, fallback: number): number {
  const raw = args.get(name);
  if (raw === undefined) return fallback;
  const n = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

/** Nearest-rank percentile of an ascending-sorted array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export interface Summary {
  n: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  mean_ms: number;
  max_ms: number;
}

export const round = (x: number, digits = 2) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);

export function summarize(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  return {
    n: s.length, p50_ms: round(percentile(s, 50)), p95_ms: round(percentile(s, 95)), p99_ms: round(percentile(s, 99)),
    mean_ms: round(mean), max_ms: round(s[s.length - 1] ?? Number.NaN),
  };
}

/** The same --seed picks the same customers on every engine. */
export const prng = mulberry32;

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Runs raw SQL on either engine (drizzle's execute returns `{ rows }` on both drivers). */
export async function execSql(database: Database, text: string): Promise<Record<string, unknown>[]> {
  const res = (await database.db.execute(sql.raw(text))) as unknown as { rows: Record<string, unknown>[] };
  return res.rows;
}

/**
 * Statistics for the planner right after a bulk load, on both engines: PGlite has no autovacuum
 * (maintain() analyzes), and PostgreSQL's would get there only a minute or so into the run.
 */
export async function analyzeAfterLoad(database: Database): Promise<void> {
  await database.maintain();
  if (database.kind === 'postgres') await execSql(database, 'ANALYZE');
}

export interface BenchDatabase {
  database: Database;
  /** Where the data lives, for the report (temp dir, ':memory:' or the database name). */
  location: string;
  cleanup(): Promise<void>;
}

/** PGlite in a fresh temp data dir (on-disk like production) or in memory. */
export async function openPgliteBench(inMemory: boolean): Promise<BenchDatabase> {
  const dir = inMemory ? null : mkdtempSync(join(tmpdir(), 'madoguchi-bench-'));
  const database = await openDatabase({ kind: 'pglite', dataDir: dir });
  await database.migrate();
  return {
    database,
    location: dir ?? ':memory:',
    cleanup: async () => {
      await database.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A throw-away database on the server named by adminUrl (like test/support/test-db.ts), dropped by cleanup. */
export async function openPostgresBench(adminUrl: string, poolSize = 10, dbName?: string): Promise<BenchDatabase> {
  const name = dbName ?? `madoguchi_bench_${randomBytes(5).toString('hex')}`;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const drop = async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
  // Ctrl-C during a long seed must not leave a 100k-customer database behind.
  const onSignal = () => void drop().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let database: Database;
  try {
    database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize });
    await database.migrate();
  } catch (err) {
    await drop();
    throw err;
  }
  return {
    database,
    location: name,
    cleanup: async () => {
      process.removeListener('SIGINT', onSignal);
      await database.close();
      await drop();
    },
  };
}
