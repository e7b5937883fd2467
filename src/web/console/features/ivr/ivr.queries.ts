import { useMutation, useQuery } from '@tanstack/react-query';
import type { IvrFlow } from '../../../../core/ivr/ivr.types.js';
import type { IvrFlowDto } from '../../../../server/features/ivr/ivr-flow.schemas.js';
import { useRecordMutation } from '../../common/use-record-mutation.js';
import { tenantKey, useTenant } from '../auth/tenant-context.js';
import type { TestEvent, TestWalk } from './ivr-test-walk.js';

/** A flow in the list (`GET /api/v1/ivr-flows`). */
export interface IvrFlowSummary {
  id: string;
  name: string;
  status: string;
  numbers: string[];
  publishedVersion: number | null;
  latestVersion: number;
  updatedAt: string;
}
export type IvrFlowDetail = IvrFlowDto;

const base = '/api/v1/ivr-flows';
const RESOURCE = 'ivr-flows';
const enc = encodeURIComponent;

export function useIvrFlows() {
  const { slug, api } = useTenant();
  return useQuery({
    queryKey: tenantKey(slug, RESOURCE, 'list'),
    queryFn: ({ signal }) => api.get<IvrFlowSummary[]>(base, undefined, signal),
  });
}

export function useIvrFlow(id: string) {
  const { slug, api } = useTenant();
  return useQuery({
    queryKey: tenantKey(slug, RESOURCE, id),
    queryFn: ({ signal }) => api.get<IvrFlowDetail>(`${base}/${enc(id)}`, undefined, signal),
    enabled: !!id,
    // The editor keeps its own draft and the version it started from; a refetch while editing
    // must not look like someone else's save.
    refetchOnWindowFocus: false,
  });
}

export function useCreateIvrFlow() {
  const { api } = useTenant();
  return useRecordMutation(RESOURCE, (input: { name: string; description: string; numbers: string[]; flow: IvrFlow }) => api.post<IvrFlowDetail>(base, input));
}

/** A new version on top of `baseVersion` (409 `version_conflict` when someone saved meanwhile). */
export function useSaveIvrFlow(id: string) {
  const { api } = useTenant();
  return useRecordMutation(RESOURCE, (input: { baseVersion: number; flow: IvrFlow; name: string; description: string; numbers: string[] }) =>
    api.put<IvrFlowDetail>(`${base}/${enc(id)}`, input),
  );
}

/** 422 `ivr_flow_invalid` while the version has problems. */
export function usePublishIvrFlow(id: string) {
  const { api } = useTenant();
  return useRecordMutation(RESOURCE, (input: { version: number }) => api.post<IvrFlowDetail>(`${base}/${enc(id)}/publish`, input));
}

/** Walks a saved version with the events so far; nothing is stored. */
export function useTestIvrFlow(id: string) {
  const { api } = useTenant();
  return useMutation({
    mutationFn: (input: { version: number; from: string; open: boolean; events: TestEvent[] }) => api.post<TestWalk>(`${base}/${enc(id)}/test`, input),
  });
}
