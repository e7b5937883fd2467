/**
 * Agent assist reads a whole customer message, not a query: dozens of words, most of them everyday
 * ones (確認, 商品, 先日). The words that point at an article are the rare ones, so terms are kept
 * by how few of the tenant's articles contain them (inverse document frequency), and weighted by it.
 */
export interface TermFrequency {
  /** The term's position in the parsed query. */
  index: number;
  text: string;
  /** Articles that contain the term (any of its synonym variants). */
  articles: number;
}

export interface WeightedTerm {
  index: number;
  text: string;
  weight: number;
}

/**
 * Words of business mail and call notes that say nothing about the topic (お世話になっております,
 * お手数ですが, 先日…), as the query parser cuts and folds them. Only used for free text: a search
 * box query has none of them.
 */
const MESSAGE_NOISE: ReadonlySet<string> = new Set([
  'お世話', 'せわ', 'お手数', '手数', 'よろしく', 'お願い', '願い', 'いつも', 'いたし', 'おり', 'おります', 'いただけ', 'いただき',
  '先日', '昨日', '本日', '今日', '先ほど', '件名', '失礼', '恐縮', 'ありがとう', '申し訳', 'すみません', '大変', '以上', 'ご連絡',
  '連絡', '確認', '質問', '問い合わせ', 'お問い合わせ', '件', '様', 'さま', 'ございます', 'ござい', 'ところ', '考え', '思い', '思っ',
]);

/**
 * A word of a customer message worth looking up: not mail boilerplate, and not a short fragment
 * written in hiragana (まだ, たま from 〜たまま): in running text those are grammar, while topics are
 * written in kanji, katakana or codes. The fold turns katakana into hiragana (タグ → たぐ), so
 * "written in hiragana" is read from the message itself.
 */
export function isTopicWord(folded: string, message: string): boolean {
  if (MESSAGE_NOISE.has(folded)) return false;
  const shortKana = /^[\p{Script=Hiragana}ー]+$/u.test(folded) && Array.from(folded).length <= 2;
  return !(shortKana && message.normalize('NFKC').includes(folded));
}

/** Error codes and model numbers (letters with digits: e05, sdwd100) name the problem exactly. */
const CODE_FACTOR = 2;
const isCode = (text: string) => /[a-z]/.test(text) && /\d/.test(text);

/** Terms in more than this share of the articles say little about which one is meant. */
const COMMON_SHARE = 0.4;

/**
 * The most informative terms, at most `max`: terms no article has are dropped (they cannot help),
 * very common ones too unless nothing else is left; then the rarest first, longer before shorter
 * (a compound like 電源ボタン names more than a single kanji pair), then in message order. Codes
 * (e05) weigh double.
 */
export function pickInformativeTerms(terms: readonly TermFrequency[], totalArticles: number, max: number): WeightedTerm[] {
  const found = terms.filter((t) => t.articles > 0);
  const specific = found.filter((t) => t.articles <= Math.max(1, totalArticles * COMMON_SHARE));
  const pool = specific.length > 0 ? specific : found;
  return [...pool]
    .sort((a, b) => a.articles - b.articles || Array.from(b.text).length - Array.from(a.text).length || a.index - b.index)
    .slice(0, Math.max(0, max))
    .map((t) => ({ index: t.index, text: t.text, weight: Math.log(1 + Math.max(totalArticles, 1) / t.articles) * (isCode(t.text) ? CODE_FACTOR : 1) }));
}
