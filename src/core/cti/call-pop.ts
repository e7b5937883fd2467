/**
 * A telephone call a PBX (CTI webhook) or a telephony provider reported for one agent: the desk's
 * call screen pop, pushed as `{ type: 'call_pop', call }` over the agent WebSocket to that agent
 * only. The call log row is `GET /api/v1/calls/:id`.
 */
export interface CallPop {
  /** The call log row. */
  id: string;
  /** The call's tenant: an agent may serve several. */
  tenantId: string;
  provider: string;
  /** The provider's call id (the PBX's callId). */
  callId: string;
  direction: 'in' | 'out';
  /** E.164 when a number, else as the PBX wrote it (an extension, `anonymous`). */
  from: string;
  to: string;
  queue: string | null;
  /** ringing → answered → ended; a call nobody answered goes from ringing to ended. */
  status: 'ringing' | 'answered' | 'ended';
  /** When ended: whether someone answered it (missed: 不在着信); null before. */
  outcome: 'answered' | 'missed' | null;
  /** The customer identified by the caller's (inbound) or the called (outbound) number. */
  customerId: string | null;
  customerName: string | null;
  interactionId: string | null;
}
