import { describe, expect, it } from 'vitest';
import { highlightPieces } from './highlight.js';

describe('highlightPieces', () => {
  it('marks the ranges and keeps the text around them', () => {
    expect(highlightPieces('送料はいくらですか', [[0, 2]])).toEqual([
      { text: '送料', mark: true },
      { text: 'はいくらですか', mark: false },
    ]);
    expect(highlightPieces('エラーE-05の対処', [[3, 7], [0, 3]]).map((p) => (p.mark ? `[${p.text}]` : p.text)).join('')).toBe('[エラー][E-05]の対処');
  });

  it('clips overlapping and out-of-range ranges without losing text', () => {
    const pieces = highlightPieces('abcdef', [[1, 4], [2, 5], [5, 99], [-3, 0]]);
    expect(pieces.map((p) => p.text).join('')).toBe('abcdef');
    expect(pieces.filter((p) => p.mark).map((p) => p.text)).toEqual(['bcd', 'e', 'f']);
  });

  it('returns the whole text unmarked without ranges', () => {
    expect(highlightPieces('abc', [])).toEqual([{ text: 'abc', mark: false }]);
    expect(highlightPieces('', [[0, 1]])).toEqual([]);
  });
});
