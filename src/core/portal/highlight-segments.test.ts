import { describe, expect, it } from 'vitest';
import { highlightSegments } from './highlight-segments.js';

describe('highlightSegments', () => {
  it('splits text around the ranges', () => {
    expect(highlightSegments('返品は7日以内に返品窓口へ', [[0, 2], [8, 10]])).toEqual([
      { text: '返品', mark: true }, { text: 'は7日以内に', mark: false }, { text: '返品', mark: true }, { text: '窓口へ', mark: false },
    ]);
  });

  it('keeps markup-looking text as text and survives bad ranges', () => {
    const text = '<script>x</script>';
    const segs = highlightSegments(text, [[10, 4], [-5, 3], [2, 99]]);
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(highlightSegments('abc', [])).toEqual([{ text: 'abc', mark: false }]);
    expect(highlightSegments('', [[0, 1]])).toEqual([]);
  });
});
