import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Services } from '../server/services.js';
import type { TenantContext } from '../server/platform/principal.js';
import { importErrors, KnowledgeImportError } from '../server/features/knowledge-import/knowledge-import.errors.js';
import type { Lang } from '../server/features/knowledge-import/knowledge-import.messages.js';
import { KNOWLEDGE_IMPORT_MAX_BYTES } from '../server/features/knowledge-import/knowledge-import.schemas.js';
import { toImportReportDto } from '../server/features/knowledge-import/knowledge-import.service.js';
import { createProgress } from './import-customers.command.js';

const SHOWN_PROBLEMS = 20;

/** The operator's language: LANG=en… → English; Japanese otherwise. */
export const cliLang = (): Lang => (/^en/i.test(process.env.LANG ?? '') ? 'en' : 'ja');

export interface KnowledgeImportCommand {
  services: Services;
  ctx: TenantContext;
  file: string;
  publish: boolean;
  visibility: 'public' | 'internal';
  force: boolean;
  categoryId?: string | undefined;
  reportFile: string | null;
  lang: Lang;
}

const say = (lang: Lang, ja: string, en: string) => (lang === 'ja' ? ja : en);

/**
 * `madoguchi import knowledge FILE --tenant S [--publish] [--visibility public|internal] [--force] [--report out.json]`.
 * Exit code: 0 everything imported, 2 imported with parts skipped (listed), 1 the file could not be imported.
 */
export async function runKnowledgeImport(opts: KnowledgeImportCommand): Promise<number> {
  const { lang } = opts;
  const fail = async (err: KnowledgeImportError) => {
    console.error(`${say(lang, 'エラー', 'error')}: ${err.messageIn(lang)} [${err.problem}]`);
    for (const e of err.errorsIn(lang).slice(0, SHOWN_PROBLEMS)) console.error(`  ${e.path}: ${e.message}`);
    if (opts.reportFile) await writeFile(opts.reportFile, `${JSON.stringify({ error: { code: err.problem, message: err.messageIn(lang), errors: err.errorsIn(lang) } }, null, 2)}\n`);
    return 1;
  };

  let data: Buffer;
  try {
    const size = (await stat(opts.file)).size;
    if (size > KNOWLEDGE_IMPORT_MAX_BYTES) return await fail(importErrors.tooLarge(size, KNOWLEDGE_IMPORT_MAX_BYTES));
    data = await readFile(opts.file);
  } catch (err) {
    console.error(`${say(lang, 'エラー', 'error')}: ${say(lang, `${opts.file} を読めません`, `cannot read ${opts.file}`)}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    return 1;
  }

  const progress = createProgress(say(lang, '件', 'articles'));
  let row;
  try {
    row = await opts.services.knowledgeImport.importKnowledge(opts.ctx, {
      fileName: basename(opts.file), data, publish: opts.publish, visibility: opts.visibility, force: opts.force, categoryId: opts.categoryId,
      onProgress: (done, total) => progress.update(done, total),
    });
  } catch (err) {
    if (err instanceof KnowledgeImportError) return fail(err);
    throw err;
  } finally {
    progress.stop();
  }

  const report = toImportReportDto(row, lang);
  const state = report.published ? say(lang, '公開', 'published') : say(lang, '下書き', 'drafts');
  console.log(say(lang,
    `${report.fileName}（${report.format}）をテナント ${opts.ctx.tenantSlug} に取り込みました: 記事 ${report.counts.articles} 件（${state}）、新しいカテゴリ ${report.counts.categories} 件`,
    `Imported ${report.fileName} (${report.format}) into tenant ${opts.ctx.tenantSlug}: ${report.counts.articles} articles (${state}), ${report.counts.categories} new categories`));
  console.log(say(lang, `  取り込み ID: ${report.id}`, `  import id: ${report.id}`));
  if (report.problems.length > 0) {
    const shown = report.problems.slice(0, SHOWN_PROBLEMS);
    console.log(say(lang, `読めなかった箇所・注意（${report.counts.skipped} 件スキップ、${report.counts.warnings} 件の注意）:`, `Not imported or worth a look (${report.counts.skipped} skipped, ${report.counts.warnings} warnings):`));
    for (const p of shown) console.log(`  ${p.skipped ? '✗' : '!'} ${p.where}: ${p.message}`);
    if (report.problems.length > shown.length && !opts.reportFile) console.log(say(lang, '  （すべて見るには --report report.json）', '  (write them all with --report report.json)'));
  }
  if (opts.reportFile) {
    await writeFile(opts.reportFile, `${JSON.stringify(report, null, 2)}\n`);
    console.log(say(lang, `レポート: ${opts.reportFile}`, `Report: ${opts.reportFile}`));
  }
  return report.counts.skipped > 0 ? 2 : 0;
}
