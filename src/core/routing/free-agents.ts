import { PersistentBitset } from './persistent-bitset.js';
import type { RoutingIndex } from './routing-config.js';
import { canTake } from './routing-matching.js';
import { CHANNELS, type AgentConfig, type AgentRuntime, type Channel } from './routing.types.js';

/**
 * Per channel, the agents (by ordinal in the routing index) who can take a contact on it right
 * now: exactly `canTake` (available, a free slot, not blocked by a call or by other media). Kept up
 * to date on every agent write, so matching skips busy candidates with one bit test instead of
 * reading their runtime.
 */
export type FreeAgents = readonly PersistentBitset[];

const CHANNEL_INDEX: Readonly<Record<Channel, number>> = { voice: 0, chat: 1, email: 2, line: 3, web: 4 };

export const NO_FREE_AGENTS: FreeAgents = CHANNELS.map(() => PersistentBitset.EMPTY);

export function freeOn(free: FreeAgents, channel: Channel): PersistentBitset {
  return free[CHANNEL_INDEX[channel]] ?? PersistentBitset.EMPTY;
}

/** The sets after an agent's runtime changed from `before` (undefined: new) to `after`. */
export function updateFreeAgents(free: FreeAgents, ordinal: number, cfg: AgentConfig, before: AgentRuntime | undefined, after: AgentRuntime): FreeAgents {
  let out: PersistentBitset[] | null = null;
  for (const channel of CHANNELS) {
    if ((cfg.capacity[channel] ?? 0) === 0) continue;
    const was = before !== undefined && canTake(cfg, before, channel);
    const is = canTake(cfg, after, channel);
    if (was === is) continue;
    out ??= [...free];
    const i = CHANNEL_INDEX[channel];
    out[i] = (out[i] ?? PersistentBitset.EMPTY).with(ordinal, is);
  }
  return out ?? free;
}

/** Built from scratch (new state, restore, reconfigure). */
export function freeAgentsOf(index: RoutingIndex, agents: Iterable<AgentRuntime>): FreeAgents {
  let free = NO_FREE_AGENTS;
  for (const a of agents) {
    const cfg = index.agents.get(a.id);
    const ordinal = index.agentOrdinal.get(a.id);
    if (cfg && ordinal !== undefined) free = updateFreeAgents(free, ordinal, cfg, undefined, a);
  }
  return free;
}
