import { describe, expect, it } from 'vitest';
import { attachmentDisposition, checkAttachment, cleanFileName } from './attachment-type.js';

const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

describe('checkAttachment', () => {
  it('accepts each allowed type when the bytes match the extension', () => {
    expect(checkAttachment('取扱説明書.PDF', bytes('%PDF-1.7\n'))).toEqual({ ok: true, contentType: 'application/pdf' });
    expect(checkAttachment('a.png', bytes([0x89], 'PNG\r\n\x1a\n'))).toEqual({ ok: true, contentType: 'image/png' });
    expect(checkAttachment('a.jpeg', bytes([0xff, 0xd8, 0xff, 0xe0]))).toMatchObject({ contentType: 'image/jpeg' });
    expect(checkAttachment('a.gif', bytes('GIF89a'))).toMatchObject({ contentType: 'image/gif' });
    expect(checkAttachment('a.webp', bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toMatchObject({ contentType: 'image/webp' });
    expect(checkAttachment('a.docx', bytes('PK', [3, 4]))).toMatchObject({ ok: true });
    expect(checkAttachment('a.xlsx', bytes('PK', [3, 4]))).toMatchObject({ ok: true });
    expect(checkAttachment('手順.txt', new Uint8Array(Buffer.from('電源を切ってください')))).toEqual({ ok: true, contentType: 'text/plain' });
    expect(checkAttachment('一覧.csv', bytes([0x83, 0x65, 0x83, 0x58, 0x83, 0x67, 0x2c]))).toEqual({ ok: true, contentType: 'text/csv' });
  });

  it('refuses other types, disguised files and empty files', () => {
    expect(checkAttachment('page.html', bytes('<html>'))).toEqual({ ok: false, reason: 'type_not_allowed' });
    expect(checkAttachment('setup.exe', bytes('MZ'))).toEqual({ ok: false, reason: 'type_not_allowed' });
    expect(checkAttachment('noext', bytes('%PDF-'))).toEqual({ ok: false, reason: 'type_not_allowed' });
    expect(checkAttachment('photo.png', bytes('<html><script>'))).toEqual({ ok: false, reason: 'content_mismatch' });
    expect(checkAttachment('a.pdf', bytes([0x89], 'PNG'))).toEqual({ ok: false, reason: 'content_mismatch' });
    expect(checkAttachment('a.txt', bytes('MZ', [0, 0, 0]))).toEqual({ ok: false, reason: 'content_mismatch' });
    expect(checkAttachment('a.pdf', new Uint8Array())).toEqual({ ok: false, reason: 'empty_file' });
  });
});

describe('file names', () => {
  it('keeps the base name only, without control characters', () => {
    expect(cleanFileName('C:\\Users\\x\\取扱説明書.pdf')).toBe('取扱説明書.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a\r\nb.txt')).toBe('ab.txt');
    expect(cleanFileName('  ')).toBe('file');
  });

  it('builds an attachment disposition with an ASCII fallback and the UTF-8 name', () => {
    expect(attachmentDisposition('取扱説明書 "v2".pdf')).toBe(`attachment; filename="_____ _v2_.pdf"; filename*=UTF-8''${encodeURIComponent('取扱説明書 "v2".pdf')}`);
    expect(attachmentDisposition("it's(1).txt")).toBe(`attachment; filename="it's(1).txt"; filename*=UTF-8''it%27s%281%29.txt`);
  });
});
