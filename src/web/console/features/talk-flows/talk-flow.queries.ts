import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TalkFlowGraph, TalkFlowProblem } from '../../../../core/talk-flow/talk-flow.types.js';
import { tenantKey, useTenant } from '../auth/tenant-context.js';

export interface TalkFlowSummary {
  id: string;
  name: string;
  description: string;
  status: 'draft' | 'published' | 'archived';
  publishedVersion: number | null;
  latestVersion: number;
  updatedAt: string;
}

export interface TalkFlowVersion {
  version: number;
  graph: TalkFlowGraph;
  problems: TalkFlowProblem[];
  createdAt: string;
}

export interface TalkFlowDetail extends TalkFlowSummary {
  latest: TalkFlowVersion;
  published: TalkFlowVersion | null;
}

const base = '/api/v1/talk-flows';
const flowKey = (slug: string, id: string) => tenantKey(slug, 'talk-flows', id);

export function useTalkFlows() {
  const { slug, api } = useTenant();
  return useQuery({
    queryKey: tenantKey(slug, 'talk-flows', 'list'),
    queryFn: ({ signal }) => api.get<{ items: TalkFlowSummary[] }>(base, undefined, signal).then((r) => r.items),
  });
}

export function useTalkFlow(id: string | null) {
  const { slug, api } = useTenant();
  return useQuery({
    queryKey: flowKey(slug, id ?? ''),
    queryFn: ({ signal }) => api.get<TalkFlowDetail>(`${base}/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: !!id,
  });
}

function useFlowMutation<I>(call: (input: I) => Promise<TalkFlowDetail>) {
  const { slug } = useTenant();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (flow) => {
      queryClient.setQueryData(flowKey(slug, flow.id), flow);
      void queryClient.invalidateQueries({ queryKey: tenantKey(slug, 'talk-flows', 'list') });
    },
  });
}

export function useCreateTalkFlow() {
  const { api } = useTenant();
  return useFlowMutation((input: { name: string; description: string; graph: TalkFlowGraph }) => api.post<TalkFlowDetail>(base, input));
}

export function useSaveTalkFlow(id: string) {
  const { api } = useTenant();
  return useFlowMutation((input: { graph: TalkFlowGraph; baseVersion: number }) => api.put<TalkFlowDetail>(`${base}/${encodeURIComponent(id)}`, input));
}

export function usePublishTalkFlow(id: string) {
  const { api } = useTenant();
  return useFlowMutation((input: { version: number }) => api.post<TalkFlowDetail>(`${base}/${encodeURIComponent(id)}/publish`, input));
}
