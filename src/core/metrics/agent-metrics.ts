import type { AgentActivity, AgentId, Millis } from '../routing/routing.types.js';

/**
 * Agent figures from state changes: time in each state within a window, occupancy (稼働率), and the
 * current state with time in state for the wallboard. Definitions: docs/metrics.md.
 *
 * The input mirrors the routing engine's `agent_state_changed` action (`activity`, `reason`, `since`
 * → `at`). `busy` (an offer ringing or a contact connected) is "on contact".
 *
 * Pure: instants are given; nothing reads the clock.
 */

export interface AgentStateChange {
  readonly agentId: AgentId;
  /** When the new state began (epoch ms). */
  readonly at: Millis;
  readonly activity: AgentActivity;
  /** Break reason code (休憩, 研修, 会議 …); only read for `break`. */
  readonly reason?: string | null;
}

export interface AgentStateTimes {
  readonly agentId: AgentId;
  readonly offlineMs: number;
  readonly availableMs: number;
  /** `busy`: ringing or connected (通話中・対応中). */
  readonly onContactMs: number;
  /** 後処理. */
  readonly acwMs: number;
  /** All breaks; the split by reason is in `breakByReason` (no reason → "unspecified"). */
  readonly breakMs: number;
  readonly breakByReason: Readonly<Record<string, number>>;
  /** The engine's "missed" state after an unanswered offer. */
  readonly missedMs: number;
  /** Window length minus offline. */
  readonly loggedInMs: number;
  /** 稼働率 = (onContact + acw) / (onContact + acw + available); null when the denominator is 0. */
  readonly occupancy: number | null;
}

export const UNSPECIFIED_BREAK_REASON = 'unspecified';

interface Run {
  readonly at: number;
  readonly activity: AgentActivity;
  readonly reason: string | null;
}

function reasonOf(change: AgentStateChange): string | null {
  return change.activity === 'break' ? (change.reason ?? UNSPECIFIED_BREAK_REASON) : null;
}

/**
 * One agent's changes as state runs, oldest first: stable sort by `at` (equal instants keep input
 * order, the last one wins), and a change to the same state (and break reason) does not start a new run.
 */
function runsOf(changes: readonly AgentStateChange[]): Run[] {
  const sorted = changes
    .map((c, i) => ({ c, i }))
    .sort((a, b) => a.c.at - b.c.at || a.i - b.i)
    .map(({ c }) => c);
  const runs: Run[] = [];
  for (const c of sorted) {
    const reason = reasonOf(c);
    const last = runs[runs.length - 1];
    if (last && last.at === c.at) runs.pop();
    const prev = runs[runs.length - 1];
    if (prev && prev.activity === c.activity && prev.reason === reason) continue;
    runs.push({ at: c.at, activity: c.activity, reason });
  }
  return runs;
}

function byAgent(changes: readonly AgentStateChange[]): Map<AgentId, AgentStateChange[]> {
  const m = new Map<AgentId, AgentStateChange[]>();
  for (const c of changes) {
    const list = m.get(c.agentId);
    if (list) list.push(c);
    else m.set(c.agentId, [c]);
  }
  return m;
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

interface MutableTimes {
  offline: number;
  available: number;
  busy: number;
  acw: number;
  break: number;
  missed: number;
  breakByReason: Record<string, number>;
}

function timesOf(agentId: AgentId, changes: readonly AgentStateChange[], from: number, to: number): AgentStateTimes {
  const t: MutableTimes = { offline: 0, available: 0, busy: 0, acw: 0, break: 0, missed: 0, breakByReason: {} };
  // Before its first known change an agent is offline, as in the routing engine's initial state.
  let current: Run = { at: -Infinity, activity: 'offline', reason: null };
  const add = (run: Run, start: number, end: number): void => {
    const ms = Math.min(end, to) - Math.max(start, from);
    if (ms <= 0) return;
    t[run.activity] += ms;
    if (run.activity === 'break') {
      const reason = run.reason ?? UNSPECIFIED_BREAK_REASON;
      t.breakByReason[reason] = (t.breakByReason[reason] ?? 0) + ms;
    }
  };
  for (const run of runsOf(changes)) {
    if (run.at >= to) break;
    add(current, current.at, run.at);
    current = run;
  }
  add(current, current.at, to);
  const work = t.busy + t.acw;
  return {
    agentId,
    offlineMs: t.offline,
    availableMs: t.available,
    onContactMs: t.busy,
    acwMs: t.acw,
    breakMs: t.break,
    breakByReason: t.breakByReason,
    missedMs: t.missed,
    loggedInMs: Math.max(0, to - from) - t.offline,
    occupancy: ratio(work, work + t.available),
  };
}

export interface AgentWindowOptions {
  /**
   * State changes of any agents, in any order. Include each agent's last change before `from`:
   * it gives the state at the start of the window (without one the agent counts as offline).
   */
  readonly changes: readonly AgentStateChange[];
  /** Window [from, to). */
  readonly from: Millis;
  readonly to: Millis;
  /** Agents to report even without changes (they count as offline throughout). */
  readonly agentIds?: readonly AgentId[];
}

/** Time in each state per agent within [from, to); sorted by agent id. The states sum to to − from. */
export function computeAgentStateTimes(options: AgentWindowOptions): AgentStateTimes[] {
  const groups = byAgent(options.changes);
  for (const id of options.agentIds ?? []) if (!groups.has(id)) groups.set(id, []);
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, changes]) => timesOf(id, changes, options.from, options.to));
}

/** Team totals (a queue's or a tenant's agents): sums of every state and the team occupancy. */
export function sumAgentStateTimes(rows: readonly AgentStateTimes[]): Omit<AgentStateTimes, 'agentId'> & { readonly agents: number } {
  const breakByReason: Record<string, number> = {};
  let offline = 0;
  let available = 0;
  let busy = 0;
  let acw = 0;
  let brk = 0;
  let missed = 0;
  let loggedIn = 0;
  for (const r of rows) {
    offline += r.offlineMs;
    available += r.availableMs;
    busy += r.onContactMs;
    acw += r.acwMs;
    brk += r.breakMs;
    missed += r.missedMs;
    loggedIn += r.loggedInMs;
    for (const [reason, ms] of Object.entries(r.breakByReason)) breakByReason[reason] = (breakByReason[reason] ?? 0) + ms;
  }
  return {
    agents: rows.length,
    offlineMs: offline,
    availableMs: available,
    onContactMs: busy,
    acwMs: acw,
    breakMs: brk,
    breakByReason,
    missedMs: missed,
    loggedInMs: loggedIn,
    occupancy: ratio(busy + acw, busy + acw + available),
  };
}

export interface AgentStateNow {
  readonly agentId: AgentId;
  readonly activity: AgentActivity;
  /** Break reason; null for other states. */
  readonly reason: string | null;
  /** When this state began; null = offline since before any known change. */
  readonly since: Millis | null;
  /** at − since (状態継続時間); null when `since` is unknown. */
  readonly timeInStateMs: number | null;
}

/**
 * Each agent's state at an instant and for how long it has lasted: the wallboard's agent list.
 * Changes after `at` are ignored; a change to the same state does not reset the time in state.
 */
export function computeAgentStatesAt(options: {
  readonly changes: readonly AgentStateChange[];
  readonly at: Millis;
  readonly agentIds?: readonly AgentId[];
}): AgentStateNow[] {
  const groups = byAgent(options.changes);
  for (const id of options.agentIds ?? []) if (!groups.has(id)) groups.set(id, []);
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([agentId, changes]) => {
      const runs = runsOf(changes.filter((c) => c.at <= options.at));
      const last = runs[runs.length - 1];
      if (!last) return { agentId, activity: 'offline', reason: null, since: null, timeInStateMs: null };
      return { agentId, activity: last.activity, reason: last.reason, since: last.at as Millis, timeInStateMs: options.at - last.at };
    });
}

/** Agents by state for the wallboard (every activity present, 0 when nobody is in it). */
export function countAgentsByActivity(states: readonly AgentStateNow[]): Record<AgentActivity, number> {
  const counts: Record<AgentActivity, number> = { offline: 0, available: 0, busy: 0, acw: 0, break: 0, missed: 0 };
  for (const s of states) counts[s.activity]++;
  return counts;
}
