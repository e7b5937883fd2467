import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  itemsOf,
  type AgentProfileInput,
  type BusinessHoursInput,
  type BusinessHoursRecord,
  type HoursPreviewDay,
  type ListBody,
  type QueueInput,
  type ReasonCode,
  type ReasonCodeInput,
  type ReasonKind,
  type RoutingAgent,
  type RoutingQueue,
  type Skill,
} from '../../api/routing-types.js';
import { tenantKey, useTenant } from '../auth/tenant-context.js';

const BASE = '/api/v1/routing';
const enc = encodeURIComponent;

/** Every routing-admin query of a tenant starts with this key: any change refreshes them all (queues name skills and hours). */
function adminKey(slug: string, ...parts: unknown[]): unknown[] {
  return tenantKey(slug, 'routing-admin', ...parts);
}

function useList<T>(resource: string, query?: Record<string, string>) {
  const { slug, api } = useTenant();
  return useQuery({
    queryKey: adminKey(slug, resource, query ?? {}),
    queryFn: async ({ signal }) => itemsOf(await api.get<ListBody<T>>(`${BASE}/${resource}`, query, signal)),
  });
}

/** Create, update (PATCH or PUT) or delete one record of a resource, then refresh the tenant's routing admin data. */
function useSave<Input, Output>(resource: string, updateMethod: 'patch' | 'put' = 'patch') {
  const { slug, api } = useTenant();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: Input }) =>
      id === null ? api.post<Output>(`${BASE}/${resource}`, input) : api[updateMethod]<Output>(`${BASE}/${resource}/${enc(id)}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKey(slug) }),
  });
}

function useRemove(resource: string) {
  const { slug, api } = useTenant();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`${BASE}/${resource}/${enc(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKey(slug) }),
  });
}

export const useSkills = () => useList<Skill>('skills');
export const useSaveSkill = () => useSave<{ name: string }, Skill>('skills');
export const useRemoveSkill = () => useRemove('skills');

export const useQueues = () => useList<RoutingQueue>('queues');
export const useSaveQueue = () => useSave<QueueInput, RoutingQueue>('queues');
export const useRemoveQueue = () => useRemove('queues');

export const useHoursList = () => useList<BusinessHoursRecord>('hours');
export const useSaveHours = () => useSave<BusinessHoursInput, BusinessHoursRecord>('hours', 'put');
export const useRemoveHours = () => useRemove('hours');

export const useRoutingAgents = () => useList<RoutingAgent>('agents');
export function useSaveAgent() {
  const { slug, api } = useTenant();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, input }: { userId: string; input: AgentProfileInput }) => api.put<RoutingAgent>(`${BASE}/agents/${enc(userId)}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKey(slug) }),
  });
}

export const useReasonCodes = (kind: ReasonKind) => useList<ReasonCode>('reason-codes', { kind });
export const useSaveReasonCode = () => useSave<Partial<ReasonCodeInput>, ReasonCode>('reason-codes');
export const useRemoveReasonCode = () => useRemove('reason-codes');

/** The next days as the router will see them (holidays, closures, special days applied by the server). */
export function useHoursPreview(hoursId: string | null, from: string, days = 14) {
  const { slug, api } = useTenant();
  return useQuery({
    queryKey: adminKey(slug, 'hours-preview', hoursId, from, days),
    queryFn: async ({ signal }) =>
      itemsOf(
        normalizePreview(await api.get<ListBody<HoursPreviewDay> | { days: HoursPreviewDay[] }>(`${BASE}/hours/${enc(hoursId ?? '')}/preview`, { from, days }, signal)),
      ),
    enabled: hoursId !== null,
  });
}

function normalizePreview(body: ListBody<HoursPreviewDay> | { days: HoursPreviewDay[] }): ListBody<HoursPreviewDay> {
  return !Array.isArray(body) && 'days' in body ? body.days : body;
}
