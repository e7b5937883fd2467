import type { ConsultRequest, PresenceRequest, TransferRequest, WrapUpRequest } from '../../api/routing-types.js';

/** One command of the agent desk (each answers the new `/agent/me`). */
export type AgentCommand =
  | { kind: 'presence'; body: PresenceRequest }
  | { kind: 'accept'; contactId: string }
  | { kind: 'reject'; contactId: string }
  | { kind: 'notes'; contactId: string; notes: string }
  | { kind: 'end'; contactId: string }
  | { kind: 'wrapUp'; contactId: string; body: WrapUpRequest }
  | { kind: 'transfer'; contactId: string; body: TransferRequest }
  | { kind: 'consult'; contactId: string; body: ConsultRequest };
