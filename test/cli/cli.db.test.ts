import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-cli-'));

/** The real `madoguchi` command (TypeScript entry through tsx), on its own PGlite data directory. */
async function madoguchi(...args: string[]) {
  try {
    const r = await run(join(root, 'node_modules/.bin/tsx'), [join(root, 'src/cli/main.ts'), ...args], {
      cwd: root, env: { ...process.env, MADOGUCHI_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, timeout: 90_000,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('madoguchi CLI', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates a tenant, a user and a token, and imports customers; bad input gets a clear message and exit 1', { timeout: 240_000 }, async () => {
    expect((await madoguchi('migrate')).stdout).toContain('Migrations applied');

    const tenant = await madoguchi('tenant', 'create', '--slug', 'kaede', '--name', 'かえで住宅');
    expect(tenant.code, tenant.stderr).toBe(0);
    expect(tenant.stdout).toContain('Tenant kaede created');

    const dup = await madoguchi('tenant', 'create', '--slug', 'kaede', '--name', 'again');
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('already exists');

    const badSlug = await madoguchi('tenant', 'create', '--slug', 'Bad Slug!', '--name', 'x');
    expect(badSlug.code).toBe(1);
    expect(badSlug.stderr).toMatch(/slug/);

    const user = await madoguchi('user', 'create', '--tenant', 'kaede', '--email', 'Sato@Kaede.example', '--password', 'long-enough-pw', '--role', 'supervisor');
    expect(user.code, user.stderr).toBe(0);
    expect(user.stdout).toContain('sato@kaede.example created as supervisor of kaede');

    const badRole = await madoguchi('user', 'create', '--tenant', 'kaede', '--email', 'x@kaede.example', '--password', 'long-enough-pw', '--role', 'root');
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toContain('Allowed choices are agent, supervisor, admin, hq, client_viewer');

    const token = await madoguchi('token', 'create', '--tenant', 'kaede', '--role', 'agent');
    expect(token.code, token.stderr).toBe(0);
    expect(token.stdout.trim()).toMatch(/^mdg_[A-Za-z0-9_-]{43}$/);

    const csv = join(dataDir, 'customers.csv');
    writeFileSync(csv, '顧客番号,氏名,フリガナ,電話番号\nK-1,田中 一郎,タナカ イチロウ,03-3123-9999\nK-2,壊れた 番号,コワレタ バンゴウ,090-1234-567\n');
    const imported = await madoguchi('import', 'customers', csv, '--tenant', 'kaede');
    expect(imported.code).toBe(2); // some rows failed
    expect(`${imported.stdout}${imported.stderr}`).toMatch(/090-1234-567/);

    const unknownTenant = await madoguchi('import', 'customers', csv, '--tenant', 'nope');
    expect(unknownTenant.code).toBe(1);
    expect(unknownTenant.stderr).toContain('Tenant "nope" not found');
  });
});
