import { AppError, type ErrorCode } from '../../platform/app-error.js';
import { localizeWhere, noteMessage, type ImportNote, type Lang, type Localized } from './knowledge-import.messages.js';

export type ImportFileProblem = 'file_too_large' | 'empty_file' | 'corrupt_file' | 'unsupported_format' | 'encoding_unreadable' | 'nothing_to_import' | 'already_imported';

// A well-formed request whose file cannot be imported is 422 (RFC 9110 15.5.21), not a malformed request.
const codeOf: Record<ImportFileProblem, ErrorCode> = {
  file_too_large: 'payload_too_large', unsupported_format: 'unsupported_media_type', already_imported: 'conflict',
  empty_file: 'unprocessable', corrupt_file: 'unprocessable', encoding_unreadable: 'unprocessable', nothing_to_import: 'unprocessable',
};

/**
 * The file as a whole cannot be imported. `problem` is the stable code of the problem+json body; the
 * message is worded in Japanese and English, and `notes` list what was found when nothing was usable.
 */
export class KnowledgeImportError extends AppError {
  constructor(readonly problem: ImportFileProblem, readonly messages: Localized, readonly notes: readonly ImportNote[] = []) {
    super(codeOf[problem], messages.en, notes.map((n) => ({ path: n.where, message: noteMessage(n).en })));
  }

  messageIn(lang: Lang) {
    return this.messages[lang];
  }

  errorsIn(lang: Lang) {
    return this.notes.map((n) => ({ path: localizeWhere(n.where, lang), message: noteMessage(n)[lang] }));
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export const importErrors = {
  tooLarge: (size: number | null, limit: number) => new KnowledgeImportError('file_too_large', {
    ja: `ファイルが大きすぎます${size === null ? '' : `（${mb(size)}）`}。上限は ${limit / 1024 / 1024} MB です。ファイルを分けて取り込んでください`,
    en: `The file is too large${size === null ? '' : ` (${mb(size)})`}; the limit is ${limit / 1024 / 1024} MB. Split it into several files`,
  }),
  expandsTooMuch: (limit: number) => new KnowledgeImportError('file_too_large', {
    ja: `ファイルを展開すると ${limit / 1024 / 1024} MB を超えるため取り込めません`,
    en: `The file expands to more than ${limit / 1024 / 1024} MB when unpacked and cannot be imported`,
  }),
  empty: () => new KnowledgeImportError('empty_file', { ja: 'ファイルが空です', en: 'The file is empty' }),
  unsupported: (name: string) => {
    const ext = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
    const hint = ext === 'doc' ? { ja: 'Word で .docx 形式で保存し直してください。', en: 'Save it from Word as .docx.' }
      : ext === 'xls' ? { ja: 'Excel で .xlsx 形式で保存し直してください。', en: 'Save it from Excel as .xlsx.' } : { ja: '', en: '' };
    return new KnowledgeImportError('unsupported_format', {
      ja: `取り込めない形式です（${name}）。対応形式: .docx, .pdf, .md, .txt, .csv, .xlsx。${hint.ja}`,
      en: `Unsupported file type (${name}). Supported: .docx, .pdf, .md, .txt, .csv, .xlsx. ${hint.en}`.trim(),
    });
  },
  corrupt: (what: Localized) => new KnowledgeImportError('corrupt_file', {
    ja: `ファイルが壊れているか、形式が違います: ${what.ja}`, en: `The file is damaged or not what its name says: ${what.en}`,
  }),
  encoding: (message: Localized) => new KnowledgeImportError('encoding_unreadable', message),
  nothingToImport: (notes: readonly ImportNote[]) => new KnowledgeImportError('nothing_to_import', {
    ja: '取り込める記事がありませんでした（詳細は errors を参照）', en: 'Nothing in the file could be imported (see errors)',
  }, notes),
  alreadyImported: (previous: { at: Date; fileName: string }) => new KnowledgeImportError('already_imported', {
    ja: `同じファイルを ${previous.at.toISOString().slice(0, 10)} に取り込み済みです（${previous.fileName}）。もう一度取り込むには force を指定してください`,
    en: `This file was already imported on ${previous.at.toISOString().slice(0, 10)} (${previous.fileName}). Send force=true to import it again`,
  }),
};
