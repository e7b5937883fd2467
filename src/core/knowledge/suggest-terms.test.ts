import { describe, expect, it } from 'vitest';
import { isTopicWord, pickInformativeTerms } from './suggest-terms.js';

describe('pickInformativeTerms', () => {
  const terms = [
    { index: 0, text: '先日', articles: 0 },
    { index: 1, text: '商品', articles: 60 },
    { index: 2, text: '洗濯機', articles: 12 },
    { index: 3, text: 'e05', articles: 2 },
    { index: 4, text: '表示', articles: 30 },
    { index: 5, text: '止まっ', articles: 5 },
  ];

  it('keeps the rarest terms that some article has, rarest first, weighted by rarity', () => {
    const sut = pickInformativeTerms(terms, 100, 3);
    expect(sut.map((t) => t.text)).toEqual(['e05', '止まっ', '洗濯機']);
    expect(sut[0]!.weight).toBeGreaterThan(sut[2]!.weight);
  });

  it('drops terms in most articles unless nothing else is left', () => {
    expect(pickInformativeTerms(terms, 100, 10).map((t) => t.text)).not.toContain('商品');
    expect(pickInformativeTerms([{ index: 0, text: '商品', articles: 60 }], 100, 5).map((t) => t.text)).toEqual(['商品']);
    expect(pickInformativeTerms([{ index: 0, text: '先日', articles: 0 }], 100, 5)).toEqual([]);
  });

  it('weighs codes double', () => {
    const [code, word] = pickInformativeTerms([{ index: 0, text: 'e05', articles: 3 }, { index: 1, text: '排水', articles: 3 }], 50, 2);
    expect(code!.weight).toBeCloseTo(word!.weight * 2);
  });

  it('prefers the longer term among equally rare ones', () => {
    expect(pickInformativeTerms([{ index: 0, text: '電源', articles: 3 }, { index: 1, text: '電源ぼたん', articles: 3 }], 50, 1)[0]!.text).toBe('電源ぼたん');
  });
});

describe('isTopicWord', () => {
  it('drops mail boilerplate and short hiragana fragments, keeps katakana words folded to hiragana', () => {
    const message = 'お手数ですが、タグが付いたままです。まだ使っていません。';
    expect(isTopicWord('お手数', message)).toBe(false);
    expect(isTopicWord('まだ', message)).toBe(false);
    expect(isTopicWord('たぐ', message)).toBe(true);
    expect(isTopicWord('返品', message)).toBe(true);
  });
});
