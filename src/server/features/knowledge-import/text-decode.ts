import { decodeCsvBytes } from '../customers/customer-import.decode.js';
import { CustomerImportFileError } from '../customers/customer-import.errors.js';
import { importErrors } from './knowledge-import.errors.js';

/**
 * Text files (CSV, Markdown, plain text) as written on Japanese PCs: UTF-8 with or without BOM, or
 * CP932 (Excel's "CSV", Notepad's ANSI) — the customer import's detection, with messages for manuals.
 */
export function decodeText(data: Buffer, kind: 'csv' | 'text'): string {
  if (kind === 'text' && data.includes(0)) {
    throw importErrors.corrupt({ ja: 'テキストではなくバイナリデータです', en: 'it holds binary data, not text' });
  }
  try {
    return decodeCsvBytes(data, 'auto').text;
  } catch (err) {
    if (!(err instanceof CustomerImportFileError)) throw err;
    throw importErrors.encoding(kind === 'csv'
      ? { ja: '文字コードを判別できません（UTF-8 でも Shift_JIS でもありません）。Excel から「CSV UTF-8」または「CSV」で保存し直してください', en: err.message }
      : { ja: '文字コードを判別できません（UTF-8 でも Shift_JIS でもありません）。UTF-8 で保存し直してください', en: 'The text is neither UTF-8 nor Shift_JIS (CP932); save it as UTF-8' });
  }
}
