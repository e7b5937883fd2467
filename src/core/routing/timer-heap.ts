import type { AgentId, ContactId } from './routing.types.js';

/**
 * Pending timers as a persistent leftist min-heap by due time: push and pop are O(log n), return a
 * new heap and share the rest with the old one (the routing state stays immutable).
 *
 * An entry says where to look, not what to do: `agent` (an offered or wrap-up slot of that agent
 * is due) or `contact` (an overflow rule of that waiting contact is due). Entries are never removed
 * when their timer is cancelled; they are checked against the state when they come due, and
 * stale ones are dropped. Every live timer has an entry at its due time (pushed where the timer is
 * set), so popping everything due at `now` finds every timer that fires.
 */
export type TimerRef = { readonly kind: 'agent'; readonly id: AgentId } | { readonly kind: 'contact'; readonly id: ContactId };

export interface TimerEntry {
  readonly at: number;
  readonly ref: TimerRef;
}

export interface TimerHeap {
  readonly top: TimerEntry;
  readonly rank: number;
  readonly left: TimerHeap | null;
  readonly right: TimerHeap | null;
}

const rankOf = (h: TimerHeap | null): number => (h === null ? 0 : h.rank);

function node(top: TimerEntry, a: TimerHeap | null, b: TimerHeap | null): TimerHeap {
  return rankOf(a) >= rankOf(b) ? { top, rank: rankOf(b) + 1, left: a, right: b } : { top, rank: rankOf(a) + 1, left: b, right: a };
}

export function mergeHeaps(a: TimerHeap | null, b: TimerHeap | null): TimerHeap | null {
  if (a === null) return b;
  if (b === null) return a;
  if (b.top.at < a.top.at) [a, b] = [b, a];
  return node(a.top, a.left, mergeHeaps(a.right, b));
}

export function pushTimer(h: TimerHeap | null, entry: TimerEntry): TimerHeap {
  return mergeHeaps(h, { top: entry, rank: 1, left: null, right: null }) as TimerHeap;
}

export function popTimer(h: TimerHeap): TimerHeap | null {
  return mergeHeaps(h.left, h.right);
}

/** Removes and returns every entry due at or before `now`. */
export function popDue(h: TimerHeap | null, now: number): { heap: TimerHeap | null; due: TimerEntry[] } {
  const due: TimerEntry[] = [];
  while (h !== null && h.top.at <= now) {
    due.push(h.top);
    h = popTimer(h);
  }
  return { heap: h, due };
}
