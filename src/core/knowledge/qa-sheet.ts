import { MAX_TITLE_CHARS, type ManualArticle } from './manual-split.js';

/**
 * A Q&A sheet (CSV, a worksheet) → one article per row: title = question, body = answer. Columns are
 * found by their header in Japanese or English, in any order; a sheet without a recognisable header
 * is read as question (A), answer (B). Rows without a question or an answer are reported by number.
 */
export type QaColumn = 'question' | 'answer' | 'category' | 'tags';

// Header cells after folding (NFKC, lower case, no spaces or punctuation).
const HEADERS: Record<QaColumn, readonly string[]> = {
  question: ['質問', '問', '問い', '質問内容', 'お問い合わせ内容', 'q', 'question', 'questions', 'faq', 'title', 'タイトル', '件名'],
  answer: ['回答', '答', '答え', '回答内容', '返答', 'a', 'answer', 'answers', 'body', '本文'],
  category: ['カテゴリ', 'カテゴリー', '分類', '大分類', 'category', 'categories'],
  tags: ['タグ', 'キーワード', 'tag', 'tags', 'keyword', 'keywords'],
};

const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');

export interface QaRow {
  /** How the report names the row: "line 5", "配送 row 3". */
  where: string;
  cells: string[];
}

export type QaProblem =
  | { code: 'no_header'; where: string }
  | { code: 'missing_question'; where: string }
  | { code: 'missing_answer'; where: string }
  | { code: 'title_truncated'; where: string; heading: string };

export interface QaSheet {
  rows: QaRow[];
  /** Category above the rows' own (a workbook's sheet name). */
  categoryRoot?: string;
}

/** Which column holds what, from a header row; null when there is no question or no answer column. */
export function qaColumnsOf(header: readonly string[]): Partial<Record<QaColumn, number>> | null {
  const out: Partial<Record<QaColumn, number>> = {};
  header.forEach((cell, i) => {
    const f = fold(cell);
    for (const col of Object.keys(HEADERS) as QaColumn[]) {
      if (out[col] === undefined && HEADERS[col].includes(f)) out[col] = i;
    }
  });
  return out.question !== undefined && out.answer !== undefined ? out : null;
}

/** "家電/エアコン", "家電 > エアコン" → ["家電", "エアコン"]. */
export const categoryPathOf = (value: string) => value.split(/\s*[/／>＞]\s*/).map((s) => s.trim()).filter(Boolean);
/** "配送, 発送", "配送、発送" → ["配送", "発送"]. */
export const tagsOf = (value: string) => [...new Set(value.split(/[,，、;；\n]/).map((s) => s.trim()).filter(Boolean))];

const HEADER_SEARCH_ROWS = 5;

export function qaSheetToArticles(sheet: QaSheet): { articles: ManualArticle[]; problems: QaProblem[] } {
  const problems: QaProblem[] = [];
  const articles: ManualArticle[] = [];
  // The header may sit below a title row or two.
  const headerIndex = sheet.rows.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => qaColumnsOf(r.cells) !== null);
  let columns: Partial<Record<QaColumn, number>>;
  let dataRows: QaRow[];
  if (headerIndex >= 0) {
    columns = qaColumnsOf(sheet.rows[headerIndex]!.cells)!;
    dataRows = sheet.rows.slice(headerIndex + 1);
  } else {
    if (sheet.rows.length) problems.push({ code: 'no_header', where: sheet.rows[0]!.where });
    columns = { question: 0, answer: 1 };
    dataRows = sheet.rows;
  }
  const cell = (r: QaRow, col: QaColumn) => (columns[col] === undefined ? '' : (r.cells[columns[col]!] ?? '').replace(/\r\n?/g, '\n').trim());
  for (const row of dataRows) {
    const question = cell(row, 'question').replace(/\s*\n\s*/g, ' ');
    const answer = cell(row, 'answer');
    if (!question && !answer) continue;
    if (!question) {
      problems.push({ code: 'missing_question', where: row.where });
      continue;
    }
    if (!answer) {
      problems.push({ code: 'missing_answer', where: row.where });
      continue;
    }
    let title = question;
    if (title.length > MAX_TITLE_CHARS) {
      problems.push({ code: 'title_truncated', where: row.where, heading: title.slice(0, 50) });
      title = `${title.slice(0, MAX_TITLE_CHARS - 1)}…`;
    }
    articles.push({
      title,
      // Line breaks in a cell are kept; the article renderer shows them as breaks.
      body: answer,
      categoryPath: [...(sheet.categoryRoot ? [sheet.categoryRoot] : []), ...categoryPathOf(cell(row, 'category'))],
      tags: tagsOf(cell(row, 'tags')),
      source: row.where,
    });
  }
  return { articles, problems };
}
