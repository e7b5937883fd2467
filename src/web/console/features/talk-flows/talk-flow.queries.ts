import { useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TalkFlowGraph } from '../../../../core/talk-flow/talk-flow.types.js';
import type { FlowDto, RunDto, flowSummaryDto, statsDto } from '../../../../server/features/talk-flows/talk-flow.schemas.js';
import { useRecordMutation } from '../../common/use-record-mutation.js';
import { tenantKey, useTenant } from '../auth/tenant-context.js';

export type TalkFlowSummary = z.infer<typeof flowSummaryDto>;
export type TalkFlowDetail = FlowDto;
export type TalkFlowRun = RunDto;

const base = '/api/v1/talk-flows';
const flowKey = (slug: string, id: string) => tenantKey(slug, 'talk-flows', id);

export function useTalkFlows() {
  const { slug, api } = useTenant();
  return useQuery({
    queryKey: tenantKey(slug, 'talk-flows', 'list'),
    queryFn: ({ signal }) => api.get<{ items: TalkFlowSummary[] }>(base, { pageSize: 100 }, signal).then((r) => r.items),
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
  return useRecordMutation('talk-flows', call);
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

const runs = '/api/v1/talk-flow-runs';

/** Published flows an agent can run. */
export function usePublishedTalkFlows() {
  const { slug, api } = useTenant();
  return useQuery({
    queryKey: tenantKey(slug, 'talk-flows', 'published'),
    queryFn: ({ signal }) => api.get<{ items: TalkFlowSummary[] }>(base, { status: 'published', pageSize: 100 }, signal).then((r) => r.items),
    staleTime: 60_000,
  });
}

/** Starting, answering, going back and abandoning a run all answer the run as it stands now. */
export function useRunCommands(onRun: (run: TalkFlowRun) => void) {
  const { api } = useTenant();
  const start = useMutation({
    mutationFn: (input: { flowId: string; interactionId?: string | undefined; customerId?: string | undefined }) =>
      api.post<TalkFlowRun>(`${base}/${encodeURIComponent(input.flowId)}/runs`, { interactionId: input.interactionId, customerId: input.customerId }),
    onSuccess: onRun,
  });
  const step = useMutation({
    mutationFn: (input: { runId: string; choiceId?: string; back?: true }) =>
      api.post<TalkFlowRun>(`${runs}/${encodeURIComponent(input.runId)}/steps`, { choiceId: input.choiceId, back: input.back }),
    onSuccess: onRun,
  });
  const abandon = useMutation({
    mutationFn: (runId: string) => api.post<TalkFlowRun>(`${runs}/${encodeURIComponent(runId)}/abandon`, {}),
    onSuccess: onRun,
  });
  return { start, step, abandon, pending: start.isPending || step.isPending || abandon.isPending };
}

export type TalkFlowStats = z.infer<typeof statsDto>;

/** Where the runs of a version went (supervisors). */
export function useTalkFlowStats(id: string, version: number | null) {
  const { slug, api } = useTenant();
  return useQuery({
    queryKey: tenantKey(slug, 'talk-flows', id, 'stats', version),
    queryFn: ({ signal }) => api.get<TalkFlowStats>(`${base}/${encodeURIComponent(id)}/stats`, version ? { version } : undefined, signal),
  });
}
