import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import i18next from 'i18next';
import { ApiError, apiRequest } from '../../api/client.js';
import type { AgentMe, CallbackCreate, TransferTargets } from '../../api/routing-types.js';
import { tenantKey, useTenant } from '../auth/tenant-context.js';
import type { AgentCommand } from './agent-command.js';
import { deskErrorMessage } from './desk-errors.js';

export type { AgentCommand };

/** The agent's own state: not tenant-scoped (one agent, one headset, several client companies). */
export const AGENT_ME_KEY = ['agent', 'me'] as const;

const AGENT = '/api/v1/agent';
const id = (contactId: string) => encodeURIComponent(contactId);

export function useAgentMe() {
  return useQuery({
    queryKey: AGENT_ME_KEY,
    queryFn: ({ signal }) => apiRequest<AgentMe>(`${AGENT}/me`, { signal }),
    // The socket keeps it current; the HTTP read is the first paint and the fallback.
    staleTime: Infinity,
  });
}

function send(command: AgentCommand): Promise<AgentMe> {
  const post = (path: string, body?: unknown) => apiRequest<AgentMe>(`${AGENT}${path}`, { method: 'POST', ...(body !== undefined ? { body } : {}) });
  switch (command.kind) {
    case 'presence':
      return post('/presence', command.body);
    case 'accept':
      return post(`/offers/${id(command.contactId)}/accept`);
    case 'reject':
      return post(`/offers/${id(command.contactId)}/reject`);
    case 'notes':
      return post(`/contacts/${id(command.contactId)}/notes`, { notes: command.notes });
    case 'linkCustomer':
      return post(`/contacts/${id(command.contactId)}/customer`, { customerId: command.customerId });
    case 'end':
      return post(`/contacts/${id(command.contactId)}/end`);
    case 'wrapUp':
      return post(`/contacts/${id(command.contactId)}/wrap-up`, command.body);
    case 'transfer':
      return post(`/contacts/${id(command.contactId)}/transfer`, command.body);
    case 'consult':
      return post(`/contacts/${id(command.contactId)}/consult`, command.body);
  }
}

/**
 * One desk command. Every command answers the new `/agent/me`, which replaces the cached state; a
 * refused command (4xx) changes nothing on the server, so the state is re-read to drop stale offers.
 * Errors go to a toast unless the caller handles them (`silent`: a form shows them itself).
 */
export function useAgentCommand(options: { silent?: boolean } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (me) => {
      if (me && typeof me === 'object' && Array.isArray(me.work)) queryClient.setQueryData(AGENT_ME_KEY, me);
      else void queryClient.invalidateQueries({ queryKey: AGENT_ME_KEY });
    },
    onError: (error, command) => {
      if (!options.silent && !(error instanceof ApiError && error.status === 401)) {
        notifications.show({ color: 'red', title: i18next.t('errors.title'), message: deskErrorMessage(command, error) });
      }
      void queryClient.invalidateQueries({ queryKey: AGENT_ME_KEY });
    },
  });
}

export function useTransferTargets(contactId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['agent', 'transfer-targets', contactId],
    queryFn: ({ signal }) => apiRequest<TransferTargets>(`${AGENT}/contacts/${id(contactId)}/transfer-targets`, { signal }),
    enabled,
    staleTime: 0,
  });
}

/** 折り返し予約, in the contact's tenant (call inside its tenant context). */
export function useCreateCallback() {
  const { slug, api } = useTenant();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CallbackCreate) => api.post<unknown>('/api/v1/callbacks', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tenantKey(slug, 'callbacks') }),
  });
}
