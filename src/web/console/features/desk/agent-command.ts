import type { ConsultRequest, PresenceRequest, TransferRequest, WrapUpRequest } from '../../api/routing-types.js';

/** One command of the agent desk (each answers the new `/agent/me`). */
export type AgentCommand =
  | { kind: 'presence'; body: PresenceRequest }
  | { kind: 'accept'; contactId: string }
  | { kind: 'reject'; contactId: string }
  | { kind: 'notes'; contactId: string; notes: string }
  /** An unknown caller registered from the desk: the contact and its interaction get the customer. */
  | { kind: 'linkCustomer'; contactId: string; customerId: string }
  | { kind: 'end'; contactId: string }
  | { kind: 'wrapUp'; contactId: string; body: WrapUpRequest }
  | { kind: 'transfer'; contactId: string; body: TransferRequest }
  | { kind: 'consult'; contactId: string; body: ConsultRequest };
