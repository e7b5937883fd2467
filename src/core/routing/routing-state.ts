import type { FreeAgents } from './free-agents.js';
import { PersistentBitset } from './persistent-bitset.js';
import { PersistentMap } from './persistent-map.js';
import type { RoutingIndex } from './routing-config.js';
import type { TimerSet } from './timer-set.js';
import type {
  AgentId,
  AgentRuntime,
  ContactId,
  ContactRuntime,
  Millis,
  QueueId,
  RoutingAction,
  RoutingError,
} from './routing.types.js';

/** The engine's state and step result (re-exported by routing-engine.ts), and helpers over them. */

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
  /** Pending timers by due time: exactly the timers of the records (see `routing-timers.ts`). */
  readonly timers: TimerSet | null;
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

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function persistent<K extends string, V>(m: ReadonlyMap<K, V>): PersistentMap<K, V> {
  return m instanceof PersistentMap ? (m as PersistentMap<K, V>) : PersistentMap.from(m);
}

export function nonEmptyOf(index: RoutingIndex, lists: ReadonlyMap<QueueId, readonly ContactId[]>): PersistentBitset {
  let set = PersistentBitset.EMPTY;
  for (const [id, list] of lists) {
    const ordinal = index.queueOrdinal.get(id);
    if (ordinal !== undefined && list.length > 0) set = set.with(ordinal, true);
  }
  return set;
}

/** Every agent: configuration order, then any others (O(A): snapshots, reconfigure and rebalance only). */
export function orderedAgents(index: RoutingIndex, agents: ReadonlyMap<AgentId, AgentRuntime>): AgentRuntime[] {
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

/** Every live contact in arrival order (O(C log C): snapshots, reconfigure and rebalance only). */
export function orderedContacts(contacts: ReadonlyMap<ContactId, ContactRuntime>): ContactRuntime[] {
  return [...contacts.values()].sort((a, b) => a.seq - b.seq || byId(a.id, b.id));
}
