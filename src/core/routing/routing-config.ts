import { validateBusinessHours, type BusinessHours } from './business-hours.js';
import { capacityByChannel, skillScore, type ChannelLimits } from './routing-matching.js';
import {
  CHANNELS,
  MAX_SKILL_LEVEL,
  MIN_SKILL_LEVEL,
  type AgentConfig,
  type AgentId,
  type QueueConfig,
  type QueueId,
  type RoutingConfig,
  type SkillRequirement,
} from './routing.types.js';

export interface ConfigIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * Config derived once per configuration (not per step): lookups by id and the static part of
 * eligibility — which agents could ever serve a queue (right tenant, every required skill at some
 * level). The level check stays dynamic because overflow may relax it.
 */
export interface RoutingIndex {
  readonly config: RoutingConfig;
  /** Overflow rules sorted by afterSec. */
  readonly queues: ReadonlyMap<QueueId, QueueConfig>;
  readonly agents: ReadonlyMap<AgentId, AgentConfig>;
  /** Candidates per queue, sorted by id. */
  readonly queueAgents: ReadonlyMap<QueueId, readonly AgentId[]>;
  /** Queues an agent is a candidate for, sorted by id. */
  readonly agentQueues: ReadonlyMap<AgentId, readonly QueueId[]>;
  /** Dense numbers (id order) for the bitsets of free agents and non-empty queues. */
  readonly agentOrdinal: ReadonlyMap<AgentId, number>;
  readonly queueOrdinal: ReadonlyMap<QueueId, number>;
  readonly hours: ReadonlyMap<string, BusinessHours>;
  /** What matching reads per agent and per queue, in one lookup (see AgentEntry, QueueEntry). */
  readonly agentEntries: ReadonlyMap<AgentId, AgentEntry>;
  readonly queueEntries: ReadonlyMap<QueueId, QueueEntry>;
  /** The entries by ordinal. */
  readonly agentsByOrdinal: readonly AgentEntry[];
  readonly queuesByOrdinal: readonly QueueEntry[];
}

/**
 * An agent as matching sees it. The candidate queues are parallel typed arrays (queue ordinal, and
 * the relaxation the agent needs there, see `neededRelax`): a freed agent scans its queues in
 * contiguous memory, with one bit test per queue, instead of following an object per queue. The
 * channel limits are copied from the config, so the free-channel check reads this object only.
 */
export interface AgentEntry extends ChannelLimits {
  readonly config: AgentConfig;
  readonly ordinal: number;
  readonly queueOrdinals: Int32Array;
  readonly queueRelax: Int32Array;
}

/**
 * A queue as matching sees it. Its candidates, best skill score first (then id), as parallel typed
 * arrays: agent ordinal, skill score, and the relaxation the agent needs (see `neededRelax`). An
 * arriving contact scans them in contiguous memory and stops early once an agent is found.
 */
export interface QueueEntry {
  readonly config: QueueConfig;
  readonly ordinal: number;
  readonly rankedOrdinals: Int32Array;
  readonly rankedScores: Int32Array;
  readonly rankedRelax: Int32Array;
}

const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n);
const isNonNegative = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0;
const isLevel = (n: unknown): boolean => isInt(n) && n >= MIN_SKILL_LEVEL && n <= MAX_SKILL_LEVEL;

/** Every problem of a configuration; empty when valid. The server validates shapes with Zod first. */
/** Problems of a list of skill requirements (a queue's, or a contact's own): names, repeats, levels. */
export function skillRequirementIssues(requirements: readonly SkillRequirement[], path: string): ConfigIssue[] {
  if (!Array.isArray(requirements)) return [{ path, message: 'must be a list of skill requirements' }];
  const issues: ConfigIssue[] = [];
  const seen = new Set<string>();
  requirements.forEach((r, j) => {
    if (!r.skill) issues.push({ path: `${path}[${j}].skill`, message: 'skill is required' });
    if (seen.has(r.skill)) issues.push({ path: `${path}[${j}].skill`, message: `skill "${r.skill}" listed twice` });
    seen.add(r.skill);
    if (!isLevel(r.minLevel)) issues.push({ path: `${path}[${j}].minLevel`, message: 'minLevel must be an integer 1–10' });
  });
  return issues;
}

export function validateRoutingConfig(config: RoutingConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const add = (path: string, message: string): void => {
    issues.push({ path, message });
  };
  const queueTenants = new Map<string, string>();
  config.queues.forEach((q) => queueTenants.set(q.id, q.tenantId));
  const hours = config.hours ?? {};

  const seenQueues = new Set<string>();
  config.queues.forEach((q, i) => {
    const p = `queues[${i}]`;
    if (!q.id) add(`${p}.id`, 'id is required');
    if (seenQueues.has(q.id)) add(`${p}.id`, `duplicate queue id "${q.id}"`);
    seenQueues.add(q.id);
    if (!q.tenantId) add(`${p}.tenantId`, 'tenantId is required');
    issues.push(...skillRequirementIssues(q.requiredSkills, `${p}.requiredSkills`));
    if (!isInt(q.priority)) add(`${p}.priority`, 'priority must be an integer');
    if (!isNonNegative(q.agingPerMinute)) add(`${p}.agingPerMinute`, 'agingPerMinute must be ≥ 0');
    if (!isInt(q.offerTimeoutSec) || q.offerTimeoutSec < 1) add(`${p}.offerTimeoutSec`, 'offerTimeoutSec must be an integer ≥ 1');
    if (!isInt(q.wrapUpLimitSec) || q.wrapUpLimitSec < 0) add(`${p}.wrapUpLimitSec`, 'wrapUpLimitSec must be an integer ≥ 0');
    if (!isInt(q.serviceLevelSec) || q.serviceLevelSec < 1) add(`${p}.serviceLevelSec`, 'serviceLevelSec must be an integer ≥ 1');
    if (!isInt(q.stickyWindowSec) || q.stickyWindowSec < 0) add(`${p}.stickyWindowSec`, 'stickyWindowSec must be an integer ≥ 0');
    q.overflow.forEach((rule, j) => {
      const rp = `${p}.overflow[${j}]`;
      if (!isInt(rule.afterSec) || rule.afterSec < 0) add(`${rp}.afterSec`, 'afterSec must be an integer ≥ 0');
      if (rule.kind === 'add_queue') {
        const tenant = queueTenants.get(rule.queueId);
        if (tenant === undefined) add(`${rp}.queueId`, `unknown queue "${rule.queueId}"`);
        else if (tenant !== q.tenantId) add(`${rp}.queueId`, 'overflow must stay within the tenant');
        else if (rule.queueId === q.id) add(`${rp}.queueId`, 'a queue cannot overflow into itself');
      } else if (!isInt(rule.by) || rule.by < 1) add(`${rp}.by`, 'by must be an integer ≥ 1');
    });
    if (q.hoursId !== undefined && hours[q.hoursId] === undefined) add(`${p}.hoursId`, `unknown hours "${q.hoursId}"`);
    for (const channel of Object.keys(q.whenClosed ?? {})) {
      if (!(CHANNELS as readonly string[]).includes(channel)) add(`${p}.whenClosed.${channel}`, 'unknown channel');
    }
  });

  const seenAgents = new Set<string>();
  config.agents.forEach((a, i) => {
    const p = `agents[${i}]`;
    if (!a.id) add(`${p}.id`, 'id is required');
    if (seenAgents.has(a.id)) add(`${p}.id`, `duplicate agent id "${a.id}"`);
    seenAgents.add(a.id);
    if (a.tenantIds.length === 0) add(`${p}.tenantIds`, 'an agent serves at least one tenant');
    for (const [skill, level] of Object.entries(a.skills)) {
      if (!isLevel(level)) add(`${p}.skills.${skill}`, 'level must be an integer 1–10');
    }
    for (const [channel, n] of Object.entries(a.capacity)) {
      if (!(CHANNELS as readonly string[]).includes(channel)) add(`${p}.capacity.${channel}`, 'unknown channel');
      else if (!isInt(n) || n < 0) add(`${p}.capacity.${channel}`, 'capacity must be an integer ≥ 0');
      else if (channel === 'voice' && n > 1) add(`${p}.capacity.voice`, 'voice capacity is 0 or 1');
    }
  });

  for (const [id, h] of Object.entries(hours)) {
    for (const problem of validateBusinessHours(h)) add(`hours.${id}.${problem.split(':')[0]}`, problem);
  }
  return issues;
}

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Below every relaxation: a queue without required skills needs none. */
const NO_RELAX_NEEDED = -0x80000000;

/**
 * The smallest overflow relaxation with which a candidate meets the queue: `meetsQueue(agent,
 * queue, relax)` ⇔ `relax ≥ neededRelax(agent, queue)`. A candidate serves the tenant and has every
 * required skill at level ≥ 1, so the floor of 1 in `requiredLevel` never decides.
 */
export function neededRelax(agent: AgentConfig, queue: QueueConfig): number {
  let needed = NO_RELAX_NEEDED;
  for (const r of queue.requiredSkills) needed = Math.max(needed, r.minLevel - (agent.skills[r.skill] ?? 0));
  return needed;
}

/** Builds the index; call only with a config that validateRoutingConfig accepted. */
export function buildRoutingIndex(config: RoutingConfig): RoutingIndex {
  const queues = new Map<QueueId, QueueConfig>();
  for (const q of config.queues) {
    queues.set(q.id, { ...q, overflow: [...q.overflow].sort((a, b) => a.afterSec - b.afterSec) });
  }
  const agents = new Map<AgentId, AgentConfig>(config.agents.map((a) => [a.id, a]));
  const sortedAgents = [...agents.values()].sort((x, y) => byId(x.id, y.id));
  const sortedQueues = [...queues.values()].sort((x, y) => byId(x.id, y.id));
  const agentOrdinal = new Map<AgentId, number>(sortedAgents.map((a, i) => [a.id, i]));
  const queueOrdinal = new Map<QueueId, number>(sortedQueues.map((q, i) => [q.id, i]));
  const queueAgents = new Map<QueueId, AgentId[]>();
  const agentQueues = new Map<AgentId, QueueId[]>(sortedAgents.map((a) => [a.id, []]));
  /** Per agent ordinal: the ordinals of the queues it is a candidate for. */
  const candidateFor: number[][] = sortedAgents.map(() => []);
  const queueEntries = new Map<QueueId, QueueEntry>();
  const queuesByOrdinal: QueueEntry[] = [];
  // O(queues × agents × skills) once per configuration, never per step.
  sortedQueues.forEach((q, ordinal) => {
    const candidates: { ordinal: number; score: number }[] = [];
    sortedAgents.forEach((a, agentOrdinal) => {
      if (!a.tenantIds.includes(q.tenantId)) return;
      if (!q.requiredSkills.every((r) => (a.skills[r.skill] ?? 0) >= MIN_SKILL_LEVEL)) return;
      candidates.push({ ordinal: agentOrdinal, score: skillScore(a, q) });
      agentQueues.get(a.id)?.push(q.id);
      candidateFor[agentOrdinal]?.push(ordinal);
    });
    queueAgents.set(q.id, candidates.map((c) => (sortedAgents[c.ordinal] as AgentConfig).id));
    // Stable sort: equal scores stay in id order.
    candidates.sort((x, y) => y.score - x.score);
    const entry: QueueEntry = {
      config: q,
      ordinal,
      rankedOrdinals: Int32Array.from(candidates, (c) => c.ordinal),
      rankedScores: Int32Array.from(candidates, (c) => c.score),
      rankedRelax: Int32Array.from(candidates, (c) => neededRelax(sortedAgents[c.ordinal] as AgentConfig, q)),
    };
    queueEntries.set(q.id, entry);
    queuesByOrdinal.push(entry);
  });
  const agentsByOrdinal: AgentEntry[] = sortedAgents.map((a, ordinal) => {
    const queueOrdinals = candidateFor[ordinal] ?? [];
    return {
      config: a,
      ordinal,
      capacity: capacityByChannel(a),
      voiceBlocksOthers: a.voiceBlocksOthers,
      othersBlockVoice: a.othersBlockVoice === true,
      queueOrdinals: Int32Array.from(queueOrdinals),
      queueRelax: Int32Array.from(queueOrdinals, (o) => neededRelax(a, (queuesByOrdinal[o] as QueueEntry).config)),
    };
  });
  return {
    config,
    queues,
    agents,
    queueAgents,
    agentQueues,
    agentOrdinal,
    queueOrdinal,
    hours: new Map(Object.entries(config.hours ?? {})),
    agentEntries: new Map(agentsByOrdinal.map((e) => [e.config.id, e])),
    queueEntries,
    agentsByOrdinal,
    queuesByOrdinal,
  };
}
