import type { SimMe, SimPresence, SimWork, SimWorkPhase } from '../../core/simulation/agent-machine.js';

/**
 * The parts of the routing API (docs/routing-api.md) the simulator reads. Kept minimal and local on
 * purpose: the simulator is a client like any other and must keep working against the contract.
 */

export interface ContactBody {
  id: string;
  tenantId: string;
  channel: string;
  queueId: string;
  status: 'waiting' | 'offered' | 'connected' | 'wrap_up' | 'ended';
  outcome: 'answered' | 'abandoned' | 'closed' | null;
  customerId: string | null;
  externalId: string | null;
  agentUserId: string | null;
}

export interface CreatedContactBody extends ContactBody {
  afterHours?: boolean;
  nextOpening?: string | null;
}

export interface WorkItemBody {
  contact: ContactBody;
  phase: SimWorkPhase;
  expiresAt: string | null;
  tenantSlug: string;
  queueName: string;
  screenPop: unknown;
  dispositions: { code: string; label: string }[];
}

export interface AgentMeBody {
  agentId: string;
  displayName: string;
  presence: SimPresence;
  activity: 'offline' | 'available' | 'busy' | 'acw' | 'break' | 'missed';
  breakReasons: { tenantId: string; code: string; label: string }[];
  work: WorkItemBody[];
}

export type ServerMessage =
  | { type: 'hello'; me: AgentMeBody }
  | { type: 'me'; me: AgentMeBody }
  | { type: 'offer'; item: WorkItemBody }
  | { type: 'offer_cancelled'; contactId: string; reason: string }
  | { type: 'consult'; contactId: string }
  | { type: 'result'; id: string | null; ok: true; me: AgentMeBody }
  | { type: 'result'; id: string | null; ok: false; problem: { status: number; code?: string; detail?: string } }
  | { type: 'error'; problem: { status: number; code?: string; detail?: string } };

export interface QueueBody {
  id: string;
  name: string;
  requiredSkills: { skillId: string; minLevel: number }[];
  hoursId?: string | null;
  wrapUpLimitSec?: number;
  offerTimeoutSec?: number;
  serviceLevelSec?: number;
}

export interface SkillBody {
  id: string;
  name: string;
}

export const toSimWork = (w: WorkItemBody): SimWork => ({
  contactId: w.contact.id,
  phase: w.phase,
  channel: w.contact.channel,
  tenantSlug: w.tenantSlug,
  dispositions: w.dispositions.map((d) => d.code),
});

export const toSimMe = (me: AgentMeBody): SimMe => ({
  presence: me.presence,
  work: me.work.map(toSimWork),
  breakReasons: me.breakReasons.map((r) => r.code),
});
