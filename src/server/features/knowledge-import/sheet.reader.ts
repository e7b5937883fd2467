import type { QaSheet } from '../../../core/knowledge/qa-sheet.js';
import { parseCsvText } from '../customers/customer-import.decode.js';
import { CustomerImportFileError } from '../customers/customer-import.errors.js';
import type { ReaderNote } from './knowledge-import.messages.js';
import { importErrors } from './knowledge-import.errors.js';

/** A decoded CSV (see text-decode.ts) → one Q&A sheet, rows numbered by their line in the file. */
export function readCsv(text: string): { sheets: QaSheet[]; notes: ReaderNote[] } {
  let parsed;
  try {
    parsed = parseCsvText(text);
  } catch (err) {
    if (err instanceof CustomerImportFileError && err.problem === 'empty_file') throw importErrors.empty();
    throw err;
  }
  const header = { where: 'line 1', cells: parsed.header };
  return {
    sheets: [{ rows: [header, ...parsed.rows.map((r) => ({ where: `line ${r.line}`, cells: r.cells }))] }],
    notes: parsed.syntaxErrors.map((e) => ({ code: 'csv_syntax', where: `line ${e.row}`, detail: e.message })),
  };
}

/**
 * A workbook → one Q&A sheet per worksheet with rows. With several, each sheet's name is the category
 * above its rows (one sheet per topic is how such workbooks are kept); a single sheet's default name
 * ("Sheet1") says nothing and is not used.
 */
export async function readXlsx(data: Buffer): Promise<{ sheets: QaSheet[]; notes: ReaderNote[] }> {
  // Loaded on first use (a large library): a server that never imports a sheet does not pay for it at start.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch (err) {
    throw importErrors.corrupt({ ja: `Excel ブックとして読めません（${(err as Error).message}）`, en: `cannot be read as an Excel workbook (${(err as Error).message})` });
  }
  const sheets: { name: string; rows: QaSheet['rows'] }[] = [];
  wb.eachSheet((ws) => {
    const rows: QaSheet['rows'] = [];
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      // cell.text: what Excel shows (formula results, rich text, dates as formatted).
      const cells = Array.from({ length: row.cellCount }, (_, i) => row.getCell(i + 1).text ?? '');
      if (cells.some((c) => c.trim())) rows.push({ where: `${ws.name} row ${n}`, cells });
    });
    if (rows.length) sheets.push({ name: ws.name, rows });
  });
  return { sheets: sheets.map((s) => ({ rows: s.rows, ...(sheets.length > 1 ? { categoryRoot: s.name } : {}) })), notes: [] };
}
