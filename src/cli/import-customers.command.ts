import { readFile, stat, writeFile } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import type { Services } from '../server/services.js';
import type { TenantContext } from '../server/platform/principal.js';
import type { ImportEncoding, ImportRowError } from '../server/features/customers/customer-import.schemas.js';
import { IMPORT_MAX_BYTES } from '../server/features/customers/customer-import.schemas.js';
import { CustomerImportFileError } from '../server/features/customers/customer-import.errors.js';

const SHOWN_ERRORS = 20;

// Excel runs cells starting with = + - @ as formulas: a client's data must not become one in our report.
const csvCell = (v: string | number | null | undefined) => {
  const s = v === null || v === undefined ? '' : String(v);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The error report as CSV that Excel opens correctly: UTF-8 with BOM, CRLF line ends. */
export function formatErrorReportCsv(errors: ImportRowError[]): string {
  const lines = [['row', 'column', 'message', 'value'].join(','), ...errors.map((e) => [e.row, e.column, e.message, e.value].map(csvCell).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Progress on stderr: a bar on a terminal, a line every 10 % in logs and pipes (shared by the imports). */
export function createProgress(unit = 'rows') {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar({
      stream: process.stderr, format: `importing [{bar}] {percentage}% | {value}/{total} ${unit} | {eta_formatted} left`, hideCursor: true, clearOnComplete: false,
    }, cliProgress.Presets.shades_classic);
    let started = false;
    return {
      update(done: number, total: number) {
        if (!started) {
          bar.start(total, done);
          started = true;
        } else bar.update(done);
      },
      stop: () => started && bar.stop(),
    };
  }
  let lastTenth = -1;
  return {
    update(done: number, total: number) {
      const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
      if (tenth > lastTenth && (done > 0 || total === 0)) {
        lastTenth = tenth;
        process.stderr.write(`importing: ${tenth * 10}% (${done}/${total} ${unit})\n`);
      }
    },
    stop: () => undefined,
  };
}

/**
 * `madoguchi import customers FILE --tenant S [--encoding auto|utf-8|shift_jis] [--report errors.csv]`.
 * Exit code: 0 every row imported, 2 some rows failed (listed), 1 the file could not be imported at all.
 */
export async function runCustomerImport(opts: { services: Services; ctx: TenantContext; file: string; encoding: ImportEncoding; reportFile: string | null }): Promise<number> {
  const fileError = async (message: string, line: number | null = null) => {
    console.error(`error: ${message}`);
    if (opts.reportFile) await writeFile(opts.reportFile, formatErrorReportCsv([{ row: line ?? 0, column: null, message }]));
    return 1;
  };

  let data: Buffer;
  try {
    const size = (await stat(opts.file)).size;
    if (size > IMPORT_MAX_BYTES) return fileError(`${opts.file} is ${(size / 1024 / 1024).toFixed(1)} MB; the limit is ${IMPORT_MAX_BYTES / 1024 / 1024} MB. Split it into several files`);
    data = await readFile(opts.file);
  } catch (err) {
    return fileError(`cannot read ${opts.file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }

  const progress = createProgress();
  let report;
  try {
    report = await opts.services.customerImport.importCustomers(opts.ctx, { data, encoding: opts.encoding, onProgress: (done, total) => progress.update(done, total) });
  } catch (err) {
    if (err instanceof CustomerImportFileError) return fileError(`${err.message} [${err.problem}]`, err.line);
    throw err;
  } finally {
    progress.stop();
  }

  const encodingName = report.encoding === 'utf-8' ? 'UTF-8' : 'Shift_JIS (CP932)';
  console.log(`Imported ${opts.file} (${encodingName}) into tenant ${opts.ctx.tenantSlug}`);
  console.log(`  rows ${report.totalRows}: created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, failed ${report.failed}`);
  if (report.ignoredColumns.length > 0) console.log(`  ignored columns (not imported): ${report.ignoredColumns.join(', ')}`);
  if (report.errors.length > 0) {
    const shown = report.errors.slice(0, SHOWN_ERRORS);
    console.log(`Errors${report.errors.length > shown.length ? ` (first ${shown.length} of ${report.errors.length})` : ''}:`);
    for (const e of shown) console.log(`  line ${e.row}${e.column ? ` [${e.column}]` : ''}: ${e.message}`);
    if (!opts.reportFile && report.errors.length > shown.length) console.log('  (write them all with --report errors.csv)');
  }
  if (opts.reportFile) {
    await writeFile(opts.reportFile, formatErrorReportCsv(report.errors));
    console.log(`Error report: ${opts.reportFile} (${report.errors.length} errors)`);
  }
  return report.failed > 0 ? 2 : 0;
}
