import type { NormalizedJa } from '../brands.js';

// Katakana ァ..ヶ map 1:1 onto hiragana ぁ..ゖ; ー (U+30FC) and ヷ..ヺ have no hiragana form.
const KATAKANA = /[\u30A1-\u30F6]/g;
// \s covers U+3000 (ideographic space); ・ separates names written in katakana.
const IGNORED = /[\s\u30FB]/g;

/**
 * Folds Japanese text for search matching: width, case, kana and spacing differences vanish.
 * The second NFKC recomposes marks that removed spaces had separated (NFKC turns ゛ into
 * " \u3099"), which keeps the fold idempotent.
 */
export function foldJa(text: string): NormalizedJa {
  const s = text.normalize('NFKC').toLowerCase().replace(IGNORED, '').normalize('NFKC');
  return s.replace(KATAKANA, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60)) as NormalizedJa;
}

/** Distinct overlapping bigrams of the folded text, by code point; one char yields itself. */
export function bigramsOf(text: string): string[] {
  return gramsOfFolded(foldJa(text));
}

/** Distinct overlapping bigrams of already-folded text, by code point; one char yields itself. */
export function gramsOfFolded(folded: string): string[] {
  const chars = Array.from(folded);
  if (chars.length < 2) return chars;
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return [...out];
}

/**
 * Terms for a GIN `text[]` column, queried with `terms @> bigramsOf(query)`.
 * Each part is folded on its own so no bigram spans two fields. Single characters are
 * added too: a one-character query yields `[char]`, which would otherwise match only
 * fields that are exactly that character.
 */
export function searchTermsOf(...parts: Array<string | null | undefined>): string[] {
  const out = new Set<string>();
  for (const part of parts) {
    if (!part) continue;
    for (const term of bigramsOf(part)) out.add(term);
    for (const char of foldJa(part)) out.add(char);
  }
  return [...out];
}
