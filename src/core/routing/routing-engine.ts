import { isOpen, nextOpening } from './business-hours.js';
import { buildRoutingIndex, validateRoutingConfig, type ConfigIssue, type RoutingIndex } from './routing-config.js';
import { PersistentMap } from './persistent-map.js';
import { popDue, popTimer, pushTimer, type TimerHeap, type TimerRef } from './timer-heap.js';
import { freeAgentsOf, freeOn, updateFreeAgents, type FreeAgents } from './free-agents.js';
import { PersistentBitset } from './persistent-bitset.js';
import {
  agentActivity,
  basePriority,
  canTake,
  effectivePriority,
  hasFreeCapacity,
  meetsQueue,
} from './routing-matching.js';
import {
  CHANNELS,
  type AgentActivity,
  type AgentConfig,
  type AgentId,
  type AgentRuntime,
  type AgentSlot,
  type Channel,
  type ClosedHoursMode,
  type ContactId,
  type ContactRuntime,
  type Millis,
  type OfferCancelReason,
  type OfferReason,
  type OverflowRule,
  type Presence,
  type PresenceKind,
  type QueueConfig,
  type QueueId,
  type RoutingAction,
  type RoutingConfig,
  type RoutingError,
  type RoutingErrorCode,
  type RoutingEvent,
} from './routing.types.js';

/**
 * The routing engine (ACD): one pure transition `step(state, event, now) → { state, actions }`.
 *
 * - The input state is never mutated. A step copies each collection it writes once (copy on write)
 *   and shares every untouched agent and contact object with the previous state.
 * - Every step first fires the timers due at `now` (offer timeouts, wrap-up limits, overflow), then
 *   applies the event, then matches: agents that gained capacity take the best waiting contacts
 *   (round robin), then contacts that became routable go to their best agent. After a step no
 *   waiting contact has an eligible agent with free capacity (work conserving).
 * - A rejected event returns the input state untouched with an error code (the server's 4xx).
 *
 * See docs/routing.md for the rules, their reasons and the cost of each step.
 */

export interface RoutingState {
  /** The latest `now` seen; time never goes back (an older `now` is treated as this one). */
  readonly now: Millis;
  /** Next arrival sequence number. */
  readonly seq: number;
  /** The earliest pending timer, or null. May be early (a cancelled timer), never late. */
  readonly nextDueAt: Millis | null;
  readonly index: RoutingIndex;
  readonly agents: ReadonlyMap<AgentId, AgentRuntime>;
  /** Live contacts: waiting, offered or connected. Ended contacts leave the state. */
  readonly contacts: ReadonlyMap<ContactId, ContactRuntime>;
  /** Waiting contacts per queue (their own and overflowed-in), in arrival order. */
  readonly waiting: ReadonlyMap<QueueId, readonly ContactId[]>;
  /** Pending timers by due time (may hold cancelled ones; never misses a live one). */
  readonly timers: TimerHeap | null;
  /** Agents who can take a contact now, per channel (see `free-agents.ts`). */
  readonly free: FreeAgents;
  /** Queues with waiting contacts (by ordinal): an agent skips its empty queues with one bit test. */
  readonly nonEmpty: PersistentBitset;
}

/** Plain JSON: what the server persists (as rows) to rebuild the state after a restart. */
export interface RoutingSnapshot {
  readonly now: Millis;
  readonly seq: number;
  readonly agents: readonly AgentRuntime[];
  readonly contacts: readonly ContactRuntime[];
}

export interface StepChanges {
  /** Agents whose runtime changed: upsert. */
  readonly agents: readonly AgentId[];
  /** Contacts that changed: upsert when still in `state.contacts`, delete otherwise. */
  readonly contacts: readonly ContactId[];
}

export type StepResult =
  | { readonly ok: true; readonly state: RoutingState; readonly actions: readonly RoutingAction[]; readonly changed: StepChanges }
  | { readonly ok: false; readonly state: RoutingState; readonly actions: readonly []; readonly error: RoutingError };

export class RoutingConfigError extends Error {
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(`invalid routing configuration: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'RoutingConfigError';
  }
}

const ms = (n: number): Millis => n as Millis;
const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byArrival = (a: ContactRuntime, b: ContactRuntime): number => a.arrivedAt - b.arrivedAt || a.seq - b.seq;

// ====================================================================================== draft

/** The mutable working copy of one step. Collections are copied on first write only. */
class Draft {
  index: RoutingIndex;
  seq: number;
  readonly actions: RoutingAction[] = [];
  readonly dirtyAgents = new Set<AgentId>();
  readonly dirtyContacts = new Set<ContactId>();
  private readonly touchedAgents = new Set<AgentId>();
  private readonly touchedContacts = new Set<ContactId>();
  private agents: PersistentMap<AgentId, AgentRuntime>;
  private contacts: PersistentMap<ContactId, ContactRuntime>;
  private waiting: PersistentMap<QueueId, readonly ContactId[]>;
  private readonly ownLists = new Set<QueueId>();
  private due: number | null = null;
  timers: TimerHeap | null;
  free: FreeAgents;
  nonEmpty: PersistentBitset;
  /** Timers fired: nextDueAt is recomputed from the timer heap. */
  rescanDue = false;
  /** Every agent and contact may have changed (reconfigure, rebalance): the timer heap is rebuilt. */
  rebuildTimers = false;

  constructor(
    readonly base: RoutingState,
    readonly now: Millis,
  ) {
    this.index = base.index;
    this.seq = base.seq;
    this.agents = persistent(base.agents);
    this.contacts = persistent(base.contacts);
    this.waiting = persistent(base.waiting);
    this.timers = base.timers;
    this.free = base.free;
    this.nonEmpty = base.nonEmpty;
  }

  queue(id: QueueId): QueueConfig {
    const q = this.index.queues.get(id);
    if (!q) throw new Error(`routing invariant: unknown queue ${id}`);
    return q;
  }

  agentConfig(id: AgentId): AgentConfig {
    const a = this.index.agents.get(id);
    if (!a) throw new Error(`routing invariant: unknown agent ${id}`);
    return a;
  }

  agent(id: AgentId): AgentRuntime {
    const a = this.agents.get(id);
    if (!a) throw new Error(`routing invariant: no runtime for agent ${id}`);
    return a;
  }

  findAgent(id: AgentId): AgentRuntime | undefined {
    return this.agents.get(id);
  }

  /** Every agent, in configuration order (O(A): reconfigure and rebalance only). */
  allAgents(): AgentRuntime[] {
    return orderedAgents(this.base.index, this.agents);
  }

  putAgent(a: AgentRuntime): void {
    const before = this.agents.get(a.id);
    this.agents = this.agents.set(a.id, a);
    this.touchedAgents.add(a.id);
    const cfg = this.index.agents.get(a.id);
    const ordinal = this.index.agentOrdinal.get(a.id);
    if (cfg && ordinal !== undefined) this.free = updateFreeAgents(this.free, ordinal, cfg, before, a);
  }

  /** Agents (by ordinal) who can take a contact on the channel now. */
  freeAgents(channel: Channel): PersistentBitset {
    return freeOn(this.free, channel);
  }

  /** After a configuration change: capacities and tenants may differ. */
  rebuildFree(): void {
    this.free = freeAgentsOf(this.index, this.agents.values());
  }

  deleteAgent(id: AgentId): void {
    this.agents = this.agents.delete(id);
    this.touchedAgents.add(id);
  }

  contact(id: ContactId): ContactRuntime | undefined {
    return this.contacts.get(id);
  }

  /** Every live contact, in arrival order (O(C log C): reconfigure and rebalance only). */
  allContacts(): ContactRuntime[] {
    return orderedContacts(this.contacts);
  }

  putContact(c: ContactRuntime): void {
    this.contacts = this.contacts.set(c.id, c);
    this.touchedContacts.add(c.id);
  }

  deleteContact(id: ContactId): void {
    this.contacts = this.contacts.delete(id);
    this.touchedContacts.add(id);
    this.dirtyContacts.delete(id);
  }

  waitingIn(queueId: QueueId): readonly ContactId[] {
    return this.waiting.get(queueId) ?? [];
  }

  hasWaiting(queueOrdinal: number): boolean {
    return this.nonEmpty.has(queueOrdinal);
  }

  private noteLength(queueId: QueueId, length: number): void {
    const ordinal = this.index.queueOrdinal.get(queueId);
    if (ordinal !== undefined) this.nonEmpty = this.nonEmpty.with(ordinal, length > 0);
  }

  private ownList(queueId: QueueId): ContactId[] {
    const current = this.waiting.get(queueId) ?? [];
    if (this.ownLists.has(queueId)) return current as ContactId[];
    const copy = [...current];
    this.waiting = this.waiting.set(queueId, copy);
    this.ownLists.add(queueId);
    return copy;
  }

  /** Inserts at the contact's place by original arrival (binary search). */
  insertWaiting(queueId: QueueId, c: ContactRuntime): void {
    const list = this.ownList(queueId);
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = this.contact(list[mid] as ContactId);
      if (other && byArrival(other, c) < 0) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, c.id);
    this.noteLength(queueId, list.length);
  }

  removeWaiting(queueId: QueueId, id: ContactId): void {
    const list = this.ownList(queueId);
    const i = list.indexOf(id);
    if (i >= 0) list.splice(i, 1);
    this.noteLength(queueId, list.length);
  }

  replaceWaiting(lists: Map<QueueId, ContactId[]>): void {
    this.waiting = PersistentMap.from(lists);
    for (const id of lists.keys()) this.ownLists.add(id);
    this.nonEmpty = nonEmptyOf(this.index, lists);
  }

  emit(action: RoutingAction): void {
    this.actions.push(action);
  }

  /** A timer was set: `ref` has something due at `at`. */
  noteDue(at: number, ref: TimerRef): void {
    this.due = this.due === null ? at : Math.min(this.due, at);
    this.timers = pushTimer(this.timers, { at, ref });
  }

  finish(): StepResult {
    const agents = this.agents;
    const contacts = this.contacts;
    // Derived agent states are compared once at the end: one change action per agent and step.
    for (const id of this.touchedAgents) {
      const before = this.base.agents.get(id);
      const after = agents.get(id);
      if (!before || !after) continue;
      const b = describe(before);
      const a = describe(after);
      if (b.presence !== a.presence || b.reason !== a.reason || b.activity !== a.activity) {
        this.emit({ type: 'agent_state_changed', agentId: id, ...a, since: this.now });
      }
    }
    let nextDueAt: number | null;
    if (this.rebuildTimers) {
      this.timers = timerHeapOf(this.index, agents.values(), contacts.values());
      nextDueAt = this.timers?.top.at ?? null;
    } else if (this.rescanDue) {
      // The earliest live timer: drop cancelled entries from the top of the heap.
      while (this.timers !== null && !isLive(this.index, agents, contacts, this.timers.top.at, this.timers.top.ref)) {
        this.timers = popTimer(this.timers);
      }
      nextDueAt = this.timers?.top.at ?? null;
    } else nextDueAt = this.base.nextDueAt;
    if (this.due !== null) nextDueAt = nextDueAt === null ? this.due : Math.min(nextDueAt, this.due);
    const state: RoutingState = {
      now: this.now,
      seq: this.seq,
      nextDueAt: nextDueAt === null ? null : ms(nextDueAt),
      index: this.index,
      agents,
      contacts,
      waiting: this.waiting,
      timers: this.timers,
      free: this.free,
      nonEmpty: this.nonEmpty,
    };
    const changed: StepChanges = {
      agents: [...this.touchedAgents].filter((id) => this.base.agents.get(id) !== agents.get(id)),
      contacts: [...this.touchedContacts].filter((id) => this.base.contacts.get(id) !== contacts.get(id)),
    };
    return { ok: true, state, actions: this.actions, changed };
  }
}

function describe(a: AgentRuntime): { presence: PresenceKind; reason: string | null; activity: AgentActivity } {
  return { presence: a.presence.kind, reason: a.presence.kind === 'break' ? a.presence.reason : null, activity: agentActivity(a) };
}

function nextOverflowAt(index: RoutingIndex, c: ContactRuntime): number | null {
  const rule = index.queues.get(c.queueId)?.overflow[c.overflowStage];
  return rule ? c.queuedAt + rule.afterSec * 1000 : null;
}

/** A heap with one entry per live timer (a full scan: restore, reconfigure, rebalance). */
function timerHeapOf(index: RoutingIndex, agents: Iterable<AgentRuntime>, contacts: Iterable<ContactRuntime>): TimerHeap | null {
  let heap: TimerHeap | null = null;
  for (const a of agents) for (const s of a.slots) if (s.until !== null) heap = pushTimer(heap, { at: s.until, ref: { kind: 'agent', id: a.id } });
  for (const c of contacts) {
    const at = c.status.kind === 'waiting' ? nextOverflowAt(index, c) : null;
    if (at !== null) heap = pushTimer(heap, { at, ref: { kind: 'contact', id: c.id } });
  }
  return heap;
}

/** Whether a heap entry still stands for a pending timer. */
function isLive(
  index: RoutingIndex,
  agents: ReadonlyMap<AgentId, AgentRuntime>,
  contacts: ReadonlyMap<ContactId, ContactRuntime>,
  at: number,
  ref: TimerRef,
): boolean {
  if (ref.kind === 'agent') return agents.get(ref.id)?.slots.some((s) => s.until === at) ?? false;
  const c = contacts.get(ref.id);
  return c !== undefined && c.status.kind === 'waiting' && nextOverflowAt(index, c) === at;
}

function nonEmptyOf(index: RoutingIndex, lists: ReadonlyMap<QueueId, readonly ContactId[]>): PersistentBitset {
  let set = PersistentBitset.EMPTY;
  for (const [id, list] of lists) {
    const ordinal = index.queueOrdinal.get(id);
    if (ordinal !== undefined && list.length > 0) set = set.with(ordinal, true);
  }
  return set;
}

function persistent<K extends string, V>(m: ReadonlyMap<K, V>): PersistentMap<K, V> {
  return m instanceof PersistentMap ? (m as PersistentMap<K, V>) : PersistentMap.from(m);
}

function orderedAgents(index: RoutingIndex, agents: ReadonlyMap<AgentId, AgentRuntime>): AgentRuntime[] {
  const out: AgentRuntime[] = [];
  const seen = new Set<AgentId>();
  for (const cfg of index.config.agents) {
    const a = agents.get(cfg.id);
    if (a) out.push(a);
    seen.add(cfg.id);
  }
  for (const a of agents.values()) if (!seen.has(a.id)) out.push(a);
  return out;
}

function orderedContacts(contacts: ReadonlyMap<ContactId, ContactRuntime>): ContactRuntime[] {
  return [...contacts.values()].sort((a, b) => a.seq - b.seq || byId(a.id, b.id));
}

// ====================================================================================== primitives

const targetsOf = (c: ContactRuntime): readonly QueueId[] => (c.extraQueues.length === 0 ? [c.queueId] : [c.queueId, ...c.extraQueues]);

function withSlots(a: AgentRuntime, slots: readonly AgentSlot[], now: Millis): AgentRuntime {
  return { ...a, slots, idleSince: slots.length !== a.slots.length ? now : a.idleSince };
}

/** Puts a waiting contact into the lists of its queues. */
function place(d: Draft, c: ContactRuntime): void {
  for (const q of targetsOf(c)) d.insertWaiting(q, c);
}

function unplace(d: Draft, c: ContactRuntime): void {
  for (const q of targetsOf(c)) d.removeWaiting(q, c.id);
}

/** Applies the overflow rules now due to a waiting, placed contact. */
function overflowWaiting(d: Draft, id: ContactId): void {
  let c = d.contact(id);
  if (!c || c.status.kind !== 'waiting') return;
  const rules = d.queue(c.queueId).overflow;
  let changed = false;
  while (c.overflowStage < rules.length) {
    const rule: OverflowRule | undefined = rules[c.overflowStage];
    if (!rule || c.queuedAt + rule.afterSec * 1000 > d.now) break;
    if (rule.kind === 'add_queue') {
      const added: boolean = !targetsOf(c).includes(rule.queueId) && d.index.queues.has(rule.queueId);
      c = { ...c, overflowStage: c.overflowStage + 1, extraQueues: added ? [...c.extraQueues, rule.queueId] : c.extraQueues };
      if (added) d.insertWaiting(rule.queueId, c);
    } else {
      c = { ...c, overflowStage: c.overflowStage + 1, relax: c.relax + rule.by };
    }
    d.emit({ type: 'contact_overflowed', contactId: c.id, queueId: c.queueId, rule });
    changed = true;
  }
  if (!changed) return;
  d.putContact(c);
  d.dirtyContacts.add(c.id);
  const next = nextOverflowAt(d.index, c);
  if (next !== null) d.noteDue(next, { kind: 'contact', id: c.id });
}

/** Back to waiting at its original place (from an offer, a transfer or a new arrival). */
function enterWaiting(d: Draft, c: ContactRuntime): void {
  const waiting: ContactRuntime = c.status.kind === 'waiting' ? c : { ...c, status: { kind: 'waiting' } };
  d.putContact(waiting);
  place(d, waiting);
  d.dirtyContacts.add(waiting.id);
  const next = nextOverflowAt(d.index, waiting);
  if (next !== null) d.noteDue(next, { kind: 'contact', id: waiting.id });
  overflowWaiting(d, waiting.id);
}

function offer(d: Draft, contactId: ContactId, agentId: AgentId, reason: OfferReason): void {
  const c = d.contact(contactId);
  if (!c) return;
  const q = d.queue(c.queueId);
  const expiresAt = ms(d.now + q.offerTimeoutSec * 1000);
  if (c.status.kind === 'waiting') unplace(d, c);
  d.putContact({ ...c, status: { kind: 'offered', agentId, expiresAt }, offers: c.offers + 1 });
  d.dirtyContacts.delete(c.id);
  const a = d.agent(agentId);
  const slot: AgentSlot = { contactId, channel: c.channel, queueId: c.queueId, phase: 'offered', since: d.now, until: expiresAt };
  d.putAgent(withSlots(a, [...a.slots, slot], d.now));
  d.noteDue(expiresAt, { kind: 'agent', id: agentId });
  d.emit({ type: 'offer', contactId, agentId, queueId: c.queueId, channel: c.channel, expiresAt, reason, context: c.context });
}

function removeSlot(d: Draft, agentId: AgentId, match: (s: AgentSlot) => boolean): AgentSlot[] {
  const a = d.agent(agentId);
  const removed = a.slots.filter(match);
  if (removed.length === 0) return removed;
  d.putAgent(withSlots(a, a.slots.filter((s) => !match(s)), d.now));
  d.dirtyAgents.add(agentId);
  return removed;
}

const liveSlotOf =
  (contactId: ContactId) =>
  (s: AgentSlot): boolean =>
    s.contactId === contactId && s.phase !== 'wrap_up';

/** An offered contact goes back to its queue; the agent's slot is freed. */
function returnToQueue(d: Draft, contactId: ContactId, reason: OfferCancelReason): void {
  const c = d.contact(contactId);
  if (!c || c.status.kind !== 'offered') return;
  const agentId = c.status.agentId;
  removeSlot(d, agentId, liveSlotOf(contactId));
  d.emit({ type: 'offer_cancelled', contactId, agentId, reason });
  const declinedBy = reason === 'rejected' && !c.declinedBy.includes(agentId) ? [...c.declinedBy, agentId] : c.declinedBy;
  enterWaiting(d, { ...c, status: { kind: 'waiting' }, declinedBy });
}

/** The connected slot becomes after-contact work, or is freed when the queue has no ACW. */
function startWrapUp(d: Draft, agentId: AgentId, contactId: ContactId): void {
  const a = d.agent(agentId);
  const slot = a.slots.find((s) => s.contactId === contactId && s.phase === 'connected');
  if (!slot) return;
  const limitSec = d.index.queues.get(slot.queueId)?.wrapUpLimitSec ?? 0;
  if (limitSec <= 0) {
    removeSlot(d, agentId, (s) => s === slot);
    return;
  }
  const until = ms(d.now + limitSec * 1000);
  const slots = a.slots.map((s) => (s === slot ? { ...s, phase: 'wrap_up' as const, since: d.now, until } : s));
  d.putAgent({ ...a, slots });
  d.noteDue(until, { kind: 'agent', id: agentId });
  d.emit({ type: 'wrap_up_started', agentId, contactId, until });
}

function setPresence(d: Draft, agentId: AgentId, presence: Presence): void {
  const a = d.agent(agentId);
  const same =
    a.presence.kind === presence.kind && (presence.kind !== 'break' || (a.presence.kind === 'break' && a.presence.reason === presence.reason));
  if (same) return;
  const available = presence.kind === 'available';
  d.putAgent({ ...a, presence, presenceSince: d.now, idleSince: available ? d.now : a.idleSince });
  if (available) {
    d.dirtyAgents.add(agentId);
    return;
  }
  // An agent who is not available keeps no pending offer: each goes back to its place in line.
  for (const s of a.slots) {
    if (s.phase === 'offered') returnToQueue(d, s.contactId, s.until !== null && s.until <= d.now ? 'expired' : 'agent_unavailable');
  }
}

// ====================================================================================== matching

/** The agent's pick when it has free capacity: highest effective priority, then original arrival. */
function bestContactFor(d: Draft, agentId: AgentId): ContactId | null {
  const a = d.agent(agentId);
  if (a.presence.kind !== 'available') return null;
  const cfg = d.agentConfig(agentId);
  const free: Channel[] = CHANNELS.filter((ch) => hasFreeCapacity(cfg, a, ch));
  if (free.length === 0) return null;
  let best: ContactRuntime | null = null;
  let bestPriority = -Infinity;
  for (const ref of d.index.agentQueueRefs.get(agentId) ?? []) {
    if (!d.hasWaiting(ref.ordinal)) continue;
    const queueId = ref.id;
    const queue = d.queue(queueId);
    for (const id of d.waitingIn(queueId)) {
      const c = d.contact(id);
      if (!c || !free.includes(c.channel) || c.declinedBy.includes(agentId) || !meetsQueue(cfg, queue, c.relax)) continue;
      const p = effectivePriority(c, d.queue(c.queueId), d.now);
      if (best === null || p > bestPriority || (p === bestPriority && byArrival(c, best) < 0)) {
        best = c;
        bestPriority = p;
      }
    }
  }
  return best?.id ?? null;
}

interface Candidate {
  readonly id: AgentId;
  readonly tier: number;
  readonly score: number;
  readonly load: number;
  readonly idleSince: number;
}

/**
 * The contact's pick: agents of its own queue before overflow queues (tier), then best skill
 * match, then fewest open contacts, then longest idle, then id.
 */
function better(x: Candidate, y: Candidate): boolean {
  if (x.tier !== y.tier) return x.tier < y.tier;
  if (x.score !== y.score) return x.score > y.score;
  if (x.load !== y.load) return x.load < y.load;
  if (x.idleSince !== y.idleSince) return x.idleSince < y.idleSince;
  return x.id < y.id;
}

function bestAgentFor(d: Draft, c: ContactRuntime): AgentId | null {
  let best: Candidate | null = null;
  const targets = targetsOf(c);
  for (let tier = 0; tier < targets.length; tier++) {
    if (best !== null) break; // a lower tier always wins
    const queueId = targets[tier] as QueueId;
    const queue = d.queue(queueId);
    const free = d.freeAgents(c.channel);
    // Best score first: once an agent is found, only agents with the same score can still win.
    // Agents who cannot take the channel now are skipped with one bit test.
    for (const r of d.index.rankedAgents.get(queueId) ?? []) {
      if (best !== null && r.score < best.score) break;
      if (!free.has(r.ordinal)) continue;
      const a = d.agent(r.id);
      if (!canTake(r.config, a, c.channel) || c.declinedBy.includes(r.id) || !meetsQueue(r.config, queue, c.relax)) continue;
      const candidate: Candidate = { id: r.id, tier, score: r.score, load: a.slots.length, idleSince: a.idleSince };
      if (best === null || better(candidate, best)) best = candidate;
    }
  }
  return best?.id ?? null;
}

/** The customer's last agent, when within the queue's sticky window and able to take it now. */
function stickyAgentFor(d: Draft, c: ContactRuntime): AgentId | null {
  const agentId = c.lastAgentId;
  if (agentId === null || c.lastServedAt === null) return null;
  const window = d.queue(c.queueId).stickyWindowSec * 1000;
  if (window <= 0 || d.now - c.lastServedAt > window) return null;
  // Capacity this agent gained earlier in the same step (an overdue wrap-up or offer timer) belongs
  // to the contacts already waiting: the rebalance gives it out in queue order, so sticky never jumps the line.
  if (d.dirtyAgents.has(agentId)) return null;
  const cfg = d.index.agents.get(agentId);
  const a = d.findAgent(agentId);
  if (!cfg || !a || !canTake(cfg, a, c.channel) || c.declinedBy.includes(agentId)) return null;
  return targetsOf(c).some((q) => meetsQueue(cfg, d.queue(q), c.relax)) ? agentId : null;
}

function rebalance(d: Draft): void {
  // 1. Agents that gained capacity take the best waiting contacts, one each per round, longest
  //    idle first, so that two agents freed together share the line fairly.
  let turn = [...d.dirtyAgents]
    .map((id) => d.findAgent(id))
    .filter((a): a is AgentRuntime => a !== undefined && a.presence.kind === 'available')
    .sort((x, y) => x.idleSince - y.idleSince || byId(x.id, y.id))
    .map((a) => a.id);
  while (turn.length > 0) {
    const next: AgentId[] = [];
    for (const agentId of turn) {
      const contactId = bestContactFor(d, agentId);
      if (contactId === null) continue;
      offer(d, contactId, agentId, 'next_in_queue');
      next.push(agentId);
    }
    turn = next;
  }
  // 2. Contacts that became routable, in the order the agents would take them, go to their best agent.
  const ranked = [...d.dirtyContacts]
    .map((id) => d.contact(id))
    .filter((c): c is ContactRuntime => c !== undefined && c.status.kind === 'waiting')
    .map((c) => ({ c, p: effectivePriority(c, d.queue(c.queueId), d.now) }))
    .sort((x, y) => y.p - x.p || byArrival(x.c, y.c));
  for (const { c } of ranked) {
    const current = d.contact(c.id);
    if (!current || current.status.kind !== 'waiting') continue;
    const agentId = bestAgentFor(d, current);
    if (agentId !== null) offer(d, current.id, agentId, 'best_agent');
  }
  d.dirtyAgents.clear();
  d.dirtyContacts.clear();
}

// ====================================================================================== timers

function advanceTimers(d: Draft): void {
  type Due = { at: number; order: number; key: string; run: () => void };
  const due: Due[] = [];
  // Only agents and contacts with a heap entry due now can have a timer due now.
  const popped = popDue(d.timers, d.now);
  d.timers = popped.heap;
  const agentIds = new Set<AgentId>();
  const contactIds = new Set<ContactId>();
  for (const e of popped.due) {
    if (e.ref.kind === 'agent') agentIds.add(e.ref.id);
    else contactIds.add(e.ref.id);
  }
  for (const id of agentIds) {
    const a = d.findAgent(id);
    if (!a) continue;
    for (const s of a.slots) {
      if (s.until === null || s.until > d.now) continue;
      if (s.phase === 'offered') {
        due.push({ at: s.until, order: 0, key: `${s.contactId}`, run: () => expireOffer(d, s.contactId, a.id) });
      } else if (s.phase === 'wrap_up') {
        due.push({ at: s.until, order: 1, key: `${a.id} ${s.contactId}`, run: () => endWrapUp(d, a.id, s, 'limit') });
      }
    }
  }
  for (const id of contactIds) {
    const c = d.contact(id);
    if (!c || c.status.kind !== 'waiting') continue;
    const at = nextOverflowAt(d.index, c);
    if (at !== null && at <= d.now) due.push({ at, order: 2, key: c.id, run: () => overflowWaiting(d, c.id) });
  }
  due.sort((x, y) => x.at - y.at || x.order - y.order || byId(x.key, y.key));
  for (const item of due) item.run();
  d.rescanDue = true;
}

/** Offer timeout: the contact keeps its place in line; the agent goes to "missed". */
function expireOffer(d: Draft, contactId: ContactId, agentId: AgentId): void {
  const c = d.contact(contactId);
  if (!c || c.status.kind !== 'offered' || c.status.agentId !== agentId || c.status.expiresAt > d.now) return;
  if (d.agent(agentId).presence.kind === 'available') setPresence(d, agentId, { kind: 'missed' });
  else returnToQueue(d, contactId, 'expired');
}

function endWrapUp(d: Draft, agentId: AgentId, slot: AgentSlot, reason: 'done' | 'limit' | 'logout'): void {
  const removed = removeSlot(d, agentId, (s) => s.contactId === slot.contactId && s.phase === 'wrap_up' && s.since === slot.since);
  for (const s of removed) d.emit({ type: 'wrap_up_ended', agentId, contactId: s.contactId, reason });
}

// ====================================================================================== events

const fail = (code: RoutingErrorCode, message: string): RoutingError => ({ code, message });

const DEFAULT_CLOSED: Readonly<Record<Channel, ClosedHoursMode>> = { voice: 'reject', chat: 'reject', email: 'queue', line: 'queue', web: 'queue' };

function applyArrival(d: Draft, event: Extract<RoutingEvent, { type: 'contact_arrived' | 'callback_due' }>): RoutingError | null {
  const n = event.contact;
  if (typeof n.id !== 'string' || n.id === '') return fail('invalid_contact', 'contact id is required');
  if (d.contact(n.id)) return fail('duplicate_contact', `contact ${n.id} is already in routing`);
  const q = d.index.queues.get(n.queueId);
  if (!q) return fail('unknown_queue', `unknown queue ${n.queueId}`);
  if (q.tenantId !== n.tenantId) return fail('tenant_mismatch', `queue ${n.queueId} belongs to another tenant`);
  if (!(CHANNELS as readonly string[]).includes(n.channel)) return fail('invalid_contact', `unknown channel ${String(n.channel)}`);
  if (n.priority !== undefined && !Number.isInteger(n.priority)) return fail('invalid_contact', 'priority must be an integer');
  if (n.arrivedAt !== undefined && !Number.isFinite(n.arrivedAt)) return fail('invalid_contact', 'arrivedAt must be a time');
  if (n.lastServedAt !== undefined && !Number.isFinite(n.lastServedAt)) return fail('invalid_contact', 'lastServedAt must be a time');

  let afterHours = false;
  let opening: Millis | null = null;
  const hours = q.hoursId === undefined ? undefined : d.index.hours.get(q.hoursId);
  if (hours && !isOpen(hours, d.now)) {
    afterHours = true;
    const next = nextOpening(hours, d.now);
    opening = next === null ? null : ms(next);
    // A callback was promised to the customer: it is never refused for closed hours.
    const mode = event.type === 'callback_due' ? 'queue' : (q.whenClosed?.[n.channel] ?? DEFAULT_CLOSED[n.channel]);
    if (mode === 'reject') {
      d.emit({ type: 'contact_closed_hours', contactId: n.id, queueId: q.id, channel: n.channel, nextOpening: opening });
      d.emit({ type: 'contact_ended', contactId: n.id, queueId: q.id, agentId: null, outcome: 'closed' });
      return null;
    }
  }
  const c: ContactRuntime = {
    id: n.id,
    tenantId: n.tenantId,
    queueId: n.queueId,
    channel: n.channel,
    kind: event.type === 'callback_due' ? 'callback' : 'inbound',
    priorityOverride: n.priority ?? null,
    arrivedAt: ms(Math.min(n.arrivedAt ?? d.now, d.now)),
    queuedAt: d.now,
    seq: d.seq++,
    customerKey: n.customerKey ?? null,
    lastAgentId: n.lastAgentId ?? null,
    lastServedAt: n.lastServedAt ?? null,
    context: n.context ?? null,
    status: { kind: 'waiting' },
    overflowStage: 0,
    extraQueues: [],
    relax: 0,
    declinedBy: [],
    offers: 0,
    transfers: 0,
  };
  d.emit({ type: 'contact_queued', contactId: c.id, queueId: c.queueId, afterHours, nextOpening: opening });
  enterWaiting(d, c);
  const current = d.contact(c.id);
  const sticky = current ? stickyAgentFor(d, current) : null;
  if (sticky !== null) offer(d, c.id, sticky, 'sticky');
  return null;
}

function applyPresence(d: Draft, event: Extract<RoutingEvent, { type: 'agent_presence' }>): RoutingError | null {
  const a = d.findAgent(event.agentId);
  if (!a || !d.index.agents.has(event.agentId)) return fail('unknown_agent', `unknown agent ${event.agentId}`);
  const reason = event.reason?.trim() || null;
  switch (event.change) {
    case 'login':
      if (a.presence.kind === 'offline') setPresence(d, a.id, { kind: 'break', reason: reason ?? 'not_ready' });
      return null;
    case 'ready':
      setPresence(d, a.id, { kind: 'available' });
      return null;
    case 'break':
      setPresence(d, a.id, { kind: 'break', reason: reason ?? 'break' });
      return null;
    case 'logout': {
      if (a.slots.some((s) => s.phase === 'connected')) {
        return fail('agent_has_contacts', `agent ${a.id} still has connected contacts`);
      }
      setPresence(d, a.id, { kind: 'offline' });
      for (const s of d.agent(a.id).slots) if (s.phase === 'wrap_up') endWrapUp(d, a.id, s, 'logout');
      return null;
    }
    default:
      return fail('invalid_event', `unknown presence change ${String(event.change)}`);
  }
}

function findOffer(d: Draft, contactId: ContactId, agentId: AgentId): ContactRuntime | RoutingError {
  const c = d.contact(contactId);
  if (!c) return fail('unknown_contact', `contact ${contactId} is not in routing`);
  if (c.status.kind !== 'offered' || c.status.agentId !== agentId) {
    return fail('offer_not_found', `no pending offer of contact ${contactId} to agent ${agentId} (expired, cancelled or answered)`);
  }
  return c;
}

function applyAccept(d: Draft, event: Extract<RoutingEvent, { type: 'offer_accepted' }>): RoutingError | null {
  const c = findOffer(d, event.contactId, event.agentId);
  if ('code' in c) return c;
  const a = d.agent(event.agentId);
  const match = liveSlotOf(c.id);
  d.putAgent({ ...a, slots: a.slots.map((s) => (match(s) ? { ...s, phase: 'connected' as const, since: d.now, until: null } : s)) });
  d.putContact({ ...c, status: { kind: 'connected', agentId: event.agentId, since: d.now } });
  d.emit({ type: 'contact_connected', contactId: c.id, agentId: event.agentId, queueId: c.queueId, waitedMs: d.now - c.arrivedAt });
  return null;
}

function applyReject(d: Draft, event: Extract<RoutingEvent, { type: 'offer_rejected' }>): RoutingError | null {
  const c = findOffer(d, event.contactId, event.agentId);
  if ('code' in c) return c;
  returnToQueue(d, c.id, 'rejected');
  return null;
}

function applyEnd(d: Draft, event: Extract<RoutingEvent, { type: 'contact_ended' }>): RoutingError | null {
  const c = d.contact(event.contactId);
  if (!c) return fail('unknown_contact', `contact ${event.contactId} is not in routing`);
  const status = c.status;
  if (status.kind === 'connected') {
    d.deleteContact(c.id);
    d.emit({ type: 'contact_ended', contactId: c.id, queueId: c.queueId, agentId: status.agentId, outcome: 'answered' });
    startWrapUp(d, status.agentId, c.id);
    return null;
  }
  if (event.reason === 'agent_closed') return fail('contact_not_connected', `contact ${c.id} is not connected to an agent`);
  if (status.kind === 'offered') {
    removeSlot(d, status.agentId, liveSlotOf(c.id));
    d.emit({ type: 'offer_cancelled', contactId: c.id, agentId: status.agentId, reason: 'contact_ended' });
  } else {
    unplace(d, c);
  }
  d.deleteContact(c.id);
  d.emit({
    type: 'contact_ended',
    contactId: c.id,
    queueId: c.queueId,
    agentId: null,
    outcome: event.reason === 'customer_left' ? 'abandoned' : 'closed',
  });
  return null;
}

function applyWrapUpDone(d: Draft, event: Extract<RoutingEvent, { type: 'wrap_up_done' }>): RoutingError | null {
  const a = d.findAgent(event.agentId);
  if (!a) return fail('unknown_agent', `unknown agent ${event.agentId}`);
  const slots = a.slots.filter((s) => s.phase === 'wrap_up' && (event.contactId === undefined || s.contactId === event.contactId));
  if (slots.length === 0) return fail('not_in_wrap_up', `agent ${a.id} has no such after-contact work`);
  for (const s of slots) endWrapUp(d, a.id, s, 'done');
  return null;
}

function applyTransfer(d: Draft, event: Extract<RoutingEvent, { type: 'transfer' }>): RoutingError | null {
  const c = d.contact(event.contactId);
  if (!c) return fail('unknown_contact', `contact ${event.contactId} is not in routing`);
  const from = event.byAgentId ?? null;
  if (from !== null) {
    if (c.status.kind !== 'connected' || c.status.agentId !== from) {
      return fail('contact_not_connected', `contact ${c.id} is not connected to agent ${from}`);
    }
  } else if (c.status.kind !== 'waiting') {
    return fail('contact_not_waiting', `only a waiting contact can be moved without its agent`);
  }
  const to = event.to;
  const toQueueId = to.kind === 'queue' ? to.queueId : (to.queueId ?? c.queueId);
  const queue = d.index.queues.get(toQueueId);
  if (!queue) return fail('unknown_queue', `unknown queue ${toQueueId}`);
  if (queue.tenantId !== c.tenantId) return fail('tenant_mismatch', `queue ${toQueueId} belongs to another tenant`);
  if (to.kind === 'agent') {
    const cfg = d.index.agents.get(to.agentId);
    const target = d.findAgent(to.agentId);
    if (!cfg || !target) return fail('unknown_agent', `unknown agent ${to.agentId}`);
    // A named agent is chosen by a person: no skill check, but tenant, presence and capacity hold.
    if (to.agentId === from || !cfg.tenantIds.includes(c.tenantId) || !canTake(cfg, target, c.channel)) {
      return fail('target_unavailable', `agent ${to.agentId} cannot take a ${c.channel} contact now`);
    }
  }
  if (from !== null) startWrapUp(d, from, c.id);
  else unplace(d, c);
  const moved: ContactRuntime = {
    ...c,
    queueId: toQueueId,
    queuedAt: d.now,
    overflowStage: 0,
    extraQueues: [],
    relax: 0,
    // The transferring agent is not offered it back through the queue.
    declinedBy: from === null ? [] : [from],
    context: event.context ?? c.context,
    status: { kind: 'waiting' },
    transfers: c.transfers + 1,
  };
  d.emit({
    type: 'contact_transferred',
    contactId: c.id,
    fromAgentId: from,
    toQueueId,
    toAgentId: to.kind === 'agent' ? to.agentId : null,
    context: moved.context,
  });
  if (to.kind === 'queue') d.emit({ type: 'contact_queued', contactId: c.id, queueId: toQueueId, afterHours: false, nextOpening: null });
  enterWaiting(d, moved);
  if (to.kind === 'agent') offer(d, c.id, to.agentId, 'transfer');
  return null;
}

function initialAgent(id: AgentId, now: Millis): AgentRuntime {
  return { id, presence: { kind: 'offline' }, presenceSince: now, idleSince: now, slots: [] };
}

function waitingLists(index: RoutingIndex, contacts: Iterable<ContactRuntime>): Map<QueueId, ContactId[]> {
  const lists = new Map<QueueId, ContactId[]>();
  for (const q of index.queues.keys()) lists.set(q, []);
  const waiting = [...contacts].filter((c) => c.status.kind === 'waiting').sort(byArrival);
  for (const c of waiting) for (const q of targetsOf(c)) lists.get(q)?.push(c.id);
  return lists;
}

function markAllDirty(d: Draft): void {
  for (const a of d.allAgents()) d.dirtyAgents.add(a.id);
  for (const c of d.allContacts()) if (c.status.kind === 'waiting') d.dirtyContacts.add(c.id);
  d.rebuildTimers = true;
}

function applyReconfigure(d: Draft, config: RoutingConfig): RoutingError | null {
  const issues = validateRoutingConfig(config);
  if (issues.length > 0) return fail('invalid_config', issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  const index = buildRoutingIndex(config);
  for (const c of d.allContacts()) {
    const q = index.queues.get(c.queueId);
    if (!q || q.tenantId !== c.tenantId) return fail('config_in_use', `queue ${c.queueId} still has contacts`);
  }
  for (const a of d.allAgents()) {
    if (!index.agents.has(a.id) && (a.presence.kind !== 'offline' || a.slots.length > 0)) {
      return fail('config_in_use', `agent ${a.id} is still logged in`);
    }
  }
  d.index = index;
  for (const a of d.allAgents()) if (!index.agents.has(a.id)) d.deleteAgent(a.id);
  for (const id of index.agents.keys()) if (!d.findAgent(id)) d.putAgent(initialAgent(id, d.now));
  for (const c of d.allContacts()) {
    const extra = c.extraQueues.filter((q) => index.queues.has(q));
    if (extra.length !== c.extraQueues.length) d.putContact({ ...c, extraQueues: extra });
  }
  d.replaceWaiting(waitingLists(index, d.allContacts()));
  d.rebuildFree();
  markAllDirty(d);
  // Rules may have been added with earlier times: apply what is due now.
  for (const c of d.allContacts()) overflowWaiting(d, c.id);
  return null;
}

function applyEvent(d: Draft, event: RoutingEvent): RoutingError | null {
  switch (event.type) {
    case 'contact_arrived':
    case 'callback_due':
      return applyArrival(d, event);
    case 'agent_presence':
      return applyPresence(d, event);
    case 'offer_accepted':
      return applyAccept(d, event);
    case 'offer_rejected':
      return applyReject(d, event);
    case 'contact_ended':
      return applyEnd(d, event);
    case 'wrap_up_done':
      return applyWrapUpDone(d, event);
    case 'transfer':
      return applyTransfer(d, event);
    case 'tick':
      return null;
    case 'reconfigure':
      return applyReconfigure(d, event.config);
    case 'rebalance':
      markAllDirty(d);
      return null;
    default:
      return fail('invalid_event', `unknown event ${String((event as { type?: unknown }).type)}`);
  }
}

// ====================================================================================== API

/**
 * A new routing state for a configuration (every agent offline), or the state persisted in a
 * snapshot. Throws RoutingConfigError when the configuration or the snapshot is inconsistent.
 * After restoring, step a `rebalance` event so that waiting contacts meet free agents.
 */
export function createRoutingState(config: RoutingConfig, options: { now?: Millis; snapshot?: RoutingSnapshot } = {}): RoutingState {
  const issues: ConfigIssue[] = validateRoutingConfig(config);
  if (issues.length > 0) throw new RoutingConfigError(issues);
  const index = buildRoutingIndex(config);
  const snapshot = options.snapshot;
  const now = ms(Math.max(options.now ?? 0, snapshot?.now ?? 0));
  const byAgent = new Map<AgentId, AgentRuntime>();
  for (const id of index.agents.keys()) byAgent.set(id, initialAgent(id, now));
  const byContact = new Map<ContactId, ContactRuntime>();
  if (snapshot) {
    const problems = checkSnapshot(index, snapshot);
    if (problems.length > 0) throw new RoutingConfigError(problems);
    for (const a of snapshot.agents) byAgent.set(a.id, a);
    for (const c of snapshot.contacts) byContact.set(c.id, c);
  }
  let seq = snapshot?.seq ?? 0;
  for (const c of byContact.values()) seq = Math.max(seq, c.seq + 1);
  const timers = timerHeapOf(index, byAgent.values(), byContact.values());
  const free = freeAgentsOf(index, byAgent.values());
  const lists = waitingLists(index, byContact.values());
  return {
    now,
    seq,
    nextDueAt: timers === null ? null : ms(timers.top.at),
    index,
    agents: PersistentMap.from(byAgent),
    contacts: PersistentMap.from(byContact),
    waiting: PersistentMap.from(lists),
    timers,
    free,
    nonEmpty: nonEmptyOf(index, lists),
  };
}

function checkSnapshot(index: RoutingIndex, snapshot: RoutingSnapshot): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const add = (path: string, message: string): void => {
    issues.push({ path, message });
  };
  const agents = new Map(snapshot.agents.map((a) => [a.id, a]));
  snapshot.agents.forEach((a, i) => {
    if (!index.agents.has(a.id)) add(`snapshot.agents[${i}]`, `agent ${a.id} is not configured`);
    for (const s of a.slots) {
      if (s.phase === 'wrap_up') continue;
      const c = snapshot.contacts.find((x) => x.id === s.contactId);
      if (!c || c.status.kind !== s.phase || c.status.agentId !== a.id) add(`snapshot.agents[${i}]`, `slot for ${s.contactId} does not match the contact`);
    }
  });
  snapshot.contacts.forEach((c, i) => {
    const q = index.queues.get(c.queueId);
    if (!q || q.tenantId !== c.tenantId) add(`snapshot.contacts[${i}]`, `contact ${c.id} is in unknown queue ${c.queueId}`);
    if (c.status.kind === 'waiting') return;
    const agentId = c.status.agentId;
    const phase = c.status.kind;
    const slots = agents.get(agentId)?.slots.filter((s) => s.contactId === c.id && s.phase === phase) ?? [];
    if (slots.length !== 1) add(`snapshot.contacts[${i}]`, `contact ${c.id} has no matching slot on agent ${agentId}`);
  });
  return issues;
}

/** One transition. Pure: same state, event and now → same result; the input state is not changed. */
export function step(state: RoutingState, event: RoutingEvent, now: Millis): StepResult {
  const t = ms(Number.isFinite(now) && now > state.now ? now : state.now);
  const d = new Draft(state, t);
  if (state.nextDueAt !== null && t >= state.nextDueAt) advanceTimers(d);
  const error = applyEvent(d, event);
  if (error) return { ok: false, state, actions: [], error };
  rebalance(d);
  return d.finish();
}

/** Plain data for persistence; `createRoutingState(config, { snapshot })` restores it. */
export function snapshotRoutingState(state: RoutingState): RoutingSnapshot {
  return { now: state.now, seq: state.seq, agents: orderedAgents(state.index, state.agents), contacts: orderedContacts(state.contacts) };
}

/** Waiting contacts of a queue (its own and overflowed-in), in arrival order. */
export function waitingContacts(state: RoutingState, queueId: QueueId): ContactRuntime[] {
  return (state.waiting.get(queueId) ?? []).map((id) => state.contacts.get(id)).filter((c): c is ContactRuntime => c !== undefined);
}

export interface AgentView {
  readonly id: AgentId;
  readonly presence: Presence;
  readonly activity: AgentActivity;
  readonly presenceSince: Millis;
  readonly load: Readonly<Record<Channel, number>>;
  readonly slots: readonly AgentSlot[];
}

export function agentView(state: RoutingState, agentId: AgentId): AgentView | null {
  const a = state.agents.get(agentId);
  if (!a) return null;
  const load = { voice: 0, chat: 0, email: 0, line: 0, web: 0 };
  for (const s of a.slots) load[s.channel]++;
  return { id: a.id, presence: a.presence, activity: agentActivity(a), presenceSince: a.presenceSince, load, slots: a.slots };
}

/** priority + aging now, for wallboards and tests. */
export function contactPriority(state: RoutingState, contactId: ContactId, now: Millis): number | null {
  const c = state.contacts.get(contactId);
  const q = c ? state.index.queues.get(c.queueId) : undefined;
  return c && q ? effectivePriority(c, q, now) : null;
}

export { basePriority };
