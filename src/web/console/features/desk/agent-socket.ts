import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import type { AgentMe, CallPop, ConsultMessage, OfferCancelReason, WorkItem } from '../../api/routing-types.js';
import { useJsonSocket, type JsonSocket } from '../../common/use-json-socket.js';
import { AGENT_ME_KEY } from './agent.queries.js';
import { applyAgentMessage, consultOf, isAgentServerMessage } from './desk-state.js';

export const AGENT_SOCKET_PATH = '/api/v1/agent/ws';

export interface AgentSocketEvents {
  onOffer?: (item: WorkItem) => void;
  onOfferCancelled?: (contactId: string, reason: OfferCancelReason) => void;
  onConsult?: (message: ConsultMessage) => void;
  /** A telephone call rang or was answered at this agent's extension (CTI screen pop). */
  onCallPop?: (call: CallPop) => void;
}

/**
 * The agent's live line to the router: `hello`/`me` replace the cached `/agent/me`, offers patch
 * it, and the page hears about offers, cancellations, consult requests and telephone screen pops. Reconnects by itself;
 * the server re-sends pending offers on `hello` (same contact, same expiry).
 */
export function useAgentSocket(enabled: boolean, events: AgentSocketEvents): JsonSocket {
  const queryClient = useQueryClient();
  const eventsRef = useRef(events);
  eventsRef.current = events;
  const pings = useRef(0);

  const onMessage = useCallback(
    (raw: unknown) => {
      if (!isAgentServerMessage(raw)) return;
      const before = queryClient.getQueryData<AgentMe>(AGENT_ME_KEY);
      const after = applyAgentMessage(before, raw);
      if (after !== before) queryClient.setQueryData(AGENT_ME_KEY, after);
      else if (!before && raw.type === 'offer') void queryClient.invalidateQueries({ queryKey: AGENT_ME_KEY });
      if (raw.type === 'offer') eventsRef.current.onOffer?.(raw.item);
      else if (raw.type === 'offer_cancelled') eventsRef.current.onOfferCancelled?.(raw.contactId, raw.reason);
      else if (raw.type === 'consult') eventsRef.current.onConsult?.(consultOf(raw));
      else if (raw.type === 'call_pop') eventsRef.current.onCallPop?.(raw.call);
    },
    [queryClient],
  );

  const keepAlive = useCallback(() => {
    pings.current += 1;
    return { id: `ping-${pings.current}`, type: 'ping' };
  }, []);

  return useJsonSocket({ path: enabled ? AGENT_SOCKET_PATH : null, onMessage, keepAlive });
}
