import type { NormalizedJa } from '../brands.js';
import { foldForSearch, searchGramsOf } from './search-fold.util.js';

/** Each group lists words that mean the same, e.g. ['返品', '返却'], ['解約', '退会']. */
export type SynonymGroups = readonly (readonly string[])[];

export interface SearchTerm {
  text: NormalizedJa;
  /** `text` first, then its folded synonyms; distinct. */
  variants: NormalizedJa[];
  /** Per variant: its distinct bigrams, or [the single char] for a one-character variant. */
  grams: string[][];
}

export interface ParsedQuery {
  /** The whole query folded; '' when nothing searchable remains. */
  phrase: NormalizedJa;
  terms: SearchTerm[];
}

export interface ParseSearchQueryOptions {
  synonyms?: SynonymGroups;
  /** Default 8: more terms rarely help and each one costs an index probe. */
  maxTerms?: number;
}

/**
 * Function words dropped from queries, compared with the NFKC form of a segment (or of a merged
 * kanji compound). Any single hiragana character is dropped as well: in a query it is a particle
 * or an inflection fragment (た, て, い…), and as a term it would match nearly every article.
 * Mostly the pieces Intl.Segmenter('ja') cuts questions into (どう/す/れ/ば, くだ/さい), plus
 * whole forms for queries typed with spaces. Content words written in hiragana (ひび, ねじ, さび,
 * おすすめ) are deliberately kept; so are 方法 and 確認, which rank the right article higher.
 */
export const QUERY_STOP_WORDS: ReadonlySet<string> = new Set([
  // particles
  'から', 'まで', 'より', 'など', 'について', 'には', 'では', 'とは', 'への', 'での', 'って', 'けど', 'ので', 'のに', 'ながら',
  // copula, polite and question endings
  'です', 'でした', 'ですか', 'ですが', 'でしょう', 'しょう', 'すか', 'ます', 'ました', 'ますか', 'ません', 'まし', 'せん',
  'ください', 'くだ', 'さい',
  // auxiliaries and light verbs as the segmenter cuts them (した/い, でき/ない, さ/れる…)
  'する', 'した', 'して', 'したい', 'したら', 'しない', 'てい', 'てる', 'ている', 'たい', 'ない', 'なかっ',
  'れる', 'られる', 'られ', 'せる', 'でき', 'できる', 'できない', 'ある', 'あり', 'ありま', 'いる', 'なる', 'なっ',
  'いい', 'よい', 'もらえ', 'いただけ', 'わか', 'わから', 'わかる', 'かかり', 'かかる',
  // interrogatives and demonstratives
  'どう', 'どうすれば', 'どうしたら', 'どうやって', 'どうして', 'どこ', 'いつ', 'なに', 'なん', 'なんで', 'どの', 'どれ', 'どんな',
  'なぜ', 'これ', 'それ', 'この', 'その', 'こと', 'もの', 'ため', 'よう',
  // kanji words that only frame the question (〜の場合, 教えて, 知りたい, 何)
  '場合', '教え', '知り', '何', '私',
]);

// Spellings normalized before segmenting so the stop list needs one form (下さい → くだ/さい).
const REWRITES: ReadonlyArray<[RegExp, string]> = [
  [/下さい/g, 'ください'],
  [/出来/g, 'でき'],
];

type Kind = 'code' | 'digits' | 'connector' | 'kanji' | 'katakana' | 'hiragana' | 'other' | 'gap';

// A code or Latin word: letters/digits joined by the connectors people put into codes (E-05,
// Wi-Fi, ERR_CODE_12, v1.2.3, Eー05 typed with an IME) and digit-group commas (5,000). Found with
// a regex rather than the segmenter, which cuts E/-/05 and glues "_" or "ー" onto neighbours.
const WORD = String.raw`[\p{Script=Latin}\p{Nd}][\p{Script=Latin}\p{Nd}\p{M}]*`;
const CODE_TOKEN = new RegExp(String.raw`${WORD}(?:(?:[-‐‑‒–—―−_./:ー]+|(?<=\p{Nd}),(?=\p{Nd}))${WORD})*`, 'gu');
const DIGITS = /^\p{Nd}[\p{Nd}.,]*$/u;
const CONNECTOR = /^[-‐‑‒–—―−_./:ー]+$/;
const KANJI = /^[\p{Script=Han}々〆ヶ]+$/u;
const KATAKANA = /^[\p{Script=Katakana}ー]+$/u;
const HIRAGANA = /^[\p{Script=Hiragana}ー]+$/u;
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;
// Okurigana that start a verb stem which stays put across conjugation: i-row (届い, 書き)
// and e-row (壊れ, 使え) kana, minus the particles に, て, で, へ, ね.
const STEM_OKURIGANA = new Set([...'いきぎしじちぢひびぴみりえけげせぜべめれ']);

interface Piece {
  kind: Kind;
  text: string;
}

function kindOf(segment: string, isWordLike: boolean): Kind {
  if (CONNECTOR.test(segment)) return 'connector';
  if (KANJI.test(segment)) return 'kanji';
  if (KATAKANA.test(segment)) return 'katakana';
  if (HIRAGANA.test(segment)) return 'hiragana';
  return isWordLike || HAS_WORD_CHAR.test(segment) ? 'other' : 'gap';
}

const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });

/** Code tokens by regex; the stretches between them by Intl.Segmenter. */
function tokensOf(text: string): Piece[] {
  const tokens: Piece[] = [];
  const segment = (stretch: string) => {
    for (const s of segmenter.segment(stretch)) tokens.push({ kind: kindOf(s.segment, s.isWordLike ?? false), text: s.segment });
  };
  let at = 0;
  for (const m of text.matchAll(CODE_TOKEN)) {
    segment(text.slice(at, m.index));
    tokens.push({ kind: DIGITS.test(m[0]) ? 'digits' : 'code', text: m[0] });
    at = m.index + m[0].length;
  }
  segment(text.slice(at));
  return tokens;
}

/**
 * Splits one space-free chunk into candidate terms. Intl.Segmenter cuts by a small dictionary
 * and often too finely for search (スマート/フォン, 領収/書, 届/い/た), so fragments are merged
 * back: runs of kanji (with digits: 2024年4月1日), runs of katakana, and a single kanji with one
 * stem okurigana (届い, 壊れ) so a verb gets a bigram instead of a bare unigram. Code tokens
 * never reach the segmenter. Then function words are dropped.
 */
function termsOfChunk(chunk: string): string[] {
  let text = chunk.normalize('NFKC');
  for (const [pattern, replacement] of REWRITES) text = text.replace(pattern, replacement);
  const coded = tokensOf(text);

  // Runs of kanji (digits join them: 3日前), runs of katakana, a single kanji's stem okurigana.
  const merged: Piece[] = [];
  for (const t of coded) {
    const prev = merged.at(-1);
    const kanjiLike = (k: Kind | undefined) => k === 'kanji' || k === 'digits';
    if (prev && kanjiLike(prev.kind) && kanjiLike(t.kind) && (prev.kind === 'kanji' || t.kind === 'kanji')) {
      prev.text += t.text;
      prev.kind = 'kanji';
    } else if (prev?.kind === 'katakana' && t.kind === 'katakana') {
      prev.text += t.text;
    } else if (
      prev?.kind === 'kanji' &&
      Array.from(prev.text).length === 1 &&
      t.kind === 'hiragana' &&
      t.text.length === 1 &&
      STEM_OKURIGANA.has(t.text)
    ) {
      prev.text += t.text;
      prev.kind = 'other'; // a finished word: nothing more joins it
    } else merged.push({ ...t });
  }

  return merged
    .filter((p) => p.kind !== 'gap' && p.kind !== 'connector')
    .filter((p) => !(p.kind === 'hiragana' && Array.from(p.text).length === 1))
    .filter((p) => !QUERY_STOP_WORDS.has(p.text))
    .map((p) => p.text);
}

/** Folded synonym groups, dropping members that fold to nothing. */
function foldGroups(groups: SynonymGroups): NormalizedJa[][] {
  return groups.map((g) => [...new Set(g.map(foldForSearch))].filter((w) => w !== ''));
}

/**
 * Variants of a folded term: itself, then synonyms. A term equal to a group member gets the
 * other members; a compound containing a member of two or more characters gets the member
 * replaced (返品方法 → 返却方法), since kanji runs are kept together. ASCII-only members must
 * match the whole term: inside a code ("pcr") a short word is not that word.
 */
function variantsOf(term: NormalizedJa, groups: NormalizedJa[][]): NormalizedJa[] {
  const out = new Set<NormalizedJa>([term]);
  for (const group of groups) {
    if (group.includes(term)) {
      for (const w of group) out.add(w);
      continue;
    }
    const member = group.find((w) => Array.from(w).length >= 2 && !/^[a-z0-9]+$/.test(w) && term.includes(w));
    if (!member) continue;
    for (const w of group) if (w !== member) out.add(term.replace(member, w) as NormalizedJa);
  }
  return [...out];
}

/**
 * Parses a knowledge-base search query into folded terms with their synonym variants and the
 * grams an article's index must all hold (indexTermsOf; OR over variants). Splits on
 * whitespace (U+3000 included), then segments each chunk (see termsOfChunk). Terms keep query
 * order, are distinct and at most `maxTerms`. A query of function words only yields no terms.
 */
export function parseSearchQuery(q: string, opts: ParseSearchQueryOptions = {}): ParsedQuery {
  const maxTerms = opts.maxTerms ?? 8;
  const groups = foldGroups(opts.synonyms ?? []);
  const texts = new Set<NormalizedJa>();
  for (const chunk of q.split(/\s+/u)) {
    for (const raw of termsOfChunk(chunk)) {
      const folded = foldForSearch(raw);
      if (folded !== '') texts.add(folded);
    }
  }
  const terms = [...texts].slice(0, Math.max(0, maxTerms)).map((text): SearchTerm => {
    const variants = variantsOf(text, groups);
    return { text, variants, grams: variants.map(searchGramsOf) };
  });
  return { phrase: foldForSearch(q), terms };
}
