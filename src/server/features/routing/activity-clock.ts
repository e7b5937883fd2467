import type { RoutingRuntime } from './routing-runtime.js';

/**
 * When each agent's current activity began. Presence does not change when a call starts or ends
 * (available → busy → acw), so "time in state" comes from the engine's `agent_state_changed`.
 * After a restart it falls back to the presence time until the agent's next change.
 */
export function createActivityClock(runtime: RoutingRuntime) {
  const since = new Map<string, number>();
  runtime.onCommitted(({ actions }) => {
    for (const a of actions) if (a.type === 'agent_state_changed') since.set(a.agentId, a.since);
  });
  return { since: (agentId: string, fallback: number) => since.get(agentId) ?? fallback };
}
export type ActivityClock = ReturnType<typeof createActivityClock>;
