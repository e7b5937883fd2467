import type { QaProblem } from '../../../core/knowledge/qa-sheet.js';
import type { SplitProblem } from '../../../core/knowledge/manual-split.js';

export type Lang = 'ja' | 'en';
export interface Localized { ja: string; en: string }

/** What a reader noticed while reading a file (beside what the splitter and the Q&A sheet report). */
export type ReaderNote =
  | { code: 'docx_warning'; where: string; detail: string }
  | { code: 'images_skipped'; where: string; count: number }
  | { code: 'page_without_text'; where: string }
  | { code: 'html_as_text'; where: string }
  | { code: 'csv_syntax'; where: string; detail: string }
  | { code: 'too_many_articles'; where: string; limit: number; total: number };

/** Everything an import report lists; `where` is written in English form and localized when shown. */
export type ImportNote = ReaderNote | SplitProblem | QaProblem;

// Codes that mean something was left out of the knowledge base (the rest are warnings).
const SKIPPED = new Set<ImportNote['code']>(['empty_section', 'missing_question', 'missing_answer', 'page_without_text', 'csv_syntax', 'too_many_articles', 'images_skipped']);
export const isSkipped = (n: ImportNote) => SKIPPED.has(n.code);

export function noteMessage(n: ImportNote): Localized {
  switch (n.code) {
    case 'empty_section': return { ja: `見出し「${n.heading}」の下に本文がないため、記事にしませんでした`, en: `The heading "${n.heading}" has no text under it; no article was made` };
    case 'section_split_in_parts': return { ja: `「${n.heading}」が長いため ${n.parts} 件の記事に分けました`, en: `"${n.heading}" is long and was split into ${n.parts} articles` };
    case 'title_truncated': return { ja: `タイトルが300文字を超えるため切り詰めました（${n.heading}…）`, en: `The title is longer than 300 characters and was shortened (${n.heading}…)` };
    case 'no_header': return { ja: '見出し行（質問・回答）が見つからないため、A列を質問、B列を回答として読みました', en: 'No header row (question, answer) was found: column A was read as the question and column B as the answer' };
    case 'missing_question': return { ja: '質問が空のため、この行は取り込みませんでした', en: 'The question is empty; the row was not imported' };
    case 'missing_answer': return { ja: '回答が空のため、この行は取り込みませんでした', en: 'The answer is empty; the row was not imported' };
    case 'docx_warning': return { ja: `Word 文書の一部を変換できませんでした: ${n.detail}`, en: `Part of the Word document could not be converted: ${n.detail}` };
    case 'images_skipped': return { ja: `画像 ${n.count} 点は取り込まれません（本文のみ取り込みます）`, en: `${n.count} image(s) were not imported (text only)` };
    case 'page_without_text': return { ja: 'このページには文字がありません（スキャン画像の PDF は文字認識が必要です）', en: 'This page has no text (a scanned PDF needs OCR first)' };
    case 'html_as_text': return { ja: 'HTML タグは使えないため、タグを除いた文字だけを取り込みました', en: 'HTML is not allowed in articles: the tags were removed and the text kept' };
    case 'csv_syntax': return { ja: `CSV の書式エラーのため読めませんでした: ${n.detail}`, en: `Could not be read (CSV syntax error): ${n.detail}` };
    case 'too_many_articles': return { ja: `1回の取り込みは ${n.limit} 件までです。残りの ${n.total - n.limit} 件は取り込みませんでした（ファイルを分けてください）`, en: `One import creates at most ${n.limit} articles; the other ${n.total - n.limit} were not imported (split the file)` };
  }
}

/** "line 5", "p. 3", "配送 row 4" in the reader's language. */
export function localizeWhere(where: string, lang: Lang): string {
  if (lang === 'en') return where;
  return where
    .replace(/^line (\d+)(?=$|:)/, '$1行目')
    .replace(/^p\. (\d+)(?=$|:)/, '$1ページ')
    .replace(/^(.+) row (\d+)$/, 'シート「$1」$2行目');
}
