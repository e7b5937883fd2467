import { splitManual, type ManualArticle } from '../../../core/knowledge/manual-split.js';
import { qaSheetToArticles, type QaSheet } from '../../../core/knowledge/qa-sheet.js';
import { outlineText } from '../../../core/knowledge/text-outline.js';
import type { ImportFormat } from './knowledge-import.schemas.js';
import type { ImportNote, ReaderNote } from './knowledge-import.messages.js';
import { readDocx } from './docx.reader.js';
import { readPdf } from './pdf.reader.js';
import { readMarkdown } from './markdown.reader.js';
import { readCsv, readXlsx } from './sheet.reader.js';
import { decodeText } from './text-decode.js';

export interface ReadOutcome { articles: ManualArticle[]; notes: ImportNote[] }

/** "取扱説明書_v2.docx" → "取扱説明書_v2": the title of a manual that names none itself. */
export const baseNameOf = (fileName: string) => fileName.replace(/^.*[/\\]/, '').replace(/\.[^.]+$/, '') || fileName;

function fromSheets(read: { sheets: QaSheet[]; notes: ReaderNote[] }): ReadOutcome {
  const out: ReadOutcome = { articles: [], notes: [...read.notes] };
  for (const sheet of read.sheets) {
    const r = qaSheetToArticles(sheet);
    out.articles.push(...r.articles);
    out.notes.push(...r.problems);
  }
  return out;
}

// PostgreSQL text and jsonb cannot hold U+0000, and other C0 controls (a PDF's unmapped glyphs, a
// stray BEL in a text file) are noise in an article: tabs and line breaks are all that is kept.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
function withoutControls<T>(value: T): T {
  if (typeof value === 'string') return value.replace(CONTROL, '') as T;
  if (Array.isArray(value)) return value.map(withoutControls) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutControls(v)])) as T;
  return value;
}

/** Any supported file → candidate articles and what the readers and splitter noticed (control characters removed). */
export async function readImportFile(format: ImportFormat, fileName: string, data: Buffer): Promise<ReadOutcome> {
  return withoutControls(await readByFormat(format, fileName, data));
}

async function readByFormat(format: ImportFormat, fileName: string, data: Buffer): Promise<ReadOutcome> {
  const manual = (title: string, read: { blocks: Parameters<typeof splitManual>[0]['blocks']; notes: ReaderNote[] }): ReadOutcome => {
    const split = splitManual({ title, blocks: read.blocks });
    return { articles: split.articles, notes: [...read.notes, ...split.problems] };
  };
  switch (format) {
    case 'docx':
      return manual(baseNameOf(fileName), await readDocx(data));
    case 'pdf': {
      const read = await readPdf(data);
      return manual(read.title ?? baseNameOf(fileName), read);
    }
    case 'markdown': {
      const read = readMarkdown(decodeText(data, 'text'));
      return manual(read.title ?? baseNameOf(fileName), read);
    }
    case 'text': {
      const lines = decodeText(data, 'text').split(/\r\n?|\n/).map((text, i) => ({ text, at: `line ${i + 1}` }));
      return manual(baseNameOf(fileName), { blocks: outlineText(lines), notes: [] });
    }
    case 'csv':
      return fromSheets(readCsv(decodeText(data, 'csv')));
    case 'xlsx':
      return fromSheets(await readXlsx(data));
  }
}
