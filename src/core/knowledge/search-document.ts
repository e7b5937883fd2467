import { foldForSearch, indexTermsOf, markdownToPlainText } from '../text-ja/search-fold.util.js';
import type { ParsedQuery } from '../text-ja/search-query.util.js';

export interface ArticleText {
  title: string;
  /** Markdown. */
  body: string;
  tags: readonly string[];
}

/** The derived search columns of an article (knowledge_articles.title_fold, tags_fold, search_vector). */
export interface SearchDocument {
  titleFold: string;
  /** Folded tags joined by '|', which the fold never produces: no term spans two tags. */
  tagsFold: string;
  /** A PostgreSQL `tsvector` literal of bigram and single-character lexemes (cast with `::tsvector`). */
  searchVector: string;
  /** The same of the title and tags only. */
  titleVector: string;
}

// PostgreSQL full-text types without its parser (which needs a locale that knows Japanese): the
// lexemes are our own bigrams and characters, so a query term is the conjunction of its bigrams and
// the GIN index answers it without reading the rows. Positions are left out on purpose: they make the
// vector several kilobytes (stored out of line), and ranking by them would read every candidate's
// vector — ranking uses the short title and tags columns instead.

/** Quoted lexeme for tsvector/tsquery input (the fold leaves no quotes, but input is input). */
const quote = (lexeme: string) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** What an article contributes to Japanese search. */
export function searchDocumentOf(a: ArticleText): SearchDocument {
  const vector = (terms: string[]) => terms.map(quote).join(' ');
  const titleFold = foldForSearch(a.title);
  const tags = a.tags.map((t) => foldForSearch(t));
  return {
    titleFold,
    tagsFold: tags.join('|'),
    searchVector: vector(indexTermsOf(a.title, ...a.tags, markdownToPlainText(a.body))),
    titleVector: vector(indexTermsOf(a.title, ...a.tags)),
  };
}

/**
 * A variant's grams (its bigrams, or the one character) as a conjunction. Every other bigram
 * (and the last) covers each character of the variant: the overlapping ones between add almost no
 * selectivity, but each is one more posting list for the GIN index to intersect.
 */
function conjunctionOf(grams: readonly string[]): string {
  const cover = grams.filter((_, i) => i % 2 === 0 || i === grams.length - 1);
  const parts = cover.map(quote);
  return parts.length === 1 ? parts[0]! : `(${parts.join(' & ')})`;
}

/**
 * The query as a `tsquery` literal: each term is any of its variants (synonyms), each variant all of
 * its bigrams; `all` requires every term, `any` one of them. '' when there is nothing to search.
 */
export function searchQueryOf(q: ParsedQuery, mode: 'all' | 'any'): string {
  const terms = q.terms.flatMap((t) => {
    const variants = t.grams.filter((g) => g.length > 0).map(conjunctionOf);
    if (variants.length === 0) return [];
    return [variants.length === 1 ? variants[0]! : `(${variants.join(' | ')})`];
  });
  return terms.join(mode === 'all' ? ' & ' : ' | ');
}
