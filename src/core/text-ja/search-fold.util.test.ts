import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldJa } from './fold.util.js';
import { foldForSearch, indexTermsOf, markdownToPlainText, searchGramsOf } from './search-fold.util.js';

// Characters where search folding is interesting, mixed with arbitrary code points.
const jaChar = fc.oneof(
  fc.constantFrom(
    ...'ヤマダやまだﾔﾏﾀﾞｶﾞﾊﾟｰ゛゜ﾞﾟ\u3099\u0301・･ーｰ　 ＳＵＺＵＫＩsuzukiE05１２３山田太郎ヴヵヶヷ\tΣΑİ-－‐_.,。、「」！？()（）#*>[]`~|/:;\'"',
  ),
  fc.constantFrom('\u{E0100}', '\uFE0F', '👍🏽', '\u200D', '㍻', 'ﬁ'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
const jaText = fc.array(jaChar, { maxLength: 16 }).map((cs) => cs.join(''));

describe('foldForSearch', () => {
  it.each(['E-05', 'E05', 'ｅ－０５', 'e‐05', 'E_05', 'E.05', 'E 05', 'Eー05', 'Eｰ05', '[E-05]', '「Ｅ－０５」'])(
    '%s → e05',
    (input) => {
      expect(foldForSearch(input)).toBe('e05');
    },
  );

  it('folds half-width, full-width and hiragana spellings of a word alike', () => {
    expect(foldForSearch('ﾒｰﾙﾏｶﾞｼﾞﾝ')).toBe('めーるまがじん');
    expect(foldForSearch('メールマガジン')).toBe('めーるまがじん');
    expect(foldForSearch('めーるまがじん')).toBe('めーるまがじん');
  });

  it.each([
    ['「返品」について！', '返品について'],
    ['送料は？（北海道・沖縄）', '送料は北海道沖縄'],
    ['## **重要**: `E-05` > [手順](https://x)', '重要e05手順httpsx'],
    ["it's a/b; c:d \"e\"", 'itsabcde'],
    ['コーヒー-01', 'こーひー01'], // ー between kana stays a long vowel
    ['らーめん〜', 'らーめん'],
    ['Ｗｉ－Ｆｉ', 'wifi'],
    ['5,000円', '5000円'],
    ['葛\u{E0100}飾', '葛飾'], // ideographic variation selector
    ['👍🏽OK', 'ok'],
    ['café', 'café'],
  ])('%s → %s', (input, folded) => {
    expect(foldForSearch(input)).toBe(folded);
  });

  it('recomposes a mark separated from its letter by removed punctuation', () => {
    expect(foldForSearch('か-\u3099')).toBe('が');
    expect(foldForSearch('か゛')).toBe('が');
  });

  it('agrees with foldJa on text without punctuation or symbols', () => {
    expect(foldForSearch('山田 太郎')).toBe(foldJa('山田 太郎'));
    expect(foldForSearch('ﾔﾏﾀﾞ　ﾀﾛｳ')).toBe(foldJa('ﾔﾏﾀﾞ　ﾀﾛｳ'));
  });

  it('is idempotent', () => {
    fc.assert(fc.property(jaText, (s) => foldForSearch(foldForSearch(s)) === foldForSearch(s)), { numRuns: 5000 });
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => foldForSearch(foldForSearch(s)) === foldForSearch(s)),
      { numRuns: 5000 },
    );
  });

  it('keeps only letters, digits and marks', () => {
    fc.assert(fc.property(jaText, (s) => /^[\p{L}\p{N}\p{M}]*$/u.test(foldForSearch(s))), { numRuns: 2000 });
  });
});

describe('searchGramsOf', () => {
  it('returns distinct bigrams by code point, or the single char', () => {
    expect(searchGramsOf('送料')).toEqual(['送料']);
    expect(searchGramsOf('返品方法')).toEqual(['返品', '品方', '方法']);
    expect(searchGramsOf('ああああ')).toEqual(['ああ']);
    expect(searchGramsOf('𠮷')).toEqual(['𠮷']);
    expect(searchGramsOf('')).toEqual([]);
  });
});

describe('indexTermsOf', () => {
  it('holds bigrams and unigrams of each field, none spanning two fields', () => {
    const terms = indexTermsOf('返品', null, 'E-05', undefined, '');
    expect(new Set(terms)).toEqual(new Set(['返品', '返', '品', 'e0', '05', 'e', '0', '5']));
    expect(terms).not.toContain('品e');
  });

  it('is empty without fields', () => {
    expect(indexTermsOf()).toEqual([]);
    expect(indexTermsOf(null, undefined, '', '「」')).toEqual([]);
  });

  // Slices are taken of the folded field, not of the raw one: folding a raw substring can differ
  // from the same stretch of the folded field (a cut between ｶ and ﾞ, a ー whose ASCII neighbour
  // was cut off, 成 out of ㍻). A slice of a fold is itself a fold (foldForSearch(t) === t), which
  // the property relies on, so the alphabet may be arbitrary.
  it('contains every gram of any folded substring of the field', () => {
    const sliced = jaText.chain((s) => {
      const chars = Array.from(foldForSearch(s));
      return fc
        .tuple(fc.nat(chars.length), fc.nat(chars.length))
        .map(([a, b]) => ({ s, t: chars.slice(Math.min(a, b), Math.max(a, b)).join('') }));
    });
    fc.assert(
      fc.property(sliced, ({ s, t }) => {
        const folded = foldForSearch(t);
        fc.pre(folded.length > 0);
        expect(folded).toBe(t);
        const terms = new Set(indexTermsOf('前の欄', s, '後の欄'));
        expect(searchGramsOf(folded).filter((g) => !terms.has(g))).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('markdownToPlainText', () => {
  it.each([
    ['# 返品について #', '返品について'],
    ['### 送料', '送料'],
    ['**商品**が*届いた*ら~~すぐ~~', '商品が届いたらすぐ'],
    ['__太字__ と _斜体_ と snake_case_word', '太字 と 斜体 と snake_case_word'],
    ['[申請フォーム](https://example.com/a_(b) "title") から', '申請フォーム から'],
    ['![返品の流れ](img/flow.png) 参照', '返品の流れ 参照'],
    ['[参照リンク][ref]\n[ref]: https://example.com', '参照リンク'],
    ['<https://example.com/faq>', 'https://example.com/faq'],
    ['`E-05` と ``a`b``', 'E-05 と ab'],
    ['> 注意\n> 二行目', '注意 二行目'],
    ['- 手順1\n* 手順2\n+ 手順3\n1. 手順4\n2) 手順5', '手順1 手順2 手順3 手順4 手順5'],
    ['- [ ] 未完了\n- [x] 完了', '未完了 完了'],
    ['<b>電源</b>エラー<br>です<div class="x">箱</div>', '電源エラー です 箱'],
    ['a<!-- 非表示\nコメント -->b<script>alert(1)</script>c<style>p{}</style>d', 'a b c d'],
    ['&lt;tag&gt; &amp; &#x1F600; &#12354; &bogus;', '<tag> & 😀 あ &bogus;'],
    ['\\*そのまま\\* \\_x\\_', '*そのまま* _x_'],
    ['見出し\n===\n本文\n---\n***', '見出し 本文'],
  ])('%j → %j', (md, plain) => {
    expect(markdownToPlainText(md)).toBe(plain);
  });

  it('drops fence markers but keeps code, and table pipes but keeps cells', () => {
    expect(markdownToPlainText('前\n```sh\necho E-05\n```\n後')).toBe('前 echo E-05 後');
    expect(markdownToPlainText('~~~\nx\n~~~')).toBe('x');
    expect(markdownToPlainText('| 地域 | 送料 |\n|---|:---:|\n| 北海道 | 1,000円 |')).toBe('地域 送料 北海道 1,000円');
  });

  it('keeps line breaks as single spaces and full-width spaces as they are', () => {
    expect(markdownToPlainText('一行目\r\n\r\n  二行目\t三　四')).toBe('一行目 二行目 三　四');
    expect(markdownToPlainText('')).toBe('');
  });

  it('keeps an unclosed comment from swallowing less than the rest', () => {
    expect(markdownToPlainText('見える<!-- 閉じない')).toBe('見える');
  });
});
