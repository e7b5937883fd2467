import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { suggestDto } from '../../../../server/features/knowledge/knowledge-suggest.schemas.js';
import type { articleDto, categoryDto, searchResultDto } from '../../../../server/features/knowledge/knowledge.schemas.js';
import { tenantKey, useTenant } from '../auth/tenant-context.js';

export type SearchResult = z.infer<typeof searchResultDto>;
export type SearchHit = SearchResult['hits'][number];
/** The article as the console reads it; `bodyHtml` is the server's sanitized rendering of `body`. */
export type Article = z.infer<typeof articleDto>;
export type Category = z.infer<typeof categoryDto>;

export function articleKey(slug: string, id: string): unknown[] {
  return tenantKey(slug, 'knowledge', 'article', id);
}

/** Search as the agent types; an empty query asks nothing. */
export function useKnowledgeSearch(query: { q: string; categoryId?: string | undefined; limit?: number; drafts?: boolean }) {
  const { slug, api } = useTenant();
  const q = query.q.trim();
  const drafts = query.drafts ?? false;
  return useQuery({
    queryKey: tenantKey(slug, 'knowledge', 'search', q, query.categoryId ?? null, query.limit ?? 10, drafts),
    queryFn: ({ signal }) =>
      api.get<SearchResult>('/api/v1/knowledge/search', { q, categoryId: query.categoryId, limit: query.limit ?? 10, drafts: drafts ? 'true' : undefined }, signal),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
  });
}

export function useArticle(id: string | null) {
  const { slug, api } = useTenant();
  return useQuery({
    queryKey: articleKey(slug, id ?? ''),
    queryFn: ({ signal }) => api.get<Article>(`/api/v1/knowledge/articles/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: id !== null && id !== '',
  });
}

export function useCategories() {
  const { slug, api } = useTenant();
  return useQuery({
    queryKey: tenantKey(slug, 'knowledge', 'categories'),
    queryFn: ({ signal }) => api.get<Category[]>('/api/v1/knowledge/categories', undefined, signal),
    staleTime: 60_000,
  });
}

/** "Helpful / not helpful" from an operator: counted once per click, the article's counters refresh. */
export function useArticleFeedback(id: string) {
  const { slug, api } = useTenant();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (helpful: boolean) => api.post<unknown>(`/api/v1/knowledge/articles/${encodeURIComponent(id)}/feedback`, { helpful }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: articleKey(slug, id) }),
  });
}

export type Suggestions = z.infer<typeof suggestDto>;

/** Articles for what the contact is about (its text and the customer's products), as the agent works it. */
export function useKnowledgeSuggestions(input: { text: string; customerId?: string | null | undefined }) {
  const { slug, api } = useTenant();
  const text = input.text.trim().slice(0, 4000);
  return useQuery({
    queryKey: tenantKey(slug, 'knowledge', 'suggest', text, input.customerId ?? null),
    queryFn: () => api.post<Suggestions>('/api/v1/knowledge/suggest', { text, ...(input.customerId ? { customerId: input.customerId } : {}) }),
    enabled: text.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
