import { foldForSearch } from './search-fold.util.js';

export interface Snippet {
  text: string;
  /** Ranges into `text`, sorted and non-overlapping; overlapping matches are merged. */
  highlights: Array<[start: number, end: number]>;
}

export interface SnippetOptions {
  /** Window length in grapheme clusters (user-perceived characters), '…' not counted. Default 120. */
  length?: number;
}

/** A run of original text (one grapheme cluster, or several when a mark joined them) and its fold. */
interface Piece {
  start: number;
  end: number;
  first: number; // index of the first grapheme cluster
  last: number; // index of the last grapheme cluster
  folded: string;
}

interface Match {
  first: number;
  last: number;
  start: number;
  end: number;
  variant: number;
}

const graphemes = new Intl.Segmenter('ja', { granularity: 'grapheme' });
// Text without extending characters (marks, half-width ﾞﾟ, variation selectors, joiners),
// surrogates, CR or Hangul jamo has one cluster per code unit (most Japanese text): walking it
// directly is several times faster than the segmenter.
const NEEDS_SEGMENTER = /[\p{M}\p{Grapheme_Extend}\uD800-\uDFFF\r\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF]|\u200C|\u200D/u;
function forEachCluster(text: string, visit: (segment: string, index: number) => void): void {
  if (NEEDS_SEGMENTER.test(text)) {
    for (const { segment, index } of graphemes.segment(text)) visit(segment, index);
  } else {
    for (let index = 0; index < text.length; index++) visit(text[index]!, index);
  }
}
// The fold of a cluster never changes: shared by every snippet (bounded; the alphabet is small).
const FOLD_CACHE_SIZE = 20_000;
const foldedClusters = new Map<string, string>();
const STARTS_WITH_MARK = /^\p{M}/u;
const ONLY_MARKS = /^\p{M}+$/u;
// The contextual rule of foldForSearch (ー as a dash between ASCII letters/digits), which
// folding one cluster at a time cannot see.
const CHOON_BETWEEN_ALNUM = /(?<=[a-z0-9])ー+(?=[a-z0-9])/g;

/**
 * Folds `text` one grapheme cluster at a time, remembering where each folded piece came from.
 * Concatenating cluster folds equals folding the whole text except where folding is
 * contextual; the two contexts that matter are repaired: a mark whose own base was dropped
 * (か゛, か-゙) is refolded with the piece before it, and ー between ASCII letters/digits goes.
 */
function foldPieces(text: string): { pieces: Piece[]; clusterStarts: number[] } {
  let pieces: Piece[] = [];
  const clusterStarts: number[] = [];
  forEachCluster(text, (segment, index) => {
    const ci = clusterStarts.push(index) - 1;
    const end = index + segment.length;
    let folded = foldedClusters.get(segment);
    if (folded === undefined) {
      if (foldedClusters.size >= FOLD_CACHE_SIZE) foldedClusters.clear();
      foldedClusters.set(segment, (folded = foldForSearch(segment)));
    }
    const prev = pieces.at(-1);
    if (prev && STARTS_WITH_MARK.test(folded)) {
      prev.end = end;
      prev.last = ci;
      prev.folded = foldForSearch(text.slice(prev.start, end));
    } else if (folded !== '') {
      pieces.push({ start: index, end, first: ci, last: ci, folded });
    }
  });

  const joined = pieces.map((p) => p.folded).join('');
  const dropped = new Set<number>();
  for (const m of joined.matchAll(CHOON_BETWEEN_ALNUM)) {
    for (let k = 0; k < m[0].length; k++) dropped.add(m.index + k);
  }
  if (dropped.size > 0) {
    let at = 0;
    for (const p of pieces) {
      let kept = '';
      for (let k = 0; k < p.folded.length; k++, at++) if (!dropped.has(at)) kept += p.folded[k];
      p.folded = kept;
    }
    pieces = pieces.filter((p) => p.folded !== '');
  }
  return { pieces, clusterStarts };
}

/**
 * Occurrences (overlapping ones too) of each variant that start and end on piece boundaries.
 * An end inside a piece is accepted when only combining marks remain of it (005 in "００５゙"):
 * a mark belongs with its letter, so the whole piece is highlighted.
 */
function findMatches(pieces: Piece[], variants: readonly string[]): Match[] {
  const folded = pieces.map((p) => p.folded).join('');
  const owner: number[] = []; // folded code unit → piece index
  const pieceEnd: number[] = []; // piece index → end offset in `folded`
  pieces.forEach((p, i) => {
    for (let k = 0; k < p.folded.length; k++) owner.push(i);
    pieceEnd.push(owner.length);
  });
  const matches: Match[] = [];
  variants.forEach((variant, v) => {
    for (let at = folded.indexOf(variant); at >= 0; at = folded.indexOf(variant, at + 1)) {
      const end = at + variant.length;
      // Matching half of a piece (成 inside ㍻ → 平成) cannot be highlighted exactly: skip it.
      if (at > 0 && owner[at - 1] === owner[at]) continue;
      const last = owner[end - 1]!;
      if (end < pieceEnd[last]! && !ONLY_MARKS.test(folded.slice(end, pieceEnd[last]))) continue;
      const a = pieces[owner[at]!]!;
      const b = pieces[last]!;
      matches.push({ first: a.first, last: b.last, start: a.start, end: b.end, variant: v });
    }
  });
  return matches.sort((x, y) => x.first - y.first || x.last - y.last);
}

/** Start cluster of the window holding the most distinct variants, earliest on ties. */
function bestWindow(matches: Match[], length: number, clusterCount: number): number {
  if (matches.length === 0) return 0;
  let best = { score: 0, from: 0, to: 0 };
  for (let i = 0; i < matches.length; i++) {
    const from = matches[i]!.first;
    if (i > 0 && matches[i - 1]!.first === from) continue;
    const seen = new Set<number>();
    let to = from;
    for (let j = i; j < matches.length && matches[j]!.first < from + length; j++) {
      const m = matches[j]!;
      if (m.last >= from + length) continue;
      seen.add(m.variant);
      to = Math.max(to, m.last + 1);
    }
    if (seen.size > best.score) best = { score: seen.size, from, to };
  }
  // Show up to a quarter of the window as lead-in before the first match, and fill the window
  // near the end of the text, without letting any counted match fall out.
  const lead = Math.max(0, best.to - length, best.from - Math.floor(length / 4));
  return Math.min(lead, Math.max(0, clusterCount - length));
}

/**
 * The window of the original `text` that holds the most distinct `variants` (folded query
 * terms), with highlight ranges into the returned string and '…' where text was cut.
 * Matching is done on `foldForSearch` output, mapped back to whole grapheme clusters, so
 * ranges stay right when folding changes lengths (ｶﾞ → が, removed punctuation and spaces).
 * Without matches the snippet is the start of the text. Plain strings: the caller escapes.
 */
export function snippetOf(text: string, variants: readonly string[], opts: SnippetOptions = {}): Snippet {
  const length = Math.max(1, Math.floor(opts.length ?? 120));
  const folded = [...new Set(variants.map(foldForSearch))].filter((v) => v !== '');
  const { pieces, clusterStarts } = foldPieces(text);
  const clusterCount = clusterStarts.length;
  const matches = findMatches(pieces, folded);
  const from = bestWindow(matches, length, clusterCount);
  const to = Math.min(clusterCount, from + length); // exclusive, in clusters

  const shown = matches.filter((m) => m.first >= from && m.last < to);
  const ranges: Array<[number, number]> = [];
  for (const m of [...shown].sort((x, y) => x.start - y.start)) {
    const last = ranges.at(-1);
    if (last && m.start < last[1]) last[1] = Math.max(last[1], m.end);
    else ranges.push([m.start, m.end]);
  }

  // Cluster → code unit offsets.
  let start = clusterStarts[from] ?? text.length;
  let end = clusterStarts[to] ?? text.length;
  if (clusterCount === 0) start = end = 0;
  // Trim whitespace at the cut ends, but never into a highlight.
  const firstHighlight = ranges[0]?.[0] ?? end;
  const lastHighlight = ranges.at(-1)?.[1] ?? start;
  while (start < firstHighlight && /\s/u.test(text[start]!)) start++;
  while (end > Math.max(start, lastHighlight) && /\s/u.test(text[end - 1]!)) end--;

  const before = text.slice(0, start).trim() !== '' ? '…' : '';
  const after = text.slice(end).trim() !== '' ? '…' : '';
  const shift = before.length - start;
  return {
    text: before + text.slice(start, end) + after,
    highlights: ranges.map(([a, b]): [number, number] => [a + shift, b + shift]),
  };
}
