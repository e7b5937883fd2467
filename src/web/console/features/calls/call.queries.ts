import { useInfiniteQuery } from '@tanstack/react-query';
import type { CallDto } from '../../../../server/features/calls/call-log.schemas.js';
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
