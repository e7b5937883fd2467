import { foldForSearch, indexTermsOf, markdownToPlainText } from '../text-ja/search-fold.util.js';

export interface ArticleText {
  title: string;
  /** Markdown. */
  body: string;
  tags: readonly string[];
}

/** The derived search columns of an article (knowledge_articles.*_fold and search_terms). */
export interface SearchDocument {
  titleFold: string;
  tagsFold: string;
  bodyFold: string;
  searchTerms: string[];
}

// Tags are folded one by one and joined with a character the fold never produces, so a term
// cannot match across two tags.
const TAG_SEPARATOR = '|';

/** What an article contributes to Japanese search: its fields folded, and their bigram terms. */
export function searchDocumentOf(a: ArticleText): SearchDocument {
  const plain = markdownToPlainText(a.body);
  return {
    titleFold: foldForSearch(a.title),
    tagsFold: a.tags.map((t) => foldForSearch(t)).join(TAG_SEPARATOR),
    bodyFold: foldForSearch(plain),
    searchTerms: indexTermsOf(a.title, plain, ...a.tags),
  };
}
