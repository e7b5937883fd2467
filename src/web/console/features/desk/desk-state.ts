import type { AgentMe, AgentServerMessage, ConsultMessage, ReasonOption, WorkItem } from '../../api/routing-types.js';
import { isCallPop } from './call-pop.js';

/**
 * The agent's state as the desktop holds it: the last `AgentMe` from the server, patched by the
 * push frames in between. Pure, so the socket and the HTTP commands share one way of updating it.
 */

const MESSAGE_TYPES = new Set(['hello', 'me', 'offer', 'offer_cancelled', 'consult', 'call_pop', 'result']);

/** A frame of the agent socket we know how to read (anything else is ignored). */
export function isAgentServerMessage(value: unknown): value is AgentServerMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string' || !MESSAGE_TYPES.has(type)) return false;
  const v = value as Record<string, unknown>;
  switch (type) {
    case 'hello':
    case 'me':
      return isMe(v.me);
    case 'offer':
      return isWorkItem(v.item);
    case 'offer_cancelled':
      return typeof v.contactId === 'string';
    case 'consult':
      return typeof v.contactId === 'string';
    case 'call_pop':
      return isCallPop(v.call);
    default:
      return typeof v.id === 'string' && typeof v.ok === 'boolean';
  }
}

function isMe(value: unknown): value is AgentMe {
  return typeof value === 'object' && value !== null && Array.isArray((value as AgentMe).work) && typeof (value as AgentMe).activity === 'string';
}

function isWorkItem(value: unknown): value is WorkItem {
  return typeof value === 'object' && value !== null && typeof (value as WorkItem).contact?.id === 'string';
}

/**
 * A consult frame as the desk shows it. The contact comes as `item` (a WorkItem with the screen pop
 * inside); a frame without a readable item still shows who asks and the note.
 */
export function consultOf(message: ConsultMessage): ConsultMessage {
  const raw = message as unknown as Record<string, unknown>;
  return {
    type: 'consult',
    contactId: message.contactId,
    fromName: typeof raw.fromName === 'string' ? raw.fromName : '',
    note: typeof raw.note === 'string' ? raw.note : '',
    item: isWorkItem(raw.item) ? raw.item : null,
  };
}

/** The state after one frame: `hello`/`me` (and a successful `result`) replace it, offers patch it. */
export function applyAgentMessage(state: AgentMe | undefined, message: AgentServerMessage): AgentMe | undefined {
  switch (message.type) {
    case 'hello':
    case 'me':
      return message.me;
    case 'result':
      return message.ok ? message.me : state;
    case 'offer': {
      if (!state) return state;
      const others = state.work.filter((w) => w.contact.id !== message.item.contact.id);
      return { ...state, work: [...others, message.item] };
    }
    case 'offer_cancelled': {
      if (!state) return state;
      const work = state.work.filter((w) => !(w.contact.id === message.contactId && w.phase === 'offered'));
      return work.length === state.work.length ? state : { ...state, work };
    }
    default:
      return state;
  }
}

/** Ringing offers, the one expiring first on top. */
export function pendingOffers(me: AgentMe | undefined): WorkItem[] {
  return (me?.work ?? [])
    .filter((w) => w.phase === 'offered')
    .sort((a, b) => (a.expiresAt ?? '').localeCompare(b.expiresAt ?? ''));
}

/** Contacts the agent holds (talking or in 後処理), in the order they were answered. */
export function heldContacts(me: AgentMe | undefined): WorkItem[] {
  return (me?.work ?? [])
    .filter((w) => w.phase !== 'offered')
    .sort((a, b) => (a.contact.answeredAt ?? a.contact.arrivedAt).localeCompare(b.contact.answeredAt ?? b.contact.arrivedAt));
}

/**
 * Break reasons of all the agent's tenants, one entry per code (an agent serving two companies
 * picks 昼休憩 once). When tenants label a code differently, the labels are joined.
 */
export function uniqueBreakReasons(reasons: readonly ReasonOption[]): { code: string; label: string }[] {
  const byCode = new Map<string, string[]>();
  for (const reason of reasons) {
    const labels = byCode.get(reason.code) ?? [];
    if (!labels.includes(reason.label)) labels.push(reason.label);
    byCode.set(reason.code, labels);
  }
  return [...byCode].map(([code, labels]) => ({ code, label: labels.join(' / ') }));
}

/** The label of the agent's current break reason, or the code itself when unknown. */
export function breakReasonLabel(me: Pick<AgentMe, 'reason' | 'breakReasons'>): string | null {
  if (!me.reason) return null;
  return uniqueBreakReasons(me.breakReasons).find((r) => r.code === me.reason)?.label ?? me.reason;
}
