import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CallDto } from '../../../../server/features/calls/call-log.schemas.js';
import type { dialBody, DialResult } from '../../../../server/features/calls/click-to-call.schemas.js';
import { tenantKey, useTenant } from '../auth/tenant-context.js';

export type Call = CallDto;
export interface CallPage {
  items: Call[];
  /** Pass as `cursor` for the next (older) page; null on the last one. */
  nextCursor: string | null;
}

/** `GET /api/v1/calls` filters; times are UTC ISO instants (`from` inclusive, `to` exclusive). */
export interface CallLogQuery {
  customerId?: string;
  agentUserId?: string;
  from?: string;
  to?: string;
  limit: number;
}

/** The tenant's calls, newest first, one page after the other (`nextCursor`); agents get their own only. */
export function useCallLog(query: CallLogQuery) {
  const { slug, api } = useTenant();
  return useInfiniteQuery({
    queryKey: tenantKey(slug, 'calls', query),
    queryFn: ({ pageParam, signal }) => api.get<CallPage>('/api/v1/calls', { ...query, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export type { DialResult };
/** `POST /api/v1/calls/dial`: the number in any common form, and the customer whose record it is called from. */
export type DialInput = z.input<typeof dialBody>;

/** 発信: rings the signed-in agent, then the number (PBX or Twilio, as the tenant set up); the call log follows. */
export function useDial() {
  const { slug, api } = useTenant();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DialInput) => api.post<DialResult>('/api/v1/calls/dial', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tenantKey(slug, 'calls') }),
  });
}

/** Links the customer registered (or found) for a caller the call did not identify: the call joins their history. */
export function useLinkCallCustomer() {
  const { slug, api } = useTenant();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { callId: string; customerId: string }) => api.post<Call>(`/api/v1/calls/${encodeURIComponent(input.callId)}/customer`, { customerId: input.customerId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tenantKey(slug, 'calls') }),
  });
}
