import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat, zipEntriesOf } from './import-format.js';
import type { KnowledgeImportError } from './knowledge-import.errors.js';

const fixture = (name: string) => readFileSync(new URL(`../../../../test/fixtures/knowledge-import/${name}`, import.meta.url));
const problemOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return { problem: (err as KnowledgeImportError).problem, en: (err as KnowledgeImportError).messages.en };
  }
  return null;
};

describe('detectFormat', () => {
  it('takes the format from the name and confirms it from the bytes', () => {
    expect(detectFormat('取扱説明書.DOCX', fixture('aircon-manual.docx'))).toBe('docx');
    expect(detectFormat('faq.xlsx', fixture('faq.xlsx'))).toBe('xlsx');
    expect(detectFormat('guide.pdf', fixture('aircon-guide.pdf'))).toBe('pdf');
    expect(detectFormat('faq.md', Buffer.from('# FAQ'))).toBe('markdown');
    expect(problemOf(() => detectFormat('faq.docx', fixture('faq.xlsx')))).toMatchObject({ problem: 'corrupt_file', en: expect.stringContaining('not a Word document') });
    expect(problemOf(() => detectFormat('guide.md', fixture('aircon-guide.pdf')))).toMatchObject({ problem: 'corrupt_file', en: expect.stringContaining('it is a PDF file') });
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(problemOf(() => detectFormat('secret.docx', ole))).toMatchObject({ problem: 'corrupt_file', en: expect.stringContaining('password-protected') });
    expect(problemOf(() => detectFormat('old.xls', ole))).toMatchObject({ problem: 'unsupported_format', en: expect.stringContaining('Save it from Excel as .xlsx') });
    expect(problemOf(() => detectFormat('noext', Buffer.from('x')))).toMatchObject({ problem: 'unsupported_format' });
  });

  it('refuses a truncated ZIP and one that would unpack to more than the limit, without unpacking', () => {
    const docx = fixture('aircon-manual.docx');
    expect(problemOf(() => detectFormat('a.docx', docx.subarray(0, docx.length - 10)))).toMatchObject({ problem: 'corrupt_file', en: expect.stringContaining('end of the file is missing') });
    const entries = zipEntriesOf(docx)!;
    expect(entries.map((e) => e.name)).toContain('word/document.xml');
    // Claim a 3 GB document.xml in the central directory: a ZIP bomb's signature.
    const bomb = Buffer.from(docx);
    const cd = bomb.indexOf(Buffer.from('PK\x01\x02', 'latin1'));
    bomb.writeUInt32LE(0xc0000000, cd + 24);
    expect(problemOf(() => detectFormat('a.docx', bomb))).toMatchObject({ problem: 'file_too_large', en: expect.stringContaining('expands to more than 200 MB') });
  });
});
