import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForSearch } from './search-fold.util.js';
import { snippetOf } from './search-snippet.util.js';

/** Whether `f` ends with `v`, or with `v` followed by combining marks of its last letter. */
function endsWithUpToMarks(f: string, v: string): boolean {
  for (let k = f.length; k >= v.length; k--) {
    if (f.slice(0, k).endsWith(v)) return true;
    if (!/\p{M}/u.test(f[k - 1] ?? '')) return false;
  }
  return false;
}

const marked = (s: { text: string; highlights: Array<[number, number]> }) =>
  s.highlights.map(([a, b]) => s.text.slice(a, b));

describe('snippetOf', () => {
  it('highlights original spellings that fold to the terms', () => {
    const sut = snippetOf('ﾒｰﾙﾏｶﾞｼﾞﾝの配信を停止するには、設定画面を開きます。', ['めーるまがじん', '停止']);
    expect(sut.text).toBe('ﾒｰﾙﾏｶﾞｼﾞﾝの配信を停止するには、設定画面を開きます。');
    expect(sut.highlights).toEqual([
      [0, 9],
      [13, 15],
    ]);
    expect(marked(sut)).toEqual(['ﾒｰﾙﾏｶﾞｼﾞﾝ', '停止']);
  });

  it('maps codes with removed punctuation, full-width letters and spaces', () => {
    const sut = snippetOf('Ｅ－０５と e05 と Eー05、E 0 5。', ['e05']);
    expect(marked(sut)).toEqual(['Ｅ－０５', 'e05', 'Eー05', 'E 0 5']);
  });

  it('keeps a voiced mark with its letter', () => {
    expect(marked(snippetOf('か゛と か-\u3099 とｶﾞ', ['が']))).toEqual(['か゛', 'か-\u3099', 'ｶﾞ']);
  });

  it('highlights a letter with its combining mark', () => {
    expect(marked(snippetOf('００５゙', ['005']))).toEqual(['００５゙']);
  });

  it('does not highlight half of a character that folds to several', () => {
    expect(snippetOf('㍻元年', ['成元']).highlights).toEqual([]);
    expect(marked(snippetOf('㍻元年', ['平成元']))).toEqual(['㍻元']);
  });

  it('returns the start of the text and no highlights without a match', () => {
    const text = '何もない文章です。'.repeat(30);
    expect(snippetOf(text, ['返品'], { length: 20 })).toEqual({ text: `${text.slice(0, 20)}…`, highlights: [] });
    expect(snippetOf('短い文章', [])).toEqual({ text: '短い文章', highlights: [] });
    expect(snippetOf('', ['a'])).toEqual({ text: '', highlights: [] });
  });

  it('cuts a window around the match with ellipses and lead-in', () => {
    const text = `${'あ'.repeat(200)}返品${'い'.repeat(200)}`;
    const sut = snippetOf(text, ['返品'], { length: 20 });
    expect(sut.text).toBe(`…${'あ'.repeat(5)}返品${'い'.repeat(13)}…`);
    expect(marked(sut)).toEqual(['返品']);
  });

  it('fills the window at the end of the text', () => {
    const sut = snippetOf(`${'あ'.repeat(50)}返品`, ['返品'], { length: 10 });
    expect(sut.text).toBe(`…${'あ'.repeat(8)}返品`);
    expect(sut.highlights).toEqual([[9, 11]]);
  });

  it('prefers the window with the most distinct terms, the earliest on ties', () => {
    const text = `送料は別です。${'。'.repeat(40)}返品の送料。${'。'.repeat(40)}返品の送料。`;
    const sut = snippetOf(text, ['返品', '送料'], { length: 10 });
    expect(marked(sut)).toEqual(['返品', '送料']);
    // The first 返品の送料 (at 47), with a quarter of the window as lead-in.
    expect(sut.text).toBe('…。。返品の送料。。。…');
  });

  it('counts window length in grapheme clusters', () => {
    const sut = snippetOf('ｶﾞｷﾞｸﾞｹﾞｺﾞ', [], { length: 2 });
    expect(sut.text).toBe('ｶﾞｷﾞ…');
  });

  it('merges overlapping matches and trims whitespace at cut ends', () => {
    expect(marked(snippetOf('商品質の確認', ['商品', '品質']))).toEqual(['商品質']);
    expect(snippetOf(`${'x'.repeat(30)}   返品   ${'y'.repeat(30)}`, ['返品'], { length: 6 }).text).toBe('…返品…');
  });

  it('folds the variants it is given', () => {
    expect(marked(snippetOf('メールマガジン', ['ﾒｰﾙﾏｶﾞｼﾞﾝ', '', '！']))).toEqual(['メールマガジン']);
  });

  // Text from a Japanese-ish alphabet where folding changes lengths: half-width kana with
  // voiced marks (ｶﾞ is two code units, one folded char; a bare ﾞ joins the letter before),
  // full-width letters, punctuation and spaces that fold to nothing, ー between ASCII letters.
  const unit = fc.constantFrom(
    ...'ｶﾞ ﾊﾟ ｷ ﾒ ﾙ ｰ ﾞ ﾟ カ ガ か が パ ー ｰ 返 品 送 料 Ａ Ｅ ｅ ０ ５ E e 0 5 a - ‐ _ . 、 。 「 」 ！'.split(' '),
    ' ',
    '　',
    '\u3099',
  );
  const text = fc.array(unit, { maxLength: 40 }).map((us) => us.join(''));
  const withVariants = text.chain((t) => {
    const chars = Array.from(foldForSearch(t));
    const slice = fc
      .tuple(fc.nat(chars.length), fc.integer({ min: 1, max: 4 }))
      .map(([a, n]) => chars.slice(a, a + n).join(''));
    return fc.tuple(fc.constant(t), fc.array(fc.oneof(slice, text), { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 50 }));
  });

  it('highlights only text that folds to a term, in sorted disjoint ranges', () => {
    fc.assert(
      fc.property(withVariants, ([t, variants, length]) => {
        const folded = variants.map(foldForSearch).filter((v) => v !== '');
        const sut = snippetOf(t, variants, { length });
        const body = sut.text.replace(/^…/, '').replace(/…$/, '');
        expect(t).toContain(body);
        let previousEnd = 0;
        for (const [a, b] of sut.highlights) {
          expect(a).toBeGreaterThanOrEqual(previousEnd);
          expect(b).toBeGreaterThan(a);
          expect(b).toBeLessThanOrEqual(sut.text.length);
          previousEnd = b;
          // A range is one match, or overlapping matches merged: it starts and ends with a term.
          const f = foldForSearch(sut.text.slice(a, b));
          expect(folded.some((v) => f.startsWith(v))).toBe(true);
          expect(folded.some((v) => endsWithUpToMarks(f, v))).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('finds every term that occurs in the folded text (whole text in the window)', () => {
    fc.assert(
      fc.property(withVariants, ([t, variants]) => {
        const sut = snippetOf(t, variants, { length: 1000 });
        expect(sut.text.trim()).toBe(t.trim()); // a cluster may begin with a space (U+3000 + ﾟ)
        const found = new Set(sut.highlights.map(([a, b]) => foldForSearch(sut.text.slice(a, b))));
        for (const v of variants.map(foldForSearch)) {
          // A term starting with a bare mark cannot be highlighted apart from its letter.
          if (v === '' || /^\p{M}/u.test(v) || !foldForSearch(t).includes(v)) continue;
          expect([...found].some((f) => f.includes(v))).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
