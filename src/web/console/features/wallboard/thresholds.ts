import type { AgentActivity, WallboardAgent, WallboardQueue } from '../../api/routing-types.js';

/**
 * Wallboard thresholds. Pure: given a figure and its target, how alarming it is. The wallboard
 * writes the tone as a word too (目標未達 …), never only as a colour.
 */
export type Tone = 'ok' | 'warn' | 'bad' | 'none';

/** How close (in share points) to the target counts as "near": 0.05 = within 5 points above it. */
export const SL_NEAR_MARGIN = 0.05;
/** Longest wait above this share of the service-level time is a warning; above the time itself it is bad. */
export const WAIT_WARN_SHARE = 0.75;

/** Service level against its target: below → bad, within the margin above → warn, else ok. */
export function serviceLevelTone(serviceLevel: number | null, target: number | null, nearMargin = SL_NEAR_MARGIN): Tone {
  if (serviceLevel === null || target === null || !Number.isFinite(serviceLevel) || !Number.isFinite(target)) return 'none';
  // Shares are compared in tenths of a percent, so 0.8 + 0.05 is exactly 85 %.
  const sl = Math.round(serviceLevel * 1000);
  const goal = Math.round(target * 1000);
  if (sl < goal) return 'bad';
  if (sl < goal + Math.round(nearMargin * 1000)) return 'warn';
  return 'ok';
}

/** Longest current wait against the service-level time: over it → bad, over 75 % of it → warn. */
export function longestWaitTone(longestWaitSec: number | null, serviceLevelSec: number | null): Tone {
  if (longestWaitSec === null || serviceLevelSec === null || serviceLevelSec <= 0) return 'none';
  if (longestWaitSec > serviceLevelSec) return 'bad';
  if (longestWaitSec > serviceLevelSec * WAIT_WARN_SHARE) return 'warn';
  return 'ok';
}

export const TONE_COLORS: Record<Tone, string | undefined> = { ok: 'teal', warn: 'orange', bad: 'red', none: undefined };

/**
 * The service-level target and time of a tenant's total: the strictest of its queues (highest
 * target, shortest time), so the total never looks better than its worst promise.
 */
export function tenantServiceLevel(queues: readonly WallboardQueue[], tenantId: string): { target: number | null; seconds: number | null } {
  const own = queues.filter((q) => q.tenantId === tenantId);
  if (own.length === 0) return { target: null, seconds: null };
  return {
    target: Math.max(...own.map((q) => q.serviceLevelTarget)),
    seconds: Math.min(...own.map((q) => q.serviceLevelSec)),
  };
}

/** Display order of agent activities on the wallboard: what needs attention first. */
const ACTIVITY_ORDER: Record<AgentActivity, number> = { missed: 0, available: 1, busy: 2, acw: 3, break: 4, offline: 5 };

/** Agents by activity (see ACTIVITY_ORDER), then longest in that state first, then by name. */
export function sortAgents(agents: readonly WallboardAgent[]): WallboardAgent[] {
  return [...agents].sort(
    (a, b) =>
      (ACTIVITY_ORDER[a.activity] ?? 9) - (ACTIVITY_ORDER[b.activity] ?? 9) ||
      a.since.localeCompare(b.since) ||
      a.name.localeCompare(b.name, 'ja'),
  );
}

/** How many agents are in each activity. */
export function countByActivity(agents: readonly WallboardAgent[]): Record<AgentActivity, number> {
  const counts: Record<AgentActivity, number> = { available: 0, busy: 0, acw: 0, break: 0, missed: 0, offline: 0 };
  for (const agent of agents) if (agent.activity in counts) counts[agent.activity] += 1;
  return counts;
}

/** Agents serving at least one of the shown tenants (all of them when no tenant is chosen). */
export function agentsOfTenants(agents: readonly WallboardAgent[], tenantIds: readonly string[] | null): WallboardAgent[] {
  if (!tenantIds) return [...agents];
  return agents.filter((a) => a.tenantIds.some((id) => tenantIds.includes(id)));
}
