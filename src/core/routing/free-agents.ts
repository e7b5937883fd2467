import { PersistentBitset } from './persistent-bitset.js';
import type { AgentEntry, RoutingIndex } from './routing-config.js';
import { CHANNEL_INDEX, freeChannelMask } from './routing-matching.js';
import { CHANNELS, type AgentRuntime, type Channel } from './routing.types.js';

/**
 * Per channel, the agents (by ordinal in the routing index) who can take a contact on it right
 * now: exactly `canTake` (available, a free slot, not blocked by a call or by other media). Kept up
 * to date on every agent write, so matching skips busy candidates with one bit test instead of
 * reading their runtime.
 */
export type FreeAgents = readonly PersistentBitset[];

export const NO_FREE_AGENTS: FreeAgents = CHANNELS.map(() => PersistentBitset.EMPTY);

export function freeOn(free: FreeAgents, channel: Channel): PersistentBitset {
  return free[CHANNEL_INDEX[channel]] ?? PersistentBitset.EMPTY;
}

/** The sets after an agent's runtime changed from `before` (undefined: new) to `after`. */
export function updateFreeAgents(free: FreeAgents, agent: AgentEntry, before: AgentRuntime | undefined, after: AgentRuntime): FreeAgents {
  const was = before === undefined ? 0 : freeChannelMask(agent, before);
  const is = freeChannelMask(agent, after);
  if (was === is) return free;
  const out = [...free];
  for (let i = 0; i < out.length; i++) {
    const bit = 1 << i;
    if (((was ^ is) & bit) !== 0) out[i] = (out[i] ?? PersistentBitset.EMPTY).with(agent.ordinal, (is & bit) !== 0);
  }
  return out;
}

/** Built from scratch (new state, restore, reconfigure). */
export function freeAgentsOf(index: RoutingIndex, agents: Iterable<AgentRuntime>): FreeAgents {
  let free = NO_FREE_AGENTS;
  for (const a of agents) {
    const entry = index.agentEntries.get(a.id);
    if (entry) free = updateFreeAgents(free, entry, undefined, a);
  }
  return free;
}
