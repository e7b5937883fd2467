import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { diffDto, versionDto, versionSummaryDto, workflowResultDto } from '../../../../server/features/knowledge/knowledge-workflow.schemas.js';
import { tenantKey, useTenant } from '../auth/tenant-context.js';
import type { Article } from './knowledge.queries.js';

export type VersionSummary = z.infer<typeof versionSummaryDto>;
export type Version = z.infer<typeof versionDto>;
export type VersionDiff = z.infer<typeof diffDto>;
type Moved = z.infer<typeof workflowResultDto>;

export interface ArticleContent {
  title: string;
  body: string;
  tags: string[];
  productSkus: string[];
  categoryId: string | null;
  visibility: 'public' | 'internal';
  relatedIds: string[];
}

const path = (id: string, rest = '') => `/api/v1/knowledge/articles/${encodeURIComponent(id)}${rest}`;

export function useVersions(id: string | null) {
  const { slug, api } = useTenant();
  return useQuery({
    queryKey: tenantKey(slug, 'knowledge', 'article', id ?? '', 'versions'),
    queryFn: ({ signal }) => api.get<VersionSummary[]>(path(id ?? '', '/versions'), undefined, signal),
    enabled: !!id,
  });
}

export function useVersion(id: string | null, version: number | null) {
  const { slug, api } = useTenant();
  return useQuery({
    queryKey: tenantKey(slug, 'knowledge', 'article', id ?? '', 'versions', version),
    queryFn: ({ signal }) => api.get<Version>(path(id ?? '', `/versions/${version}`), undefined, signal),
    enabled: !!id && version !== null,
  });
}

export function useDiff(id: string, from: number | null, to: number | null) {
  const { slug, api } = useTenant();
  return useQuery({
    queryKey: tenantKey(slug, 'knowledge', 'article', id, 'diff', from, to),
    queryFn: ({ signal }) => api.get<VersionDiff>(path(id, '/diff'), { from: from ?? 1, to: to ?? 1 }, signal),
    enabled: from !== null && to !== null && from !== to,
  });
}

/** Every workflow move refreshes what is shown of the article (content, versions, search). */
function useArticleMutation<I>(call: (input: I) => Promise<{ id: string }>) {
  const { slug } = useTenant();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: tenantKey(slug, 'knowledge') }),
  });
}

export function useCreateArticle() {
  const { api } = useTenant();
  return useArticleMutation((input: ArticleContent) => api.post<Article>('/api/v1/knowledge/articles', input));
}

export function useSaveDraft(id: string) {
  const { api } = useTenant();
  return useArticleMutation((input: ArticleContent & { baseVersion: number; note?: string }) => api.put<Moved>(path(id), input));
}

export type WorkflowMove = 'submit' | 'approve' | 'reject' | 'archive';

export function useWorkflowMove(id: string) {
  const { api } = useTenant();
  return useArticleMutation((input: { move: WorkflowMove; note?: string }) =>
    api.post<Moved>(path(id, `/${input.move}`), input.move === 'approve' || input.move === 'reject' ? { note: input.note } : undefined),
  );
}

export function useRestore(id: string) {
  const { api } = useTenant();
  return useArticleMutation((input: { version: number; baseVersion: number }) => api.post<Moved>(path(id, '/restore'), input));
}
