import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ctiTokenDto, TelephonySettingsDto, updateTelephonySettingsBody } from '../../../../server/features/telephony/telephony-settings.schemas.js';
import { tenantKey, useTenant } from '../auth/tenant-context.js';

export type TelephonySettings = TelephonySettingsDto;
/** PUT body: an omitted field stays as it is, null clears it. */
export type TelephonySettingsInput = z.input<typeof updateTelephonySettingsBody>;
export type CtiToken = z.infer<typeof ctiTokenDto>;

const SETTINGS = '/api/v1/telephony/settings';
const key = (slug: string) => tenantKey(slug, 'telephony-settings');

export function useTelephonySettings() {
  const { slug, api } = useTenant();
  return useQuery({ queryKey: key(slug), queryFn: ({ signal }) => api.get<TelephonySettings>(SETTINGS, undefined, signal) });
}

export function useSaveTelephonySettings() {
  const { slug, api } = useTenant();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TelephonySettingsInput) => api.put<TelephonySettings>(SETTINGS, input),
    onSuccess: (settings) => queryClient.setQueryData(key(slug), settings),
  });
}

/** A new CTI token, returned this once; the old one stops working at once. */
export function useRotateCtiToken() {
  const { slug, api } = useTenant();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<CtiToken>('/api/v1/telephony/cti-token'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key(slug) }),
  });
}
