/**
 * Factories and a small driver for the routing tests (pure; used by *.test.ts only).
 */
import { createRoutingState, step, type RoutingState, type StepResult } from './routing-engine.js';
import type {
  AgentConfig,
  AgentId,
  Channel,
  ContactId,
  Json,
  Millis,
  NewContact,
  QueueConfig,
  QueueId,
  RoutingAction,
  RoutingConfig,
  RoutingEvent,
  SkillRequirement,
  TenantId,
  TransferTarget,
} from './routing.types.js';

/** Wednesday 2026-04-01 09:00 JST (00:00 UTC): a working day. */
export const T0 = Date.parse('2026-04-01T00:00:00Z') as Millis;
export const SEC = 1000;
export const MIN = 60 * SEC;

export const qid = (s: string): QueueId => s as QueueId;
export const aid = (s: string): AgentId => s as AgentId;
export const cid = (s: string): ContactId => s as ContactId;
export const tid = (s: string): TenantId => s as TenantId;

export function queueConfig(id: string, overrides: Partial<QueueConfig> = {}): QueueConfig {
  return {
    id: qid(id),
    tenantId: tid('t1'),
    requiredSkills: [],
    priority: 0,
    agingPerMinute: 0,
    offerTimeoutSec: 20,
    wrapUpLimitSec: 0,
    serviceLevelSec: 20,
    stickyWindowSec: 0,
    overflow: [],
    ...overrides,
  };
}

export function agentConfig(id: string, overrides: Partial<AgentConfig> = {}): AgentConfig {
  return {
    id: aid(id),
    tenantIds: [tid('t1')],
    skills: {},
    capacity: { voice: 1, chat: 3, email: 5 },
    voiceBlocksOthers: true,
    ...overrides,
  };
}

export interface ArriveOptions {
  channel?: Channel;
  tenantId?: string;
  priority?: number;
  skills?: SkillRequirement[];
  external?: boolean;
  arrivedAt?: number;
  lastAgentId?: string;
  lastServedAt?: number;
  context?: Json;
}

function newContact(id: string, queueId: string, o: ArriveOptions): NewContact {
  return {
    id: cid(id),
    tenantId: tid(o.tenantId ?? 't1'),
    queueId: qid(queueId),
    channel: o.channel ?? 'voice',
    ...(o.priority !== undefined ? { priority: o.priority } : {}),
    ...(o.skills !== undefined ? { skills: o.skills } : {}),
    ...(o.external !== undefined ? { external: o.external } : {}),
    ...(o.arrivedAt !== undefined ? { arrivedAt: o.arrivedAt as Millis } : {}),
    ...(o.lastAgentId !== undefined ? { lastAgentId: aid(o.lastAgentId) } : {}),
    ...(o.lastServedAt !== undefined ? { lastServedAt: o.lastServedAt as Millis } : {}),
    ...(o.context !== undefined ? { context: o.context } : {}),
  };
}

/** Event builders with plain strings. */
export const ev = {
  arrive: (id: string, queueId: string, o: ArriveOptions = {}): RoutingEvent => ({ type: 'contact_arrived', contact: newContact(id, queueId, o) }),
  callback: (id: string, queueId: string, o: ArriveOptions = {}): RoutingEvent => ({ type: 'callback_due', contact: newContact(id, queueId, o) }),
  login: (agentId: string, reason?: string): RoutingEvent => ({ type: 'agent_presence', agentId: aid(agentId), change: 'login', ...(reason ? { reason } : {}) }),
  ready: (agentId: string): RoutingEvent => ({ type: 'agent_presence', agentId: aid(agentId), change: 'ready' }),
  break: (agentId: string, reason = 'lunch'): RoutingEvent => ({ type: 'agent_presence', agentId: aid(agentId), change: 'break', reason }),
  logout: (agentId: string): RoutingEvent => ({ type: 'agent_presence', agentId: aid(agentId), change: 'logout' }),
  accept: (contactId: string, agentId: string): RoutingEvent => ({ type: 'offer_accepted', contactId: cid(contactId), agentId: aid(agentId) }),
  reject: (contactId: string, agentId: string): RoutingEvent => ({ type: 'offer_rejected', contactId: cid(contactId), agentId: aid(agentId) }),
  externalAnswer: (contactId: string, agentId: string): RoutingEvent => ({ type: 'external_answered', contactId: cid(contactId), agentId: aid(agentId) }),
  hangUp: (contactId: string): RoutingEvent => ({ type: 'contact_ended', contactId: cid(contactId), reason: 'customer_left' }),
  close: (contactId: string): RoutingEvent => ({ type: 'contact_ended', contactId: cid(contactId), reason: 'agent_closed' }),
  wrapUpDone: (agentId: string, contactId?: string): RoutingEvent => ({
    type: 'wrap_up_done',
    agentId: aid(agentId),
    ...(contactId !== undefined ? { contactId: cid(contactId) } : {}),
  }),
  transfer: (contactId: string, byAgentId: string | null, to: TransferTarget, context?: Json): RoutingEvent => ({
    type: 'transfer',
    contactId: cid(contactId),
    ...(byAgentId !== null ? { byAgentId: aid(byAgentId) } : {}),
    to,
    ...(context !== undefined ? { context } : {}),
  }),
  tick: (): RoutingEvent => ({ type: 'tick' }),
};

/** Drives the engine through time; `send` fails the test on a rejected event. */
export class Harness {
  state: RoutingState;
  now: number;
  readonly log: RoutingAction[] = [];
  last: readonly RoutingAction[] = [];

  constructor(config: RoutingConfig, start: number = T0) {
    this.now = start;
    this.state = createRoutingState(config, { now: start as Millis });
  }

  /** Moves the clock and fires due timers (a tick). */
  advance(ms: number): readonly RoutingAction[] {
    this.now += ms;
    return this.send(ev.tick());
  }

  send(event: RoutingEvent): readonly RoutingAction[] {
    const r = this.try(event);
    if (!r.ok) throw new Error(`rejected ${event.type}: ${r.error.code} ${r.error.message}`);
    return r.actions;
  }

  try(event: RoutingEvent): StepResult {
    const r = step(this.state, event, this.now as Millis);
    if (r.ok) {
      this.state = r.state;
      this.log.push(...r.actions);
      this.last = r.actions;
    }
    return r;
  }

  sendAll(...events: RoutingEvent[]): void {
    for (const e of events) this.send(e);
  }

  /** [contactId, agentId] of the offers in `actions` (default: the last step). */
  offers(actions: readonly RoutingAction[] = this.last): [string, string][] {
    return actions.flatMap((a) => (a.type === 'offer' ? [[a.contactId as string, a.agentId as string] as [string, string]] : []));
  }

  statusOf(contactId: string): string {
    const c = this.state.contacts.get(cid(contactId));
    if (!c) return 'gone';
    return c.status.kind === 'waiting' ? 'waiting' : `${c.status.kind}:${c.status.agentId}`;
  }

  presenceOf(agentId: string): string {
    const p = this.state.agents.get(aid(agentId))?.presence;
    return p === undefined ? 'unknown' : p.kind === 'break' ? `break:${p.reason}` : p.kind;
  }
}
