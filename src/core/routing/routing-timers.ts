import type { RoutingIndex } from './routing-config.js';
import { insertTimer, removeTimer, TimerKind, type TimerEntry, type TimerSet } from './timer-set.js';
import type { AgentId, AgentRuntime, AgentSlot, ContactRuntime } from './routing.types.js';

/**
 * Which timers a record has: an offered slot expires, a wrap-up slot reaches its limit, a waiting
 * contact's next overflow rule falls due. The timer set of a state is exactly the timers of its
 * records; `retimeAgent` and `retimeContact` keep it so when a step writes a record.
 */

/** When the contact's next overflow rule falls due (counted from `queuedAt`), or null. */
export function nextOverflowAt(index: RoutingIndex, c: ContactRuntime): number | null {
  const rule = index.queueEntries.get(c.queueId)?.config.overflow[c.overflowStage];
  return rule ? c.queuedAt + rule.afterSec * 1000 : null;
}

function slotTimer(agentId: AgentId, at: number, s: AgentSlot): TimerEntry {
  return { at, kind: s.phase === 'offered' ? TimerKind.Offer : TimerKind.WrapUp, contactId: s.contactId, agentId, since: s.since };
}

function overflowTimer(index: RoutingIndex, c: ContactRuntime): TimerEntry | null {
  // An external contact's waiting is the PBX's: no overflow here.
  const at = c.status.kind === 'waiting' && !c.external ? nextOverflowAt(index, c) : null;
  return at === null ? null : { at, kind: TimerKind.Overflow, contactId: c.id, agentId: null, since: 0 };
}

const sameTimer = (x: AgentSlot, y: AgentSlot): boolean =>
  x.until === y.until && x.contactId === y.contactId && x.since === y.since && (x.phase === 'offered') === (y.phase === 'offered');

/** Whether `a` has a slot with the same timer as `s` (compared by value: an agent has few slots). */
const hasTimer = (a: AgentRuntime | undefined, s: AgentSlot): boolean => a !== undefined && a.slots.some((o) => sameTimer(s, o));

/** The timer set after an agent's record changed from `before` to `after` (undefined: absent). */
export function retimeAgent(t: TimerSet | null, before: AgentRuntime | undefined, after: AgentRuntime | undefined): TimerSet | null {
  if (before !== undefined) {
    for (const s of before.slots) if (s.until !== null && !hasTimer(after, s)) t = removeTimer(t, slotTimer(before.id, s.until, s));
  }
  if (after !== undefined) {
    for (const s of after.slots) if (s.until !== null && !hasTimer(before, s)) t = insertTimer(t, slotTimer(after.id, s.until, s));
  }
  return t;
}

/** The timer set after a contact's record changed from `before` to `after` (undefined: absent). */
export function retimeContact(t: TimerSet | null, index: RoutingIndex, before: ContactRuntime | undefined, after: ContactRuntime | undefined): TimerSet | null {
  const x = before === undefined ? null : overflowTimer(index, before);
  const y = after === undefined ? null : overflowTimer(index, after);
  if (x !== null && y !== null && x.at === y.at) return t;
  if (x !== null) t = removeTimer(t, x);
  if (y !== null) t = insertTimer(t, y);
  return t;
}

/** Every timer of the records (a full scan: new state, restore, reconfigure, rebalance). */
export function timerSetOf(index: RoutingIndex, agents: Iterable<AgentRuntime>, contacts: Iterable<ContactRuntime>): TimerSet | null {
  let t: TimerSet | null = null;
  for (const a of agents) t = retimeAgent(t, undefined, a);
  for (const c of contacts) t = retimeContact(t, index, undefined, c);
  return t;
}
