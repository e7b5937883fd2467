import type { AgentId, ContactId } from './routing.types.js';

/**
 * Pending timers as a persistent ordered set (an AVL tree): insert, remove and the earliest entry
 * are O(log n), return a new set and share the rest with the old one (the routing state stays
 * immutable).
 *
 * The set holds exactly the live timers: the engine derives each record's timers from the record
 * (`routing-timers.ts`) and, when a record changes, removes the old ones and inserts the new. A
 * cancelled timer (an accepted offer, a wrap-up ended early) therefore leaves at once instead of
 * surviving until it comes due, and the earliest entry is the next timer that really fires.
 */
export const TimerKind = {
  /** An offered slot expires (`agentId` holds the offer). */
  Offer: 0,
  /** A wrap-up slot reaches its limit. */
  WrapUp: 1,
  /** A waiting contact's next overflow rule falls due (`agentId` is null). */
  Overflow: 2,
} as const;
export type TimerKind = (typeof TimerKind)[keyof typeof TimerKind];

export interface TimerEntry {
  readonly at: number;
  readonly kind: TimerKind;
  readonly contactId: ContactId;
  readonly agentId: AgentId | null;
  /** The slot's `since`: tells two wrap-ups of the same contact by the same agent apart. */
  readonly since: number;
}

export interface TimerSet {
  /** `entry.at`, kept in the node: a search compares due times without loading every entry. */
  readonly at: number;
  readonly entry: TimerEntry;
  readonly left: TimerSet | null;
  readonly right: TimerSet | null;
  readonly height: number;
}

const byId = (a: string | null, b: string | null): number => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : a > b ? 1 : 0);

/** Due time first; the rest only makes every entry unique. */
function compare(x: TimerEntry, t: TimerSet): number {
  if (x.at !== t.at) return x.at - t.at;
  const y = t.entry;
  return x.kind - y.kind || byId(x.contactId, y.contactId) || byId(x.agentId, y.agentId) || x.since - y.since;
}

const heightOf = (t: TimerSet | null): number => (t === null ? 0 : t.height);

function node(entry: TimerEntry, left: TimerSet | null, right: TimerSet | null): TimerSet {
  return { at: entry.at, entry, left, right, height: Math.max(heightOf(left), heightOf(right)) + 1 };
}

/** A node whose subtrees differ in height by at most 2, rotated back to AVL balance. */
function balanced(entry: TimerEntry, left: TimerSet | null, right: TimerSet | null): TimerSet {
  const hl = heightOf(left);
  const hr = heightOf(right);
  if (hl > hr + 1 && left !== null) {
    if (heightOf(left.left) >= heightOf(left.right)) return node(left.entry, left.left, node(entry, left.right, right));
    const lr = left.right as TimerSet;
    return node(lr.entry, node(left.entry, left.left, lr.left), node(entry, lr.right, right));
  }
  if (hr > hl + 1 && right !== null) {
    if (heightOf(right.right) >= heightOf(right.left)) return node(right.entry, node(entry, left, right.left), right.right);
    const rl = right.left as TimerSet;
    return node(rl.entry, node(entry, left, rl.left), node(right.entry, rl.right, right.right));
  }
  return node(entry, left, right);
}

/** The set with `entry` (the same set when an equal entry is already in it). */
export function insertTimer(t: TimerSet | null, entry: TimerEntry): TimerSet {
  if (t === null) return node(entry, null, null);
  const c = compare(entry, t);
  if (c === 0) return t;
  if (c < 0) {
    const left = insertTimer(t.left, entry);
    return left === t.left ? t : balanced(t.entry, left, t.right);
  }
  const right = insertTimer(t.right, entry);
  return right === t.right ? t : balanced(t.entry, t.left, right);
}

function withoutFirst(t: TimerSet): TimerSet | null {
  return t.left === null ? t.right : balanced(t.entry, withoutFirst(t.left), t.right);
}

/** The set without `entry` (the same set when it is not in it). */
export function removeTimer(t: TimerSet | null, entry: TimerEntry): TimerSet | null {
  if (t === null) return null;
  const c = compare(entry, t);
  if (c < 0) {
    const left = removeTimer(t.left, entry);
    return left === t.left ? t : balanced(t.entry, left, t.right);
  }
  if (c > 0) {
    const right = removeTimer(t.right, entry);
    return right === t.right ? t : balanced(t.entry, t.left, right);
  }
  if (t.left === null) return t.right;
  if (t.right === null) return t.left;
  return balanced(firstTimer(t.right) as TimerEntry, t.left, withoutFirst(t.right));
}

export function firstTimer(t: TimerSet | null): TimerEntry | null {
  if (t === null) return null;
  while (t.left !== null) t = t.left;
  return t.entry;
}

/** Every entry due at or before `now`, earliest first (the set is not changed). */
export function timersDue(t: TimerSet | null, now: number, out: TimerEntry[] = []): TimerEntry[] {
  if (t === null) return out;
  timersDue(t.left, now, out);
  if (t.at <= now) {
    out.push(t.entry);
    timersDue(t.right, now, out);
  }
  return out;
}
