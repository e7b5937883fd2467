import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc } from 'drizzle-orm';
import { knowledgeImports } from '../../src/server/db/schema.js';
import { createSharedTestDatabase, testEngines } from '../support/test-db.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => join(root, 'test/fixtures/knowledge-import', name);

// `madoguchi import knowledge` as an operator runs it: the real command through tsx, on a PGlite data
// directory (and on PostgreSQL through DATABASE_URL when TEST_DATABASE_URL is set).
describe.each(testEngines())('madoguchi import knowledge [%s]', (engine) => {
  let db: Awaited<ReturnType<typeof createSharedTestDatabase>>;
  const work = mkdtempSync(join(tmpdir(), 'madoguchi-kimport-'));

  beforeAll(async () => {
    db = await createSharedTestDatabase(engine);
  });
  afterAll(async () => {
    await db.cleanup();
    rmSync(work, { recursive: true, force: true });
  });

  async function madoguchi(args: string[], env: Record<string, string> = {}) {
    try {
      const r = await run(join(root, 'node_modules/.bin/tsx'), [join(root, 'src/cli/main.ts'), ...args], {
        cwd: root, env: { ...process.env, ...db.env, LOG_LEVEL: 'silent', LANG: 'ja_JP.UTF-8', ...env }, timeout: 120_000,
      });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it('imports manuals and sheets with progress and a report; bad files exit 1 with a clear message', { timeout: 480_000 }, async () => {
    expect((await madoguchi(['tenant', 'create', '--slug', 'sakura', '--name', 'さくら電機'])).code).toBe(0);

    // A section without text is skipped and listed: exit 2. Progress goes to stderr (a line per 10 % off a terminal).
    const reportFile = join(work, 'report.json');
    const docx = await madoguchi(['import', 'knowledge', fixture('aircon-manual.docx'), '--tenant', 'sakura', '--report', reportFile]);
    expect(docx.code, docx.stderr).toBe(2);
    expect(docx.stdout).toContain('aircon-manual.docx（docx）をテナント sakura に取り込みました: 記事 6 件（下書き）、新しいカテゴリ 3 件');
    expect(docx.stdout).toContain('✗ お問い合わせ先: 見出し「お問い合わせ先」の下に本文がないため、記事にしませんでした');
    expect(docx.stderr).toContain('importing: 100% (6/6 件)');
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { format: string; created: { title: string }[]; problems: { code: string }[] };
    expect(report.format).toBe('docx');
    expect(report.created.map((a) => a.title)).toContain('エラーコード一覧');
    expect(report.problems.map((p) => p.code)).toEqual(['empty_section']);

    const again = await madoguchi(['import', 'knowledge', fixture('aircon-manual.docx'), '--tenant', 'sakura']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('取り込み済み');
    expect(again.stderr).toContain('[already_imported]');

    // Everything read: exit 0; messages in English with LANG=en.
    const csv = await madoguchi(['import', 'knowledge', fixture('faq-utf8-bom.csv'), '--tenant', 'sakura', '--publish', '--visibility', 'public'], { LANG: 'en_US.UTF-8' });
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout).toContain('Imported faq-utf8-bom.csv (csv) into tenant sakura: 2 articles (published), 2 new categories');

    const corrupt = await madoguchi(['import', 'knowledge', fixture('truncated.docx'), '--tenant', 'sakura', '--lang', 'en']);
    expect(corrupt.code).toBe(1);
    expect(corrupt.stderr).toContain('error: The file is damaged or not what its name says: the end of the file is missing');
    expect(corrupt.stderr).toContain('[corrupt_file]');

    const huge = join(work, 'huge.md');
    writeFileSync(huge, Buffer.alloc(21 * 1024 * 1024, 0x61));
    const tooLarge = await madoguchi(['import', 'knowledge', huge, '--tenant', 'sakura']);
    expect(tooLarge.code).toBe(1);
    expect(tooLarge.stderr).toContain('ファイルが大きすぎます（21.0 MB）。上限は 20 MB です');


    // What the CLI wrote is in the database the server reads.
    const database = await db.open();
    try {
      const rows = await database.db.select().from(knowledgeImports).orderBy(asc(knowledgeImports.createdAt));
      expect(rows.map((r) => [r.fileName, r.created])).toEqual([['aircon-manual.docx', 6], ['faq-utf8-bom.csv', 2]]);
    } finally {
      await database.close();
    }
  });
});
