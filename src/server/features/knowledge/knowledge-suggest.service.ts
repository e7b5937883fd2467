import { markdownToText } from '../../../core/knowledge/markdown-render.js';
import { searchQueryOf } from '../../../core/knowledge/search-document.js';
import { isTopicWord, pickInformativeTerms } from '../../../core/knowledge/suggest-terms.js';
import { markdownToPlainText } from '../../../core/text-ja/search-fold.util.js';
import { parseSearchQuery } from '../../../core/text-ja/search-query.util.js';
import { snippetOf } from '../../../core/text-ja/search-snippet.util.js';
import type { TenantContext } from '../../platform/principal.js';
import type { KnowledgeArticleRepository } from './knowledge-article.repository.js';
import type { KnowledgeSuggestRepository } from './knowledge-suggest.repository.js';

interface Deps {
  articles: KnowledgeArticleRepository;
  suggest: KnowledgeSuggestRepository;
  /** SKUs of the products a customer owns (the customer feature's service; 404 for an unknown customer). */
  ownedSkusOf: (ctx: TenantContext, customerId: string) => Promise<string[]>;
}

/** Words read from the text before choosing; a long message has more, mostly everyday ones. */
const MAX_TEXT_TERMS = 40;
/**
 * Words the ranking uses: the rarest ones. Enough that an article holding several of the message's
 * words beats one that shares a single odd word with it.
 */
const MAX_RANK_TERMS = 12;
const MAX_SUGGESTIONS = 5;
const SNIPPET_LENGTH = 120;

/**
 * Agent assist: the articles that answer a customer's message, from its rarest words, with the
 * customer's products first. Published articles only, internal ones included (agents read them).
 */
export function createKnowledgeSuggestService(deps: Deps) {
  return {
    async suggest(ctx: TenantContext, input: { text: string; productSkus: string[]; customerId?: string | undefined }) {
      const owned = input.customerId ? await deps.ownedSkusOf(ctx, input.customerId) : [];
      const skus = [...new Set([...input.productSkus, ...owned])];
      const all = parseSearchQuery(input.text, { synonyms: await deps.articles.synonyms(ctx.tenantId), maxTerms: MAX_TEXT_TERMS * 2 });
      const parsed = { ...all, terms: all.terms.filter((t) => isTopicWord(t.text, input.text)).slice(0, MAX_TEXT_TERMS) };
      const queries = parsed.terms.map((t) => searchQueryOf({ phrase: parsed.phrase, terms: [t] }, 'all'));
      const empty = { terms: [], productSkus: skus, suggestions: [] };
      if (queries.length === 0) return empty;

      const { total, counts } = await deps.suggest.termCounts(ctx.tenantId, queries);
      const picked = pickInformativeTerms(parsed.terms.map((t, index) => ({ index, text: t.text, articles: counts[index] ?? 0 })), total, MAX_RANK_TERMS);
      if (picked.length === 0) return empty;
      // A product match weighs like the rarest word: it decides between articles that fit the text
      // equally, and cannot lift an article that fits it poorly above a clear answer.
      const boost = Math.max(...picked.map((p) => p.weight));
      const hits = await deps.suggest.rank(ctx.tenantId, picked.map((p) => ({ query: queries[p.index]!, weight: p.weight })), skus, boost, MAX_SUGGESTIONS);
      const variants = picked.flatMap((p) => parsed.terms[p.index]!.variants);
      const mine = new Set(skus);
      return {
        terms: picked.map((p) => p.text),
        productSkus: skus,
        suggestions: hits.map((h) => ({
          id: h.id, title: h.title, visibility: h.visibility, score: Math.round(h.score * 1000) / 1000,
          matchedProducts: h.productSkus.filter((s) => mine.has(s)),
          snippet: snippetOf(markdownToPlainText(h.body), variants, { length: SNIPPET_LENGTH }),
          copyText: markdownToText(h.body),
        })),
      };
    },
  };
}
export type KnowledgeSuggestService = ReturnType<typeof createKnowledgeSuggestService>;
