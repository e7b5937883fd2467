import { describe, expect, it } from 'vitest';
import { blocksToMarkdown, escapeMarkdownText, splitManual, type ManualBlock } from './manual-split.js';

const h = (level: number, text: string, at?: string): ManualBlock => ({ kind: 'heading', level, text, ...(at ? { at } : {}) });
const p = (text: string): ManualBlock => ({ kind: 'paragraph', text });

describe('splitManual', () => {
  it('makes chapters categories and sections articles; text before the first heading is the overview', () => {
    const sut = splitManual({
      title: 'SR-4501 取扱説明書',
      blocks: [
        p('ご使用の前にお読みください。'),
        h(1, '第1章 安全上のご注意'), h(2, '電源プラグ'), p('根元まで差し込む。'), h(2, '設置場所'), p('直射日光を避ける。'),
        h(1, '第2章 使いかた'), p('リモコンで操作します。'), h(2, 'タイマー'), p('切タイマーは1・2・4時間。'), h(3, '入タイマー'), p('起床時刻に。'),
      ],
    }, { tags: ['SR-4501'] });
    expect(sut.articles.map((a) => [a.title, a.categoryPath])).toEqual([
      ['SR-4501 取扱説明書', []],
      ['電源プラグ', ['第1章 安全上のご注意']],
      ['設置場所', ['第1章 安全上のご注意']],
      ['第2章 使いかた', ['第2章 使いかた']],
      ['タイマー', ['第2章 使いかた']],
    ]);
    // A subheading stays in its section's body, one level below the title.
    expect(sut.articles[4]!.body).toBe('切タイマーは1・2・4時間。\n\n## 入タイマー\n\n起床時刻に。');
    expect(sut.articles.every((a) => a.tags.join() === 'SR-4501')).toBe(true);
    expect(sut.problems).toEqual([]);
  });

  it('splits at the one level present, and takes a lone top heading as the document title', () => {
    const sut = splitManual({ title: 'file-name', blocks: [h(1, 'よくある質問'), h(2, '送料'), p('全国一律500円。'), h(2, '返品'), p('8日以内。')] });
    expect(sut.articles.map((a) => [a.title, a.categoryPath.length])).toEqual([['送料', 0], ['返品', 0]]);
    const overview = splitManual({ title: 'file-name', blocks: [h(1, 'よくある質問'), p('はじめに'), h(2, '送料'), p('500円。')] });
    expect(overview.articles[0]).toMatchObject({ title: 'よくある質問', body: 'はじめに' });
  });

  it('reports and skips empty sections, including a chapter whose sections are all empty', () => {
    const sut = splitManual({ title: 'm', blocks: [h(1, 'A'), h(2, 'A1'), p('text'), h(2, 'A2', 'p. 3'), h(1, 'B'), h(2, 'B1'), p('  ')] });
    expect(sut.articles.map((a) => a.title)).toEqual(['A1']);
    expect(sut.problems).toEqual([
      { code: 'empty_section', where: 'p. 3: A2', heading: 'A2' },
      { code: 'empty_section', where: 'B', heading: 'B' },
    ]);
  });

  it('splits a section over the size cap at its subheadings, and cuts one without them into parts', () => {
    const long = 'あ'.repeat(60);
    const sut = splitManual({ title: 'm', blocks: [h(1, 'C'), h(2, 'Big'), p('intro'), h(3, 'x'), p(long), h(3, 'y'), p(long), h(2, 'Flat'), p(long), p(long), p(long)] }, { maxBodyChars: 100 });
    expect(sut.articles.map((a) => [a.title, a.categoryPath.join('/')])).toEqual([
      ['Big', 'Big'], ['x', 'Big'], ['y', 'Big'], // C, the lone top heading, is the title
      ['Flat (1/3)', ''], ['Flat (2/3)', ''], ['Flat (3/3)', ''],
    ]);
    expect(sut.problems).toEqual([{ code: 'section_split_in_parts', where: 'Flat', heading: 'Flat', parts: 3 }]);
  });

  it('makes one article of a manual without headings, and truncates an over-long title', () => {
    expect(splitManual({ title: '案内', blocks: [p('本文')] }).articles).toEqual([{ title: '案内', body: '本文', categoryPath: [], tags: [] }]);
    const sut = splitManual({ title: 'm', blocks: [h(1, 'T'.repeat(400)), p('x'), h(1, 'U'), p('y')] });
    expect(sut.articles[0]!.title).toHaveLength(300);
    expect(sut.problems[0]).toMatchObject({ code: 'title_truncated' });
  });

  it('keeps where a section starts (a page) on its article', () => {
    const sut = splitManual({ title: 'm', blocks: [h(1, 'A', 'p. 2'), p('x'), h(1, 'B', 'p. 4'), p('y')] });
    expect(sut.articles.map((a) => a.source)).toEqual(['p. 2', 'p. 4']);
  });
});

describe('blocksToMarkdown', () => {
  it('writes lists, tables and code as Markdown', () => {
    const md = blocksToMarkdown([
      { kind: 'list', ordered: true, items: [{ text: '押す', depth: 0 }, { text: '長押し', depth: 1 }, { text: '離す', depth: 0 }] },
      { kind: 'table', rows: [['コード', '内容'], ['E-05', 'a|b'], ['E-12']] },
      { kind: 'code', text: 'x ``` y' },
    ]);
    expect(md).toBe('1. 押す\n   - 長押し\n2. 離す\n\n| コード | 内容 |\n| --- | --- |\n| E-05 | a\\|b |\n| E-12 |   |\n\n````\nx ``` y\n````');
  });
});

describe('escapeMarkdownText', () => {
  it('keeps plain text plain: markup characters and block starts are escaped', () => {
    expect(escapeMarkdownText('# 1. *注意* <b>_x_</b>')).toBe('\\# 1. \\*注意\\* \\<b\\>\\_x\\_\\</b\\>');
    expect(escapeMarkdownText('1. 手順\n- 項目')).toBe('1\\. 手順\n\\- 項目');
  });
});
