import {
  CHANNELS,
  MIN_SKILL_LEVEL,
  type AgentActivity,
  type AgentConfig,
  type AgentRuntime,
  type Channel,
  type ContactRuntime,
  type QueueConfig,
  type SkillRequirement,
} from './routing.types.js';

/** The level a requirement asks for after overflow relaxed it; a required skill stays required. */
export function requiredLevel(minLevel: number, relax: number): number {
  return Math.max(MIN_SKILL_LEVEL, minLevel - relax);
}

/** Serves the queue's tenant and has every required skill at the (relaxed) level. */
export function meetsQueue(agent: AgentConfig, queue: QueueConfig, relax: number): boolean {
  if (!agent.tenantIds.includes(queue.tenantId)) return false;
  for (const r of queue.requiredSkills) {
    if ((agent.skills[r.skill] ?? 0) < requiredLevel(r.minLevel, relax)) return false;
  }
  return true;
}

/** Has every skill the contact itself needs at the (relaxed) level. */
export function meetsSkills(agent: AgentConfig, skills: readonly SkillRequirement[], relax: number): boolean {
  for (const r of skills) {
    if ((agent.skills[r.skill] ?? 0) < requiredLevel(r.minLevel, relax)) return false;
  }
  return true;
}

/** The agent's levels in the skills the contact itself needs: added to the queue's skill match. */
export function contactSkillScore(agent: AgentConfig, skills: readonly SkillRequirement[]): number {
  let score = 0;
  for (const r of skills) score += agent.skills[r.skill] ?? 0;
  return score;
}

/**
 * Skill match of an agent for a queue: the sum of their levels in the queue's required skills.
 * For one queue this orders agents exactly like the sum of surpluses over the minimum levels
 * (the minimums are the same for everyone) and rewards depth in every required skill.
 */
export function skillScore(agent: AgentConfig, queue: QueueConfig): number {
  let score = 0;
  for (const r of queue.requiredSkills) score += agent.skills[r.skill] ?? 0;
  return score;
}

export function loadOn(agent: AgentRuntime, channel: Channel): number {
  let n = 0;
  for (const s of agent.slots) if (s.channel === channel) n++;
  return n;
}

/** A free slot on the channel, and not blocked by a call (or by other media, when configured). */
export function hasFreeCapacity(config: AgentConfig, agent: AgentRuntime, channel: Channel): boolean {
  let onChannel = 0;
  let voice = 0;
  let others = 0;
  for (const s of agent.slots) {
    if (s.channel === channel) onChannel++;
    if (s.channel === 'voice') voice++;
    else others++;
  }
  if (onChannel >= (config.capacity[channel] ?? 0)) return false;
  if (channel !== 'voice' && config.voiceBlocksOthers && voice > 0) return false;
  if (channel === 'voice' && config.othersBlockVoice === true && others > 0) return false;
  return true;
}

/** Can be offered a contact on this channel right now (eligibility aside). */
export function canTake(config: AgentConfig, agent: AgentRuntime, channel: Channel): boolean {
  return agent.presence.kind === 'available' && hasFreeCapacity(config, agent, channel);
}

/** A channel's position in CHANNELS: its bit in `freeChannelMask`. */
export const CHANNEL_INDEX: Readonly<Record<Channel, number>> = { voice: 0, chat: 1, email: 2, line: 3, web: 4 };

/** The agent's capacity per channel, in CHANNELS order (missing counts as 0). */
export function capacityByChannel(config: AgentConfig): number[] {
  return CHANNELS.map((ch) => config.capacity[ch] ?? 0);
}

/** What `freeChannelMask` reads of an agent's configuration (an `AgentEntry` of the routing index). */
export interface ChannelLimits {
  /** Capacity per channel in CHANNELS order (see capacityByChannel). */
  readonly capacity: readonly number[];
  readonly voiceBlocksOthers: boolean;
  readonly othersBlockVoice: boolean;
}

/**
 * `canTake` for every channel at once: bit `CHANNEL_INDEX[ch]` is set ⇔ `canTake(config, agent, ch)`.
 * Same rule as `hasFreeCapacity`, with the limits copied from the configuration.
 */
export function freeChannelMask(limits: ChannelLimits, agent: AgentRuntime): number {
  const { capacity } = limits;
  if (agent.presence.kind !== 'available') return 0;
  let voice = 0;
  for (const s of agent.slots) if (s.channel === 'voice') voice++;
  const others = agent.slots.length - voice;
  let mask = 0;
  for (let i = 0; i < CHANNELS.length; i++) {
    const channel = CHANNELS[i] as Channel;
    const load = channel === 'voice' ? voice : loadOn(agent, channel);
    if (load >= (capacity[i] ?? 0)) continue;
    if (channel !== 'voice' && limits.voiceBlocksOthers && voice > 0) continue;
    if (channel === 'voice' && limits.othersBlockVoice && others > 0) continue;
    mask |= 1 << i;
  }
  return mask;
}

/** Whether the mask has the channel's bit (a channel outside CHANNELS has none). */
export function maskHas(mask: number, channel: Channel): boolean {
  const i = CHANNEL_INDEX[channel] as number | undefined;
  return i !== undefined && ((mask >>> i) & 1) === 1;
}

export function basePriority(contact: ContactRuntime, queue: QueueConfig): number {
  return contact.priorityOverride ?? queue.priority;
}

/**
 * priority + agingPerMinute × minutes waited since the ORIGINAL arrival (queue = the contact's
 * current queue). Within one queue and one base priority this orders contacts by arrival, at any time.
 */
export function effectivePriority(contact: ContactRuntime, queue: QueueConfig, now: number): number {
  return basePriority(contact, queue) + (queue.agingPerMinute * Math.max(0, now - contact.arrivedAt)) / 60_000;
}

export function agentActivity(agent: AgentRuntime): AgentActivity {
  let wrapUp = false;
  for (const s of agent.slots) {
    if (s.phase !== 'wrap_up') return 'busy';
    wrapUp = true;
  }
  return wrapUp ? 'acw' : agent.presence.kind;
}
