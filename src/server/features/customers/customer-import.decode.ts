import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { parse, type CsvError } from 'csv-parse/sync';
import type { ImportEncoding, ImportRowError } from './customer-import.schemas.js';
import { CustomerImportFileError } from './customer-import.errors.js';

export type DecodedEncoding = 'utf-8' | 'shift_jis';

const lineAt = (text: string, index: number) => text.slice(0, index).split(/\r\n|\r|\n/).length;

/**
 * Bytes → text. Excel saves "CSV" as CP932 (Microsoft's Shift_JIS: ①, 髙 and NEC/IBM extensions) and
 * "CSV UTF-8" with a BOM. Auto: BOM → UTF-8; bytes that are valid UTF-8 → UTF-8 (Shift_JIS Japanese text is
 * practically never valid UTF-8); otherwise CP932. Replacement characters left after decoding mean the guess
 * (or the caller's choice) was wrong: refuse rather than store mojibake.
 */
export function decodeCsvBytes(data: Buffer, encoding: ImportEncoding): { text: string; encoding: DecodedEncoding } {
  if (data.length >= 2 && ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff))) {
    throw new CustomerImportFileError('encoding_unreadable', 'The file is UTF-16 (Excel "Unicode text"); save it as "CSV UTF-8" or "CSV" instead', 1);
  }
  const hasBom = data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf;
  const chosen: DecodedEncoding = encoding === 'auto' ? (hasBom || isUtf8(data) ? 'utf-8' : 'shift_jis') : encoding;
  // iconv-lite strips a UTF-8 BOM and turns undecodable bytes into U+FFFD.
  const text = chosen === 'utf-8' ? iconv.decode(data, 'utf-8') : iconv.decode(data, 'cp932');
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    throw new CustomerImportFileError('encoding_unreadable',
      `Line ${lineAt(text, nul)} contains binary data (NUL bytes): this is not a CSV text file (an .xlsx workbook?). Save it from Excel as "CSV UTF-8" or "CSV"`, lineAt(text, nul));
  }
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0) {
    const line = lineAt(text, bad);
    const what = encoding !== 'auto' ? `not valid ${chosen === 'utf-8' ? 'UTF-8' : 'Shift_JIS (CP932)'}`
      : hasBom ? 'not valid UTF-8 although it starts with a UTF-8 byte order mark' : 'neither UTF-8 nor Shift_JIS (CP932)';
    throw new CustomerImportFileError('encoding_unreadable',
      `The file is ${what}: line ${line} contains bytes that cannot be read. Save it again from Excel as "CSV UTF-8" or "CSV", or choose the right encoding`, line);
  }
  return { text, encoding: chosen };
}

export interface CsvRow { line: number; cells: string[] }

/** Records with the line each starts on (a quoted field may span lines); all-blank records are not rows. */
export function parseCsvText(original: string): { header: string[]; rows: CsvRow[]; syntaxErrors: ImportRowError[] } {
  // csv-parse counts CR and LF of a quoted CRLF as two lines: with LF only, its line numbers are the file's.
  // Line breaks inside quoted cells are stored as LF too.
  const text = original.replace(/\r\n?/g, '\n');
  const firstLine = /^[^\r\n]*/.exec(text)?.[0] ?? '';
  // Excel's "Unicode text" and some exports are tab-separated.
  const delimiter = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  const skipped: { endLine: number; code: string | undefined; message: string }[] = [];
  const records = parse(text, {
    delimiter, info: true, raw: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined) => {
      skipped.push({ endLine: (err as { lines?: number } | undefined)?.lines ?? 0, code: err?.code, message: err?.message ?? 'unreadable record' });
      return undefined;
    },
  }) as unknown as { record: string[]; info: { lines: number }; raw: string }[];
  const rows: CsvRow[] = records.map((r) => {
    // raw also holds the blank lines skipped before the record; what remains spans the record's own lines.
    const own = r.raw.replace(/^\n+/, '').replace(/\n$/, '');
    return { line: r.info.lines - (own.match(/\n/g)?.length ?? 0), cells: r.record };
  });
  // A broken record starts on the line after the last good record before it.
  const syntaxErrors: ImportRowError[] = skipped.map((e) => {
    const at = records.reduce((max, r) => (r.info.lines < e.endLine && r.info.lines > max ? r.info.lines : max), 0) + 1;
    return {
      row: at, column: null,
      message: e.code === 'CSV_QUOTE_NOT_CLOSED'
        ? `A quoted field opened on line ${at} or later is never closed; the rest of the file could not be read`
        : `CSV syntax error: ${e.message}`,
    };
  });
  const [head, ...data] = rows;
  if (!head) throw new CustomerImportFileError('empty_file', 'The file is empty: expected a header row (氏名, 電話番号, …) and one customer per line', null);
  return { header: head.cells, rows: data.filter((r) => r.cells.some((c) => c.trim() !== '')), syntaxErrors };
}
