import { foldForSearch, markdownToPlainText } from '../text-ja/search-fold.util.js';
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

function addLexemes(out: Set<string>, folded: string) {
  const chars = Array.from(folded);
  for (let i = 0; i < chars.length; i++) {
    out.add(chars[i]!);
    if (i + 1 < chars.length) out.add(chars[i]! + chars[i + 1]!);
  }
}

/** What an article contributes to Japanese search. */
export function searchDocumentOf(a: ArticleText): SearchDocument {
  const lexemes = new Set<string>();
  const titleFold = foldForSearch(a.title);
  const tags = a.tags.map((t) => foldForSearch(t));
  for (const field of [titleFold, ...tags]) addLexemes(lexemes, field);
  const titleVector = [...lexemes].map(quote).join(' ');
  addLexemes(lexemes, foldForSearch(markdownToPlainText(a.body)));
  return { titleFold, tagsFold: tags.join('|'), searchVector: [...lexemes].map(quote).join(' '), titleVector };
}

/** A folded word as the conjunction of its bigrams (one character: itself). */
function conjunctionOf(variant: string): string {
  const chars = Array.from(variant);
  if (chars.length === 1) return quote(chars[0]!);
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  const parts = [...grams].map(quote);
  return parts.length === 1 ? parts[0]! : `(${parts.join(' & ')})`;
}

/**
 * The query as a `tsquery` literal: each term is any of its variants (synonyms), each variant all of
 * its bigrams; `all` requires every term, `any` one of them. '' when there is nothing to search.
 */
export function searchQueryOf(q: ParsedQuery, mode: 'all' | 'any'): string {
  const terms = q.terms.flatMap((t) => {
    const variants = t.variants.filter((v) => v.length > 0).map(conjunctionOf);
    if (variants.length === 0) return [];
    return [variants.length === 1 ? variants[0]! : `(${variants.join(' | ')})`];
  });
  return terms.join(mode === 'all' ? ' & ' : ' | ');
}
