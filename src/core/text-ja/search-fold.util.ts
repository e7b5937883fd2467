import type { NormalizedJa } from '../brands.js';
import { foldJa, gramsOfFolded } from './fold.util.js';

// Everything that is not a letter, digit or combining mark is formatting for search purposes:
// punctuation, symbols (Markdown syntax, emoji), spaces, controls. Default-ignorables go too
// (variation selectors, ZWJ, soft hyphen), since they change no visible letter.
// ー (U+30FC) is a letter (Lm), so katakana words keep their long vowels.
const NOT_KEPT = /[^\p{L}\p{N}\p{M}]|\p{Default_Ignorable_Code_Point}/gu;
// IMEs produce ー for "-" (Eー05); between ASCII letters/digits it is a dash, not a long vowel.
const CHOON_BETWEEN_ALNUM = /(?<=[a-z0-9])ー+(?=[a-z0-9])/g;

function foldOnce(text: string): string {
  return foldJa(text).replace(NOT_KEPT, '').replace(CHOON_BETWEEN_ALNUM, '');
}

/**
 * `foldJa` plus removal of punctuation and symbols, so codes match however they are typed:
 * "E-05", "E05", "ｅ－０５", "e‐05", "E_05", "E.05" all fold to "e05".
 * Keeps letters of any script, digits and combining marks.
 */
export function foldForSearch(text: string): NormalizedJa {
  // Removing a symbol can bring a base letter and a combining mark together (か-゙ → が), so we
  // fold again until nothing changes; two passes settle in practice, the cap only bounds odd input.
  let prev = text;
  let next = foldOnce(text);
  for (let i = 0; i < 4 && next !== prev; i++) {
    prev = next;
    next = foldOnce(prev);
  }
  return next as NormalizedJa;
}

/** Distinct overlapping bigrams of already-folded text by code point; one char yields itself. */
export const searchGramsOf = gramsOfFolded;

/**
 * The knowledge index's lexemes (src/core/knowledge/search-document.ts): bigrams and single
 * characters of each field folded on its own, so no bigram spans two fields and a one-character
 * query term still finds longer text.
 */
export function indexTermsOf(...fields: Array<string | null | undefined>): string[] {
  const out = new Set<string>();
  for (const field of fields) {
    if (!field) continue;
    const folded = foldForSearch(field);
    for (const gram of searchGramsOf(folded)) out.add(gram);
    for (const char of folded) out.add(char);
  }
  return [...out];
}

// ---------------------------------------------------------------------------------------------
// Markdown → plain text

// Escaped ASCII punctuation is parked in the Private Use Area while markup is stripped, so "\*"
// survives as a literal "*". Authors do not type U+E000..U+E07F in FAQ articles.
const ESCAPED = /\\([!-/:-@[-`{-~])/g;
const PARKED = /[\uE000-\uE07F]/g;
const park = (_: string, c: string) => String.fromCharCode(0xe000 + c.charCodeAt(0));
const unpark = (c: string) => String.fromCharCode(c.charCodeAt(0) - 0xe000);

const FENCE = /^\s{0,3}(?:`{3,}|~{3,})/;
const THEMATIC_BREAK = /^\s{0,3}([-*_=])(?:\s*\1){2,}\s*$/; // also setext underlines (=== / ---)
const TABLE_DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$/;
const REFERENCE_DEFINITION = /^\s{0,3}\[[^\]\n]+\]:\s*\S/;
const BLOCK_PREFIX = /^\s{0,3}(?:>\s?)*\s*(?:#{1,6}(?=\s|$)|(?:[-*+]|\d{1,9}[.)])(?=\s)(?:\s+\[[ xX]\](?=\s))?)?/;
const CLOSING_HASHES = /\s+#+\s*$/;

// Link destinations may hold one level of parentheses (Wikipedia URLs); the alternatives start
// with disjoint characters, so matching stays linear.
const DESTINATION = String.raw`\((?:[^()\n]|\([^()\n]*\))*\)`;
const IMAGE_OR_LINK = new RegExp(String.raw`!?\[([^\]\n]*)\](?:${DESTINATION}|\[[^\]\n]*\])`, 'g');
const AUTOLINK = /<((?:https?:\/\/|mailto:)[^<>\s]+|[^<>\s@]+@[^<>\s@]+)>/gi;
const BLOCK_TAG = /<\/?(?:br|p|div|li|ul|ol|tr|td|th|table|h[1-6]|hr|blockquote|pre)\b[^<>]*>/gi;
const INLINE_TAG = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/gi;
const EMPHASIS_STAR = /(\*{1,3})(?=[^\s*])([^*\n]*?[^\s*])\1/g;
const EMPHASIS_UNDERSCORE = /(?<![\p{L}\p{N}])(_{1,3})(?=[^\s_])([^_\n]*?[^\s_])\1(?![\p{L}\p{N}])/gu;
const STRIKETHROUGH = /~~(?=\S)([^~\n]*?\S)~~/g;
const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|lt|gt|quot|apos|nbsp));/gi;
const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
// Whitespace except U+3000, which is part of Japanese typography rather than layout.
const SPACES = /[^\S\u3000]+/g;

/** Cuts `open…close` spans (HTML comments, script/style elements) without backtracking. */
function removeSpans(text: string, open: RegExp, close: RegExp): string {
  let out = '';
  let rest = text;
  for (let m = open.exec(rest); m; m = open.exec(rest)) {
    out += rest.slice(0, m.index) + ' ';
    rest = rest.slice(m.index + m[0].length);
    const end = close.exec(rest);
    rest = end ? rest.slice(end.index + end[0].length) : '';
  }
  return out + rest;
}

function decodeEntity(whole: string, dec?: string, hex?: string, name?: string): string {
  if (name) return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  const cp = dec !== undefined ? Number(dec) : Number.parseInt(hex!, 16);
  const valid = cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff);
  return valid ? String.fromCodePoint(cp) : whole;
}

/**
 * Plain text of a Markdown article for indexing and snippets: markup characters, link targets,
 * HTML tags and fence lines go; link text, image alt text and code stay; lines join with spaces.
 * A light, line-based pass, not a renderer: nested constructs it does not know stay as text
 * (their symbols are dropped by `foldForSearch` anyway). The result is plain text, to be escaped.
 */
export function markdownToPlainText(md: string): string {
  let text = md.replace(/\r\n?/g, '\n').replace(ESCAPED, park);
  text = removeSpans(text, /<!--/, /-->/);
  text = removeSpans(text, /<script\b[^<>]*>/i, /<\/script\s*>/i);
  text = removeSpans(text, /<style\b[^<>]*>/i, /<\/style\s*>/i);

  const lines: string[] = [];
  for (const line of text.split('\n')) {
    if (FENCE.test(line) || THEMATIC_BREAK.test(line) || TABLE_DELIMITER_ROW.test(line)) continue;
    if (REFERENCE_DEFINITION.test(line)) continue;
    lines.push(line.replace(BLOCK_PREFIX, '').replace(CLOSING_HASHES, ''));
  }

  return lines
    .join('\n')
    .replace(IMAGE_OR_LINK, '$1')
    .replace(AUTOLINK, '$1')
    .replace(BLOCK_TAG, ' ')
    .replace(INLINE_TAG, '')
    .replace(/`+/g, '')
    .replace(EMPHASIS_STAR, '$2')
    .replace(EMPHASIS_UNDERSCORE, '$2')
    .replace(STRIKETHROUGH, '$1')
    .replace(/\|/g, ' ')
    .replace(ENTITY, decodeEntity)
    .replace(PARKED, unpark)
    .replace(SPACES, ' ')
    .trim();
}
