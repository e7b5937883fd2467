/**
 * Which files may be attached to an article, decided from the name's extension AND the first bytes:
 * the browser's declared type is not trusted, and the stored Content-Type comes from this table, so
 * an HTML page renamed to .png is refused rather than served back.
 */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

interface Kind {
  contentType: string;
  /** The file starts like this (null: a text file, checked for binary bytes instead). */
  magic: ((head: Uint8Array) => boolean) | null;
}

const startsWith = (head: Uint8Array, bytes: readonly number[], at = 0) => bytes.every((b, i) => head[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const ZIP = [0x50, 0x4b, 0x03, 0x04];

const KINDS: Record<string, Kind> = {
  pdf: { contentType: 'application/pdf', magic: (h) => startsWith(h, ascii('%PDF-')) },
  png: { contentType: 'image/png', magic: (h) => startsWith(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  jpg: { contentType: 'image/jpeg', magic: (h) => startsWith(h, [0xff, 0xd8, 0xff]) },
  jpeg: { contentType: 'image/jpeg', magic: (h) => startsWith(h, [0xff, 0xd8, 0xff]) },
  gif: { contentType: 'image/gif', magic: (h) => startsWith(h, ascii('GIF87a')) || startsWith(h, ascii('GIF89a')) },
  webp: { contentType: 'image/webp', magic: (h) => startsWith(h, ascii('RIFF')) && startsWith(h, ascii('WEBP'), 8) },
  // Office Open XML files are zip archives.
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: (h) => startsWith(h, ZIP) },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: (h) => startsWith(h, ZIP) },
  txt: { contentType: 'text/plain', magic: null },
  csv: { contentType: 'text/csv', magic: null },
};

export const ATTACHMENT_EXTENSIONS = Object.keys(KINDS);

export type AttachmentCheck = { ok: true; contentType: string } | { ok: false; reason: 'type_not_allowed' | 'content_mismatch' | 'empty_file' };

const extensionOf = (fileName: string) => /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';

/** The Content-Type to store for an upload, or why it is refused. `head`: at least the first 16 bytes. */
export function checkAttachment(fileName: string, head: Uint8Array): AttachmentCheck {
  const kind = KINDS[extensionOf(fileName)];
  if (!kind) return { ok: false, reason: 'type_not_allowed' };
  if (head.length === 0) return { ok: false, reason: 'empty_file' };
  // Text (UTF-8 or Shift_JIS) never holds NUL bytes; binaries nearly always do early on.
  const fits = kind.magic ? kind.magic(head) : !head.includes(0);
  return fits ? { ok: true, contentType: kind.contentType } : { ok: false, reason: 'content_mismatch' };
}

/** A file name safe to store and show: no path, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return Array.from(clean).slice(-200).join('') || 'file';
}

/**
 * Content-Disposition for a download (RFC 6266): always `attachment`, an ASCII fallback name and the
 * real (Japanese) name in RFC 5987 `filename*`.
 */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
