import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Case, CaseCreate, CaseDetail, CaseListQuery, CasePatch, Page, TenantUserList } from '../../api/types.js';
import { tenantKey, useTenant } from '../auth/tenant-context.js';
import { customerOverviewKey } from '../customers/customer.queries.js';

export function caseKey(slug: string, caseId: string): unknown[] {
  return tenantKey(slug, 'case', caseId);
}

export function useCaseList(query: CaseListQuery & { page: number; pageSize: number }) {
  const { slug, api } = useTenant();
  return useQuery({
    queryKey: tenantKey(slug, 'cases', query),
    queryFn: ({ signal }) =>
      api.get<Page<Case>>(
        '/api/v1/cases',
        {
          status: query.status,
          priority: query.priority,
          ownerUserId: query.ownerUserId,
          customerId: query.customerId,
          overdue: query.overdue ? 'true' : undefined,
          q: query.q,
          page: query.page,
          pageSize: query.pageSize,
        },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useCase(caseId: string) {
  const { slug, api } = useTenant();
  return useQuery({
    queryKey: caseKey(slug, caseId),
    queryFn: ({ signal }) => api.get<CaseDetail>(`/api/v1/cases/${encodeURIComponent(caseId)}`, undefined, signal),
    enabled: caseId !== '',
  });
}

export function useCreateCase() {
  const { slug, api } = useTenant();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CaseCreate) => api.post<Case>('/api/v1/cases', input),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: tenantKey(slug, 'cases') });
      if (created.customerId) void queryClient.invalidateQueries({ queryKey: customerOverviewKey(slug, created.customerId) });
    },
  });
}

export function useUpdateCase(caseId: string) {
  const { slug, api } = useTenant();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: CasePatch) => api.patch<Case>(`/api/v1/cases/${encodeURIComponent(caseId)}`, patch),
    onSuccess: (updated) => {
      // PATCH answers the case without its interactions: keep the ones we have.
      queryClient.setQueryData<CaseDetail>(caseKey(slug, caseId), (old) => (old ? { ...old, ...updated } : old));
      void queryClient.invalidateQueries({ queryKey: tenantKey(slug, 'cases') });
      if (updated.customerId) void queryClient.invalidateQueries({ queryKey: customerOverviewKey(slug, updated.customerId) });
    },
  });
}

/** Members of the tenant, for owner pickers. */
export function useTenantUsers() {
  const { slug, api, can } = useTenant();
  return useQuery({
    queryKey: tenantKey(slug, 'users'),
    queryFn: ({ signal }) => api.get<TenantUserList>('/api/v1/users', undefined, signal),
    staleTime: 5 * 60_000,
    enabled: can('users:read'),
  });
}
