import { KNOWLEDGE_IMPORT_MAX_EXPANDED_BYTES, type ImportFormat } from './knowledge-import.schemas.js';
import { importErrors } from './knowledge-import.errors.js';

const byExtension: Record<string, ImportFormat> = {
  docx: 'docx', pdf: 'pdf', md: 'markdown', markdown: 'markdown', txt: 'text', csv: 'csv', tsv: 'csv', xlsx: 'xlsx',
};

const startsWith = (data: Buffer, bytes: number[]) => bytes.every((b, i) => data[i] === b);
const isZip = (data: Buffer) => startsWith(data, [0x50, 0x4b, 0x03, 0x04]) || startsWith(data, [0x50, 0x4b, 0x05, 0x06]);
// OLE compound file: Word 97–2003 .doc, Excel .xls — and a password-protected .docx/.xlsx.
const isOle = (data: Buffer) => startsWith(data, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const isPdf = (data: Buffer) => data.subarray(0, 1024).includes('%PDF-');

/** What the bytes look like, for messages that say what the file really is. */
function looksLike(data: Buffer) {
  if (isPdf(data)) return { ja: 'PDF ファイルです', en: 'it is a PDF file' };
  if (isZip(data)) return { ja: 'ZIP（Word・Excel など）ファイルです', en: 'it is a ZIP (Word, Excel…) file' };
  if (isOle(data)) return { ja: '古い形式（.doc / .xls）か、パスワード付きの Office ファイルです', en: 'it is an old-format (.doc/.xls) or password-protected Office file' };
  return null;
}

interface ZipEntry { name: string; size: number }

/**
 * The entries of a ZIP from its central directory (no unpacking): enough to tell a Word document from a
 * workbook, see a truncated file, and refuse a ZIP bomb before mammoth or exceljs inflate it.
 * https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT (4.3.12, 4.3.16)
 */
export function zipEntriesOf(data: Buffer): ZipEntry[] | null {
  const EOCD = 0x06054b50;
  const CDH = 0x02014b50;
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (data.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = data.readUInt16LE(eocd + 10);
  const offset = data.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== CDH) return null;
    const nameLength = data.readUInt16LE(at + 28);
    entries.push({ name: data.toString('utf8', at + 46, at + 46 + nameLength), size: data.readUInt32LE(at + 24) });
    at += 46 + nameLength + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
  }
  return entries;
}

function checkOfficeZip(data: Buffer, mainPart: string, kind: { ja: string; en: string }) {
  if (!isZip(data)) throw importErrors.corrupt(looksLike(data) ?? { ja: `${kind.ja}ではありません（ZIP 形式ではありません）`, en: `not a ${kind.en} (not a ZIP container)` });
  const entries = zipEntriesOf(data);
  if (!entries) throw importErrors.corrupt({ ja: 'ファイルの末尾が欠けています（転送やコピーの途中で切れた可能性があります）', en: 'the end of the file is missing (cut off during a transfer or copy?)' });
  if (!entries.some((e) => e.name === mainPart)) throw importErrors.corrupt({ ja: `${kind.ja}ではない ZIP ファイルです`, en: `a ZIP file that is not a ${kind.en}` });
  if (entries.reduce((sum, e) => sum + e.size, 0) > KNOWLEDGE_IMPORT_MAX_EXPANDED_BYTES) throw importErrors.expandsTooMuch(KNOWLEDGE_IMPORT_MAX_EXPANDED_BYTES);
}

/** The format from the file name, confirmed by the bytes: a file is never read as what it is not. */
export function detectFormat(fileName: string, data: Buffer): ImportFormat {
  const ext = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const format = byExtension[ext];
  if (!format) throw importErrors.unsupported(fileName);
  switch (format) {
    case 'docx':
      checkOfficeZip(data, 'word/document.xml', { ja: 'Word 文書（.docx）', en: 'Word document (.docx)' });
      break;
    case 'xlsx':
      checkOfficeZip(data, 'xl/workbook.xml', { ja: 'Excel ブック（.xlsx）', en: 'Excel workbook (.xlsx)' });
      break;
    case 'pdf':
      if (!isPdf(data)) throw importErrors.corrupt(looksLike(data) ?? { ja: 'PDF ではありません', en: 'not a PDF' });
      break;
    default: {
      const other = looksLike(data);
      if (other) throw importErrors.corrupt(other);
    }
  }
  return format;
}
