import { validateBusinessHours, type BusinessHours } from './business-hours.js';
import {
  CHANNELS,
  MAX_SKILL_LEVEL,
  MIN_SKILL_LEVEL,
  type AgentConfig,
  type AgentId,
  type QueueConfig,
  type QueueId,
  type RoutingConfig,
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
  /** Candidates per queue with their skill score, best score first (then id): matching stops early. */
  readonly rankedAgents: ReadonlyMap<QueueId, readonly RankedAgent[]>;
  /** Dense numbers (id order) for the bitsets of free agents and non-empty queues. */
  readonly agentOrdinal: ReadonlyMap<AgentId, number>;
  readonly queueOrdinal: ReadonlyMap<QueueId, number>;
  /** `agentQueues` with their ordinals. */
  readonly agentQueueRefs: ReadonlyMap<AgentId, readonly QueueRef[]>;
  readonly hours: ReadonlyMap<string, BusinessHours>;
}

/** A queue's candidate with its (static) skill score for that queue. */
export interface RankedAgent {
  readonly id: AgentId;
  readonly ordinal: number;
  readonly config: AgentConfig;
  readonly score: number;
}

export interface QueueRef {
  readonly id: QueueId;
  readonly ordinal: number;
}

const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n);
const isNonNegative = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0;
const isLevel = (n: unknown): boolean => isInt(n) && n >= MIN_SKILL_LEVEL && n <= MAX_SKILL_LEVEL;

/** Every problem of a configuration; empty when valid. The server validates shapes with Zod first. */
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
    const skills = new Set<string>();
    q.requiredSkills.forEach((r, j) => {
      if (!r.skill) add(`${p}.requiredSkills[${j}].skill`, 'skill is required');
      if (skills.has(r.skill)) add(`${p}.requiredSkills[${j}].skill`, `skill "${r.skill}" listed twice`);
      skills.add(r.skill);
      if (!isLevel(r.minLevel)) add(`${p}.requiredSkills[${j}].minLevel`, 'minLevel must be an integer 1–10');
    });
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

/** Builds the index; call only with a config that validateRoutingConfig accepted. */
export function buildRoutingIndex(config: RoutingConfig): RoutingIndex {
  const queues = new Map<QueueId, QueueConfig>();
  for (const q of config.queues) {
    queues.set(q.id, { ...q, overflow: [...q.overflow].sort((a, b) => a.afterSec - b.afterSec) });
  }
  const agents = new Map<AgentId, AgentConfig>(config.agents.map((a) => [a.id, a]));
  const queueAgents = new Map<QueueId, AgentId[]>();
  const agentQueues = new Map<AgentId, QueueId[]>();
  const rankedAgents = new Map<QueueId, RankedAgent[]>();
  for (const a of agents.values()) agentQueues.set(a.id, []);
  const sortedAgents = [...agents.values()].sort((x, y) => byId(x.id, y.id));
  const sortedQueues = [...queues.values()].sort((x, y) => byId(x.id, y.id));
  const agentOrdinal = new Map<AgentId, number>(sortedAgents.map((a, i) => [a.id, i]));
  const queueOrdinal = new Map<QueueId, number>(sortedQueues.map((q, i) => [q.id, i]));
  const agentQueueRefs = new Map<AgentId, QueueRef[]>();
  for (const a of agents.values()) agentQueueRefs.set(a.id, []);
  // O(queues × agents × skills) once per configuration, never per step.
  for (const q of sortedQueues) {
    const list: AgentId[] = [];
    const ranked: RankedAgent[] = [];
    for (const a of sortedAgents) {
      if (!a.tenantIds.includes(q.tenantId)) continue;
      if (!q.requiredSkills.every((r) => (a.skills[r.skill] ?? 0) >= MIN_SKILL_LEVEL)) continue;
      list.push(a.id);
      agentQueues.get(a.id)?.push(q.id);
      agentQueueRefs.get(a.id)?.push({ id: q.id, ordinal: queueOrdinal.get(q.id) ?? -1 });
      ranked.push({ id: a.id, ordinal: agentOrdinal.get(a.id) ?? -1, config: a, score: q.requiredSkills.reduce((sum, r) => sum + (a.skills[r.skill] ?? 0), 0) });
    }
    queueAgents.set(q.id, list);
    // Stable sort: equal scores stay in id order.
    rankedAgents.set(q.id, ranked.sort((x, y) => y.score - x.score));
  }
  return { config, queues, agents, queueAgents, agentQueues, rankedAgents, agentOrdinal, queueOrdinal, agentQueueRefs, hours: new Map(Object.entries(config.hours ?? {})) };
}
