import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bigramsOf, foldJa, searchTermsOf } from './fold.util.js';

// Characters where folding is interesting, mixed with arbitrary code points.
const jaChar = fc.oneof(
  fc.constantFrom(...'ヤマダやまだﾔﾏﾀﾞｶﾞﾊﾟｰ゛゜ﾞﾟ\u3099・･ー　 ＳＵＺＵＫＩsuzukiSZ１２３山田太郎ヴヵヶヷ\tΣΑİ'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
const jaText = fc.array(jaChar, { maxLength: 12 }).map((cs) => cs.join(''));

describe('foldJa', () => {
  it.each([
    ['ヤマダ', 'やまだ'],
    ['ﾔﾏﾀﾞ', 'やまだ'],
    ['ヤマダ　', 'やまだ'],
    ['ＳＵＺＵＫＩ', 'suzuki'],
    ['Suzuki', 'suzuki'],
    ['山田 太郎', '山田太郎'],
    ['ジョン・スミス', 'じょんすみす'],
    ['ラーメン', 'らーめん'],
    ['１２３ＡＢＣ', '123abc'],
  ])('%s → %s', (input, folded) => {
    expect(foldJa(input)).toBe(folded);
  });

  it('composes half-width dakuten into one code point', () => {
    expect(foldJa('ﾀﾞ')).toBe('だ');
    expect(Array.from(foldJa('ﾀﾞ'))).toHaveLength(1);
  });

  it('is idempotent', () => {
    fc.assert(fc.property(jaText, (s) => foldJa(foldJa(s)) === foldJa(s)), { numRuns: 5000 });
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => foldJa(foldJa(s)) === foldJa(s)), { numRuns: 5000 });
  });
});

describe('bigramsOf', () => {
  it('returns distinct overlapping bigrams of the folded text', () => {
    expect(bigramsOf('ヤマダ')).toEqual(['やま', 'まだ']);
    expect(bigramsOf('ああああ')).toEqual(['ああ']);
    expect(bigramsOf('山田 太郎')).toEqual(['山田', '田太', '太郎']);
  });

  it('splits by code point, not UTF-16 unit', () => {
    expect(bigramsOf('𠮷野家')).toEqual(['𠮷野', '野家']);
    expect(bigramsOf('𠮷')).toEqual(['𠮷']);
  });

  it('handles one character and empty input', () => {
    expect(bigramsOf('ﾀﾞ')).toEqual(['だ']);
    expect(bigramsOf('')).toEqual([]);
    expect(bigramsOf(' 　・')).toEqual([]);
  });

  const containment = fc
    .tuple(jaText, jaText, jaText)
    .map(([before, q, after]) => ({ q, t: before + q + after }))
    .filter(({ q, t }) => foldJa(t).includes(foldJa(q)));

  it('query bigrams (two or more folded chars) are contained in the text bigrams', () => {
    fc.assert(
      fc.property(
        containment.filter(({ q }) => Array.from(foldJa(q)).length >= 2),
        ({ q, t }) => {
          const terms = new Set(bigramsOf(t));
          return bigramsOf(q).every((b) => terms.has(b));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('query bigrams of any length are contained in the search terms of the text', () => {
    fc.assert(
      fc.property(containment, ({ q, t }) => {
        const terms = new Set(searchTermsOf(t));
        return bigramsOf(q).every((b) => terms.has(b));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('searchTermsOf', () => {
  it('unions the terms of each part without spanning parts', () => {
    const terms = searchTermsOf('山田', null, 'ヤマダ', undefined, '');
    expect(terms).toEqual(expect.arrayContaining(['山田', 'やま', 'まだ']));
    expect(terms).not.toContain('田や');
    expect(new Set(terms).size).toBe(terms.length);
  });

  it('lets a one-character query match inside a longer field', () => {
    expect(searchTermsOf('林太郎')).toEqual(expect.arrayContaining(bigramsOf('林')));
  });

  it('is empty for no parts', () => {
    expect(searchTermsOf()).toEqual([]);
    expect(searchTermsOf(null, undefined, '')).toEqual([]);
  });
});
