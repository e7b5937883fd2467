/**
 * Messages for one agent's open desk connections (in-process): telephony adapters publish, the agent
 * WebSocket (features/routing/agent-socket.ts) delivers each message to that agent's sockets only.
 * One process: with several nodes, an agent connected to another node does not get it (a NATS
 * fan-out would go behind this same interface).
 */

import type { CallPop } from '../../core/cti/call-pop.js';

/** The screen pop of a telephone call reported by a PBX (CTI webhook) or a telephony provider. */
export interface CallPopMessage {
  type: 'call_pop';
  call: CallPop;
}

export type AgentNotice = CallPopMessage;
export type AgentNoticeListener = (agentUserId: string, message: AgentNotice) => void;

export function createAgentNotices() {
  const listeners = new Set<AgentNoticeListener>();
  return {
    /** Hands the message to every subscriber; a failing subscriber does not stop the others. */
    publish(agentUserId: string, message: AgentNotice) {
      for (const l of listeners) {
        try {
          l(agentUserId, message);
        } catch {
          // A socket's failure is its own; the publisher (a webhook) must still answer.
        }
      }
    },
    /** Returns the unsubscribe function. */
    subscribe(listener: AgentNoticeListener): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
export type AgentNotices = ReturnType<typeof createAgentNotices>;

declare module 'fastify' {
  interface FastifyInstance {
    /** Decorated in app.ts so that the agent socket (registered inside routing) can subscribe. */
    agentNotices: AgentNotices;
  }
}
