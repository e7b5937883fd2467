import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForSearch, indexTermsOf } from './search-fold.util.js';
import { parseSearchQuery, QUERY_STOP_WORDS, type SynonymGroups } from './search-query.util.js';

const synonyms: SynonymGroups = [
  ['返品', '返却'],
  ['メルマガ', 'メールマガジン'],
  ['解約', '退会'],
];
const textsOf = (q: string) => parseSearchQuery(q).terms.map((t) => t.text);

describe('parseSearchQuery', () => {
  it.each(['送料', '退会'])('gives a two-character query one term with one bigram: %s', (q) => {
    expect(parseSearchQuery(q)).toEqual({ phrase: q, terms: [{ text: q, variants: [q], grams: [[q]] }] });
  });

  it('reads content terms out of a space-free natural sentence', () => {
    // Segmenter: 届/い/た/商品/が/壊/れ/てい/た/場合/は/どう/す/れ/ば/いい/です/か.
    // A single kanji keeps one stem okurigana (届い, 壊れ); the rest are function words.
    const sut = parseSearchQuery('届いた商品が壊れていた場合はどうすればいいですか');
    expect(sut.terms.map((t) => t.text)).toEqual(['届い', '商品', '壊れ']);
    expect(sut.phrase).toBe('届いた商品が壊れていた場合はどうすればいいですか');
  });

  it.each([
    ['E-05エラーが出ました', ['e05', 'えらー', '出']],
    ['ＥＲＲ－０５が表示される', ['err05', '表示']],
    ['Wi-Fi接続', ['wifi', '接続']],
    ['iPhone15で使えますか', ['iphone15', '使え']],
    ['パスワードを忘れた', ['ぱすわーど', '忘れ']],
    ['ログインできない', ['ろぐいん']],
    ['画面にひびが入った', ['画面', 'ひび', '入']], // hiragana content words survive
    ['お問い合わせ方法', ['問い合わせ', '方法']],
    ['ポイントの有効期限はいつまでですか', ['ぽいんと', '有効期限']], // kanji run 有効/期限 kept together
    ['領収書は発行できますか', ['領収書', '発行']], // 領収/書 merged back
    ['スマートフォンのアップデート', ['すまーとふぉん', 'あっぷでーと']], // スマート/フォン merged back
    ['2024年4月1日の注文', ['2024年4月1日', '注文']],
    ['5,000円以上', ['5000円以上']],
    ['返品の方法について教えて下さい', ['返品', '方法']],
  ])('%s → %j', (q, texts) => {
    expect(textsOf(q)).toEqual(texts);
  });

  it('keeps an error code one term however it is typed', () => {
    for (const q of ['E-05', 'E05', 'ｅ－０５', 'e‐05', 'E_05', 'E.05', 'Eー05']) {
      expect(textsOf(`${q}が表示された`)).toEqual(['e05', '表示']);
    }
  });

  it('splits on ASCII and ideographic spaces first', () => {
    expect(textsOf('E-05　エラー 電源')).toEqual(['e05', 'えらー', '電源']);
  });

  it.each(['ですか　ください', 'どうすればいいですか', 'わかりません', 'は が を', '', '  ', '！？'])(
    'gives no terms for function words only: %j',
    (q) => {
      expect(parseSearchQuery(q).terms).toEqual([]);
    },
  );

  it('gives the phrase as the whole query folded', () => {
    expect(parseSearchQuery('ﾒﾙﾏｶﾞ 解除！').phrase).toBe('めるまが解除');
    expect(parseSearchQuery('？').phrase).toBe('');
  });

  it('adds folded synonyms after the term, matching on folded forms', () => {
    const sut = parseSearchQuery('ﾒﾙﾏｶﾞを解約', { synonyms });
    expect(sut.terms).toEqual([
      {
        text: 'めるまが',
        variants: ['めるまが', 'めーるまがじん'],
        grams: [
          ['める', 'るま', 'まが'],
          ['めー', 'ーる', 'るま', 'まが', 'がじ', 'じん'],
        ],
      },
      { text: '解約', variants: ['解約', '退会'], grams: [['解約'], ['退会']] },
    ]);
  });

  it('replaces a synonym inside a kanji compound', () => {
    expect(parseSearchQuery('返品方法', { synonyms }).terms[0]?.variants).toEqual(['返品方法', '返却方法']);
    expect(parseSearchQuery('送料', { synonyms }).terms[0]?.variants).toEqual(['送料']);
  });

  it('matches ASCII synonyms only as whole terms', () => {
    const groups: SynonymGroups = [['PC', 'パソコン']];
    expect(parseSearchQuery('PC', { synonyms: groups }).terms[0]?.variants).toEqual(['pc', 'ぱそこん']);
    expect(parseSearchQuery('PCR', { synonyms: groups }).terms[0]?.variants).toEqual(['pcr']);
  });

  it('gives a one-character term its character as the only gram', () => {
    expect(parseSearchQuery('箱').terms).toEqual([{ text: '箱', variants: ['箱'], grams: [['箱']] }]);
  });

  it('deduplicates terms and keeps at most maxTerms, in query order', () => {
    expect(textsOf('返品 ヘンピン へんぴん 返品')).toEqual(['返品', 'へんぴん']);
    const many = '一 二 三 四 五 六 七 八 九 十';
    expect(textsOf(many)).toHaveLength(8);
    expect(parseSearchQuery(many, { maxTerms: 3 }).terms.map((t) => t.text)).toEqual(['一', '二', '三']);
  });

  it('has a stop list of hiragana and question-framing words only', () => {
    for (const w of QUERY_STOP_WORDS) expect(w).toMatch(/^[\p{Script=Hiragana}場合教え知り何私]+$/u);
  });

  // Every gram of every term of a query cut out of a field is in that field's index terms, so
  // `terms @> grams` finds it, and the term text occurs in the folded field for ranking. Text is
  // built from units and cut on unit boundaries: cutting inside ｶﾞ would leave a bare voiced mark
  // that folds differently from the whole field. (The phrase is not checked: a cut can keep a ー
  // whose ASCII neighbour it dropped, as in "aー" out of "aーb", which the field folds to "ab".)
  it('finds a field by any query cut out of it', () => {
    const unit = fc.constantFrom(
      ...'返品送料解約届商品壊画面問合有効期限領収書発行注文円年月日箱'.split(''),
      ...'いたがはをにでてれすかのまどうひびねじ'.split(''),
      ...'メールマガジンスマートフォンエラーパスワード'.split(''),
      'ｶﾞ', 'ﾒ', 'ﾙ', 'ｰ', 'Ｅ', '－', '０', '５',
      ...'E05abWiFi-_.,・ 　。、「」！？'.split(''),
    );
    const cut = fc
      .array(unit, { minLength: 1, maxLength: 24 })
      .chain((units) =>
        fc
          .tuple(fc.nat(units.length), fc.nat(units.length))
          .map(([a, b]) => ({ s: units.join(''), q: units.slice(Math.min(a, b), Math.max(a, b)).join('') })),
      );
    fc.assert(
      fc.property(cut, ({ s, q }) => {
        const index = new Set(indexTermsOf(s));
        const { terms } = parseSearchQuery(q, { maxTerms: 100 });
        for (const term of terms) {
          expect(foldForSearch(s)).toContain(term.text);
          expect(term.grams[0]!.filter((g) => !index.has(g))).toEqual([]);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
