import { freeAgentsOf, freeOn, updateFreeAgents, type FreeAgents } from './free-agents.js';
import type { PersistentBitset } from './persistent-bitset.js';
import { PersistentMap } from './persistent-map.js';
import type { AgentEntry, QueueEntry, RoutingIndex } from './routing-config.js';
import { agentActivity } from './routing-matching.js';
import { nonEmptyOf, orderedAgents, orderedContacts, persistent, type RoutingState, type StepResult } from './routing-state.js';
import { retimeAgent, retimeContact, timerSetOf } from './routing-timers.js';
import { SmallMap } from './small-map.js';
import { firstTimer, type TimerSet } from './timer-set.js';
import type {
  AgentId,
  AgentRuntime,
  Channel,
  ContactId,
  ContactRuntime,
  Millis,
  QueueConfig,
  QueueId,
  RoutingAction,
} from './routing.types.js';

/** A record written in the step: its version in the input state, and the latest (null: deleted). */
interface Write<R> {
  readonly before: R | undefined;
  after: R | null;
}

/** A waiting list changed in the step: the step's own copy (changed in place) and the list it copies. */
interface OwnList {
  readonly list: ContactId[];
  readonly before: readonly ContactId[] | undefined;
}

const byArrival = (a: ContactRuntime, b: ContactRuntime): number => a.arrivedAt - b.arrivedAt || a.seq - b.seq;

/**
 * The working copy of one step. The input state is never written: records written in the step are
 * kept in small maps (in first-write order) that reads look at first, and `finish` writes each
 * changed record once into the persistent maps. So a record written twice in a step (a contact
 * queued, then offered) costs one path copy, a waiting list that ends the step as it began costs
 * none, and the same pass yields `changed`, the agent state changes and the timer updates.
 * The free-agent and non-empty-queue bitsets are kept up to date on every write, because matching
 * in the same step reads them.
 */
export class Draft {
  index: RoutingIndex;
  seq: number;
  readonly actions: RoutingAction[] = [];
  free: FreeAgents;
  nonEmpty: PersistentBitset;
  /** Every agent and contact may have changed (reconfigure, rebalance): the timer set is rebuilt. */
  rebuildTimers = false;
  private readonly baseAgents: PersistentMap<AgentId, AgentRuntime>;
  private readonly baseContacts: PersistentMap<ContactId, ContactRuntime>;
  private waiting: PersistentMap<QueueId, readonly ContactId[]>;
  /** Records written in this step, with their version in the input state; allocated on the first write. */
  private agentWrites: SmallMap<AgentId, Write<AgentRuntime>> | null = null;
  private contactWrites: SmallMap<ContactId, Write<ContactRuntime>> | null = null;
  private listWrites: SmallMap<QueueId, OwnList> | null = null;
  private lastAgentRead: AgentRuntime | undefined = undefined;
  private lastContactRead: ContactRuntime | undefined = undefined;
  /**
   * Agents that gained capacity or became available, and contacts that became routable: matched at
   * the end of the step (a marked contact that is no longer waiting by then is skipped).
   */
  private dirtyAgents: SmallMap<AgentId, true> | null = null;
  private dirtyContacts: SmallMap<ContactId, true> | null = null;

  constructor(
    readonly base: RoutingState,
    readonly now: Millis,
  ) {
    this.index = base.index;
    this.seq = base.seq;
    this.baseAgents = persistent(base.agents);
    this.baseContacts = persistent(base.contacts);
    this.waiting = persistent(base.waiting);
    this.free = base.free;
    this.nonEmpty = base.nonEmpty;
  }

  // ------------------------------------------------------------------ configuration

  // Queues and agents are found through their entries only (not also `index.queues`/`agents`): one
  // map per kind, so repeated lookups of an id in a step hit memory already read.
  queue(id: QueueId): QueueConfig {
    return this.queueEntry(id).config;
  }

  queueEntry(id: QueueId): QueueEntry {
    const q = this.index.queueEntries.get(id);
    if (!q) throw new Error(`routing invariant: unknown queue ${id}`);
    return q;
  }

  agentEntry(id: AgentId): AgentEntry {
    const a = this.index.agentEntries.get(id);
    if (!a) throw new Error(`routing invariant: unknown agent ${id}`);
    return a;
  }

  // ------------------------------------------------------------------ agents

  agent(id: AgentId): AgentRuntime {
    const a = this.findAgent(id);
    if (!a) throw new Error(`routing invariant: no runtime for agent ${id}`);
    return a;
  }

  findAgent(id: AgentId): AgentRuntime | undefined {
    const written = this.agentWrites?.get(id);
    return written === undefined ? this.baseAgent(id) : (written.after ?? undefined);
  }

  /**
   * The agent in the input state. The last one read is kept: a step reads a record and then
   * writes it, and the write needs the version it replaces (one hash lookup instead of two).
   */
  private baseAgent(id: AgentId): AgentRuntime | undefined {
    if (this.lastAgentRead?.id === id) return this.lastAgentRead;
    const a = this.baseAgents.get(id);
    if (a !== undefined) this.lastAgentRead = a;
    return a;
  }

  putAgent(a: AgentRuntime): void {
    const before = this.writeAgent(a.id, a);
    if (before !== undefined && sameFreeness(before, a)) return;
    const entry = this.index.agentEntries.get(a.id);
    if (entry) this.free = updateFreeAgents(this.free, entry, before, a);
  }

  deleteAgent(id: AgentId): void {
    this.writeAgent(id, null);
  }

  /** Logs the write; returns the record it replaces. */
  private writeAgent(id: AgentId, a: AgentRuntime | null): AgentRuntime | undefined {
    const log = (this.agentWrites ??= new SmallMap());
    const written = log.get(id);
    if (written === undefined) {
      const before = this.baseAgent(id);
      log.set(id, { before, after: a });
      return before;
    }
    const replaced = written.after ?? undefined;
    written.after = a;
    return replaced;
  }

  /** Every agent, in configuration order (O(A): reconfigure and rebalance only). */
  allAgents(): AgentRuntime[] {
    return orderedAgents(this.base.index, this.currentAgents());
  }

  /** Agents (by ordinal) who can take a contact on the channel now. */
  freeAgents(channel: Channel): PersistentBitset {
    return freeOn(this.free, channel);
  }

  /** After a configuration change: capacities and tenants may differ. */
  rebuildFree(): void {
    this.free = freeAgentsOf(this.index, this.currentAgents().values());
  }

  private currentAgents(): PersistentMap<AgentId, AgentRuntime> {
    let agents = this.baseAgents;
    this.agentWrites?.forEach(({ after }, id) => {
      agents = after === null ? agents.delete(id) : agents.set(id, after);
    });
    return agents;
  }

  // ------------------------------------------------------------------ contacts

  contact(id: ContactId): ContactRuntime | undefined {
    const written = this.contactWrites?.get(id);
    return written === undefined ? this.baseContact(id) : (written.after ?? undefined);
  }

  /** The contact in the input state; the last one read is kept, as for agents. */
  private baseContact(id: ContactId): ContactRuntime | undefined {
    if (this.lastContactRead?.id === id) return this.lastContactRead;
    const c = this.baseContacts.get(id);
    if (c !== undefined) this.lastContactRead = c;
    return c;
  }

  putContact(c: ContactRuntime): void {
    this.writeContact(c.id, c);
  }

  deleteContact(id: ContactId): void {
    this.writeContact(id, null);
  }

  private writeContact(id: ContactId, c: ContactRuntime | null): void {
    const log = (this.contactWrites ??= new SmallMap());
    const written = log.get(id);
    if (written === undefined) log.set(id, { before: this.baseContact(id), after: c });
    else written.after = c;
  }

  /** Every live contact, in arrival order (O(C log C): reconfigure and rebalance only). */
  allContacts(): ContactRuntime[] {
    let contacts = this.baseContacts;
    this.contactWrites?.forEach(({ after }, id) => {
      contacts = after === null ? contacts.delete(id) : contacts.set(id, after);
    });
    return orderedContacts(contacts);
  }

  // ------------------------------------------------------------------ waiting lists

  waitingIn(queueId: QueueId): readonly ContactId[] {
    return this.listWrites?.get(queueId)?.list ?? this.waiting.get(queueId) ?? [];
  }

  private noteLength(queueId: QueueId, length: number): void {
    const ordinal = this.index.queueEntries.get(queueId)?.ordinal;
    if (ordinal !== undefined) this.nonEmpty = this.nonEmpty.with(ordinal, length > 0);
  }

  private ownList(queueId: QueueId): ContactId[] {
    const lists = (this.listWrites ??= new SmallMap());
    const own = lists.get(queueId);
    if (own !== undefined) return own.list;
    const before = this.waiting.get(queueId);
    const list = before === undefined ? [] : before.slice();
    lists.set(queueId, { list, before });
    return list;
  }

  /** Inserts at the contact's place by original arrival (binary search). */
  insertWaiting(queueId: QueueId, c: ContactRuntime): void {
    const list = this.ownList(queueId);
    let lo = 0;
    let hi = list.length;
    // A new arrival belongs at the end: check that place first.
    const last = hi > 0 ? this.contact(list[hi - 1] as ContactId) : undefined;
    if (last !== undefined && byArrival(last, c) < 0) lo = hi;
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
    this.listWrites = null;
    this.nonEmpty = nonEmptyOf(this.index, lists);
  }

  // ------------------------------------------------------------------ matching work

  markAgentDirty(id: AgentId): void {
    (this.dirtyAgents ??= new SmallMap()).set(id, true);
  }

  markContactDirty(id: ContactId): void {
    (this.dirtyContacts ??= new SmallMap()).set(id, true);
  }

  /** The agents marked so far, in marking order. */
  forEachDirtyAgent(f: (id: AgentId) => void): void {
    this.dirtyAgents?.forEach((_, id) => f(id));
  }

  /** The contacts marked so far, in marking order. */
  forEachDirtyContact(f: (id: ContactId) => void): void {
    this.dirtyContacts?.forEach((_, id) => f(id));
  }

  clearDirty(): void {
    this.dirtyAgents = null;
    this.dirtyContacts = null;
  }

  emit(action: RoutingAction): void {
    this.actions.push(action);
  }

  // ------------------------------------------------------------------ the new state

  finish(): StepResult {
    // Each changed record moves its own timers, unless the whole set is rebuilt below.
    const retime = !this.rebuildTimers;
    let timers: TimerSet | null = this.base.timers;
    let agents = this.baseAgents;
    const changedAgents: AgentId[] = [];
    const agentWrites = this.agentWrites;
    for (let i = 0; agentWrites !== null && i < agentWrites.size; i++) {
      const id = agentWrites.keyAt(i);
      const { before, after: written } = agentWrites.valueAt(i);
      const after = written ?? undefined;
      agents = after === undefined ? agents.delete(id) : agents.set(id, after);
      if (before === after) continue;
      changedAgents.push(id);
      if (retime) timers = retimeAgent(timers, before, after);
      // Derived agent states are compared once at the end: one change action per agent and step.
      if (before && after && stateDiffers(before, after)) {
        this.emit({ type: 'agent_state_changed', agentId: id, presence: after.presence.kind, reason: reasonOf(after), activity: agentActivity(after), since: this.now });
      }
    }
    let contacts = this.baseContacts;
    const changedContacts: ContactId[] = [];
    const contactWrites = this.contactWrites;
    for (let i = 0; contactWrites !== null && i < contactWrites.size; i++) {
      const id = contactWrites.keyAt(i);
      const { before, after: written } = contactWrites.valueAt(i);
      const after = written ?? undefined;
      contacts = after === undefined ? contacts.delete(id) : contacts.set(id, after);
      if (before === after) continue;
      changedContacts.push(id);
      if (retime) timers = retimeContact(timers, this.index, before, after);
    }
    let waiting = this.waiting;
    const listWrites = this.listWrites;
    for (let i = 0; listWrites !== null && i < listWrites.size; i++) {
      const { list, before } = listWrites.valueAt(i);
      if (!sameList(before, list)) waiting = waiting.set(listWrites.keyAt(i), list);
    }
    if (!retime) timers = timerSetOf(this.index, agents.values(), contacts.values());
    const next = firstTimer(timers);
    const state: RoutingState = {
      now: this.now,
      seq: this.seq,
      nextDueAt: next === null ? null : (next.at as Millis),
      index: this.index,
      agents,
      contacts,
      waiting,
      timers,
      free: this.free,
      nonEmpty: this.nonEmpty,
    };
    return { ok: true, state, actions: this.actions, changed: { agents: changedAgents, contacts: changedContacts } };
  }
}

/**
 * Whether the agent can take the same channels in both versions without looking: `canTake` reads
 * only the presence and the channels of the slots (an accept or a wrap-up changes neither).
 */
function sameFreeness(before: AgentRuntime, after: AgentRuntime): boolean {
  if (before.slots.length !== after.slots.length) return false;
  if (before.presence !== after.presence && before.presence.kind !== after.presence.kind) return false;
  for (let i = 0; i < before.slots.length; i++) if (before.slots[i]?.channel !== after.slots[i]?.channel) return false;
  return true;
}

const reasonOf = (a: AgentRuntime): string | null => (a.presence.kind === 'break' ? a.presence.reason : null);

/** Whether what desktops and wallboards show (presence, reason, activity) differs. */
function stateDiffers(before: AgentRuntime, after: AgentRuntime): boolean {
  return before.presence.kind !== after.presence.kind || reasonOf(before) !== reasonOf(after) || agentActivity(before) !== agentActivity(after);
}

function sameList(a: readonly ContactId[] | undefined, b: readonly ContactId[]): boolean {
  if (a === undefined) return b.length === 0;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
