import { extractTextItems, getDocumentProxy, getMeta } from 'unpdf';
import { outlineText, type TextLine } from '../../../core/knowledge/text-outline.js';
import type { ManualBlock } from '../../../core/knowledge/manual-split.js';
import type { ReaderNote } from './knowledge-import.messages.js';
import { importErrors } from './knowledge-import.errors.js';

interface Item { str: string; y: number; fontSize: number; hasEOL: boolean }

/** pdf.js text items of one page → lines with their font size, and a paragraph gap where the spacing opens up. */
export function linesOfPage(items: readonly Item[], page: number): TextLine[] {
  const raw: { text: string; y: number; size: number }[] = [];
  let current: { text: string; y: number | null; size: number } = { text: '', y: null, size: 0 };
  const end = () => {
    if (current.text.trim()) raw.push({ text: current.text, y: current.y ?? 0, size: current.size });
    current = { text: '', y: null, size: 0 };
  };
  for (const item of items) {
    // A new baseline without an end-of-line mark is a new line all the same.
    if (item.str && current.y !== null && Math.abs(item.y - current.y) > Math.max(item.fontSize, current.size) * 0.5) end();
    if (item.str) {
      current.text += item.str;
      current.y ??= item.y;
      current.size = Math.max(current.size, item.fontSize);
    }
    if (item.hasEOL) end();
  }
  end();
  return raw.map((l, i) => {
    const prev = raw[i - 1];
    const gap = prev ? prev.y - l.y > Math.max(prev.size, l.size) * 1.9 : false;
    return { text: l.text, size: l.size, gapBefore: gap, at: `p. ${page}` };
  });
}

/**
 * The text layer of a PDF → manual blocks, headings inferred (text-outline). A page without text
 * (a scan) is reported: there is no OCR.
 */
export async function readPdf(data: Buffer): Promise<{ title: string | null; blocks: ManualBlock[]; notes: ReaderNote[] }> {
  let pages: Item[][];
  let title: string | null = null;
  try {
    // pdf.js takes ownership of the array it is given: pass a copy. verbosity 0: no console warnings.
    const pdf = await getDocumentProxy(new Uint8Array(data), { verbosity: 0 });
    pages = (await extractTextItems(pdf)).items;
    const info = (await getMeta(pdf)).info as { Title?: unknown };
    title = typeof info.Title === 'string' && info.Title.trim() ? info.Title.trim() : null;
    await pdf.destroy();
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'PasswordException') throw importErrors.corrupt({ ja: 'パスワードで保護された PDF です。保護を外してから取り込んでください', en: 'the PDF is password-protected; remove the protection first' });
    throw importErrors.corrupt({ ja: `PDF として読めません（${(err as Error).message}）`, en: `cannot be read as a PDF (${(err as Error).message})` });
  }
  const notes: ReaderNote[] = [];
  const lines: TextLine[] = [];
  pages.forEach((items, i) => {
    const pageLines = linesOfPage(items, i + 1);
    if (pageLines.length === 0) notes.push({ code: 'page_without_text', where: `p. ${i + 1}` });
    // A new page starts a new paragraph.
    if (pageLines[0]) pageLines[0].gapBefore = true;
    lines.push(...pageLines);
  });
  return { title, blocks: outlineText(lines), notes };
}
