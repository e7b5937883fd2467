import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { healthDto, PortalSettingsDto, staleDto, VoiceDto } from '../../../../server/features/portal/portal.schemas.js';
import { tenantKey, useTenant } from '../auth/tenant-context.js';

export type PortalSettings = PortalSettingsDto;
export type PortalSettingsInput = Omit<PortalSettings, 'path' | 'updatedAt'>;
export type Voice = VoiceDto;
export type Stale = z.infer<typeof staleDto>;
export type Health = z.infer<typeof healthDto>;

const P = '/api/v1/portal';
const key = (slug: string, ...parts: unknown[]) => tenantKey(slug, 'portal-admin', ...parts);

function usePortalGet<T>(part: string) {
  const { slug, api } = useTenant();
  return useQuery({ queryKey: key(slug, part), queryFn: ({ signal }) => api.get<T>(`${P}/${part}`, undefined, signal) });
}

export const usePortalSettings = () => usePortalGet<PortalSettings>('settings');
export const usePortalHealth = () => usePortalGet<Health>('health');
export const useStaleArticles = () => usePortalGet<Stale>('stale');
export const useVoices = () => usePortalGet<{ items: Voice[] }>('voices');

/** Any change refreshes every portal admin view (health counts stale articles and voices). */
function usePortalMutation<I, O>(call: (input: I) => Promise<O>) {
  const { slug } = useTenant();
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: call, onSuccess: () => void queryClient.invalidateQueries({ queryKey: key(slug) }) });
}

export function useSavePortalSettings() {
  const { api } = useTenant();
  return usePortalMutation((input: PortalSettingsInput) => api.put<PortalSettings>(`${P}/settings`, input));
}

export function useCreateVoice() {
  const { api } = useTenant();
  return usePortalMutation((input: { title: string; voice: string; response: string; publish: boolean }) => api.post<Voice>(`${P}/voices`, input));
}

export function useVoiceMove() {
  const { api } = useTenant();
  return usePortalMutation(async (input: { id: string; move: 'publish' | 'unpublish' | 'delete' }): Promise<unknown> => {
    const path = `${P}/voices/${encodeURIComponent(input.id)}`;
    return input.move === 'delete' ? api.delete(path) : api.post<Voice>(`${path}/${input.move}`, {});
  });
}
