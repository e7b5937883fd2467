import { describe, expect, it } from 'vitest';
import { qaColumnsOf, qaSheetToArticles, type QaRow } from './qa-sheet.js';

const rows = (...cells: string[][]): QaRow[] => cells.map((c, i) => ({ where: `line ${i + 1}`, cells: c }));

describe('qaColumnsOf', () => {
  it('finds the columns by Japanese or English headers, in any order and width', () => {
    expect(qaColumnsOf(['カテゴリ', '質問', '回答', 'タグ'])).toEqual({ category: 0, question: 1, answer: 2, tags: 3 });
    expect(qaColumnsOf(['Ｑ', 'Ａ'])).toEqual({ question: 0, answer: 1 });
    expect(qaColumnsOf([' Question ', 'Answer', 'Keywords'])).toEqual({ question: 0, answer: 1, tags: 2 });
    expect(qaColumnsOf(['質問', 'メモ'])).toBeNull();
  });
});

describe('qaSheetToArticles', () => {
  it('makes one article per row with category path and tags; reports rows missing a side', () => {
    const sut = qaSheetToArticles({
      categoryRoot: '配送',
      rows: rows(['FAQ 一覧'], ['問', '答', '分類', 'キーワード'], ['いつ届く？', '3営業日以内に\n発送します。', '発送/日数', '配送、発送, 配送'], ['', '答えだけ'], ['問いだけ', ' '], ['', '']),
    });
    expect(sut.articles).toEqual([{ title: 'いつ届く？', body: '3営業日以内に\n発送します。', categoryPath: ['配送', '発送', '日数'], tags: ['配送', '発送'], source: 'line 3' }]);
    expect(sut.problems).toEqual([{ code: 'missing_question', where: 'line 4' }, { code: 'missing_answer', where: 'line 5' }]);
  });

  it('reads a sheet without a header as question, answer', () => {
    const sut = qaSheetToArticles({ rows: rows(['送料は？', '500円です。']) });
    expect(sut.articles.map((a) => a.title)).toEqual(['送料は？']);
    expect(sut.problems).toEqual([{ code: 'no_header', where: 'line 1' }]);
  });
});
