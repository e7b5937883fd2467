/**
 * Types of the routing API (docs/routing-api.md) as the console uses them: contacts, the agent
 * desktop and its WebSocket, the wallboard, and the routing admin endpoints. Hand-written from the
 * contract; to be replaced by the server's zod schemas once they exist.
 */
import type { CallPop } from '../../../core/cti/call-pop.js';
import type { BusinessHours, OpenInterval } from '../../../core/routing/business-hours.js';
import type { CustomerOverview, IsoDate, IsoDateTime, Problem } from './types.js';

export type { BusinessHours, OpenInterval };

// ---- contacts ------------------------------------------------------------------------------

/** Media classes of routing (capacity and blocking are per class). */
export const ROUTING_CHANNELS = ['voice', 'chat', 'email', 'line', 'web'] as const;
export type RoutingChannel = (typeof ROUTING_CHANNELS)[number];

export type ContactStatus = 'waiting' | 'offered' | 'connected' | 'wrap_up' | 'ended';
export type ContactOutcome = 'answered' | 'abandoned' | 'closed';

export interface ContactDto {
  id: string;
  tenantId: string;
  interactionId: string;
  customerId: string | null;
  channel: RoutingChannel;
  /** `inbound` or `callback`. */
  kind: string;
  queueId: string;
  /** Name of the queue it is in now. */
  queueName?: string;
  status: ContactStatus;
  outcome: ContactOutcome | null;
  agentUserId: string | null;
  arrivedAt: IsoDateTime;
  answeredAt: IsoDateTime | null;
  endedAt: IsoDateTime | null;
  externalId: string | null;
  /** Caller number, e-mail address or chat handle as received. */
  from: string | null;
  serial: string | null;
  subject: string | null;
  /** Opaque channel data (IVR input …). */
  context?: Record<string, unknown> | null;
  /** Only on `POST /contacts`: the queue was closed. */
  afterHours?: boolean;
  nextOpening?: IsoDateTime | null;
}

// ---- agent desktop -------------------------------------------------------------------------

export type Presence = 'offline' | 'available' | 'break' | 'missed';
export type AgentActivity = 'offline' | 'available' | 'busy' | 'acw' | 'break' | 'missed';
export const AGENT_ACTIVITIES: readonly AgentActivity[] = ['available', 'busy', 'acw', 'break', 'missed', 'offline'];

export type PresenceChange = 'login' | 'ready' | 'break' | 'logout';

export interface ReasonOption {
  tenantId: string;
  code: string;
  label: string;
}

export interface CodeLabel {
  code: string;
  label: string;
}

export interface TransferNote {
  at: IsoDateTime;
  fromAgentId?: string;
  fromName: string;
  note: string;
}

export type WorkPhase = 'offered' | 'connected' | 'wrap_up';

export interface WorkItem {
  contact: ContactDto;
  phase: WorkPhase;
  /** Offer expiry (phase `offered`). */
  expiresAt: IsoDateTime | null;
  /** End of the wrap-up limit (phase `wrap_up`); null when the queue sets no limit. */
  wrapUpUntil: IsoDateTime | null;
  queueName: string;
  tenantSlug: string;
  tenantName: string;
  /** The customer 360 overview, or null for an unknown caller. */
  screenPop: CustomerOverview | null;
  transferNotes: TransferNote[];
  /** Notes saved on the interaction so far. */
  interactionNotes: string | null;
  /** The tenant's disposition codes (対応結果). */
  dispositions: CodeLabel[];
}

export interface AgentMe {
  agentId: string;
  displayName: string;
  presence: Presence;
  reason: string | null;
  activity: AgentActivity;
  /** When the current *activity* began (a call starting or ending restarts it): the desk's time in state, as on the wallboard. */
  since: IsoDateTime;
  breakReasons: ReasonOption[];
  work: WorkItem[];
}

export interface PresenceRequest {
  change: PresenceChange;
  reason?: string;
}

export interface WrapUpRequest {
  disposition?: string;
  notes?: string;
  caseId?: string;
}

export interface TransferRequest {
  queueId?: string;
  agentId?: string;
  note: string;
}

export interface ConsultRequest {
  agentId: string;
  note: string;
}

export interface TransferTargets {
  queues: { id: string; name: string; waiting: number }[];
  agents: { id: string; name: string; activity: AgentActivity }[];
}

export type OfferCancelReason = 'expired' | 'rejected' | 'agent_unavailable' | 'contact_ended';

/** 相談: a colleague asks for advice about a contact they hold. */
export interface ConsultMessage {
  type: 'consult';
  fromName: string;
  contactId: string;
  note: string;
  /** The contact as the asking agent holds it, with its screen pop (null only if it could not be read). */
  item: WorkItem | null;
}

/** The desk's call screen pop (shared with the server). */
export type { CallPop };

/** Server → client frames of `/api/v1/agent/ws`. */
export type AgentServerMessage =
  | { type: 'hello'; me: AgentMe }
  | { type: 'call_pop'; call: CallPop }
  | { type: 'me'; me: AgentMe }
  | { type: 'offer'; item: WorkItem }
  | { type: 'offer_cancelled'; contactId: string; reason: OfferCancelReason }
  | ConsultMessage
  | { type: 'result'; id: string; ok: true; me: AgentMe }
  | { type: 'result'; id: string; ok: false; problem: Problem };

export interface CallbackCreate {
  queueId: string;
  dueAt: IsoDateTime;
  customerId?: string;
  phone?: string;
  note?: string;
  fromContactId?: string;
  preferredAgentId?: string;
}

// ---- wallboard -----------------------------------------------------------------------------

/** Today's figures (JST); null where undefined (no contacts yet). Rates are shares 0..1. */
export interface Figures {
  waiting: number | null;
  longestWaitSec: number | null;
  offered: number | null;
  answered: number | null;
  abandoned: number | null;
  answerRate: number | null;
  serviceLevel: number | null;
  asaSec: number | null;
  ahtSec: number | null;
  acwSec: number | null;
}

export interface WallboardTenant {
  tenantId: string;
  slug: string;
  name: string;
  totals: Figures;
}

export interface WallboardQueue {
  queueId: string;
  tenantId: string;
  name: string;
  serviceLevelSec: number;
  /** Share 0..1 (0.8 of "80/20"). */
  serviceLevelTarget: number;
  figures: Figures;
}

export interface WallboardAgent {
  agentId: string;
  name: string;
  activity: AgentActivity;
  /** Break reason code (while on break). */
  reason: string | null;
  /** The tenant's label of `reason` (昼休憩), or the code when it has none. */
  reasonLabel: string | null;
  /** When the current activity began. */
  since: IsoDateTime;
  tenantIds: string[];
  load: Partial<Record<RoutingChannel, number>>;
}

export interface Wallboard {
  at: IsoDateTime;
  tenants: WallboardTenant[];
  queues: WallboardQueue[];
  agents: WallboardAgent[];
}

export type WallboardServerMessage = { type: 'wallboard'; board: Wallboard };

// ---- routing admin -------------------------------------------------------------------------

export interface Skill {
  id: string;
  name: string;
}

export interface SkillRequirement {
  skillId: string;
  minLevel: number;
}

export type OverflowRule =
  | { afterSec: number; kind: 'add_queue'; queueId: string }
  | { afterSec: number; kind: 'relax_level'; by: number };

export type ClosedHoursMode = 'reject' | 'queue';

export interface QueueInput {
  name: string;
  requiredSkills: SkillRequirement[];
  priority: number;
  agingPerMinute: number;
  offerTimeoutSec: number;
  wrapUpLimitSec: number;
  serviceLevelSec: number;
  /** Share 0..1. */
  serviceLevelTarget: number;
  stickyWindowSec: number;
  overflow: OverflowRule[];
  hoursId: string | null;
  whenClosed: Partial<Record<RoutingChannel, ClosedHoursMode>>;
}

export interface RoutingQueue extends QueueInput {
  id: string;
}

export interface BusinessHoursRecord {
  id: string;
  name: string;
  spec: BusinessHours;
}

export interface BusinessHoursInput {
  name: string;
  spec: BusinessHours;
}

export type DayRule = 'special' | 'closure' | 'holiday' | 'weekly';

/** One day of `GET /routing/hours/:id/preview`. */
export interface HoursPreviewDay {
  date: IsoDate;
  weekday?: string;
  rule: DayRule;
  /** The special day, closure or holiday deciding the day. */
  name: string | null;
  /** The national holiday on that date, whatever rule decided it. */
  holiday?: string | null;
  open?: boolean;
  /** `[openMinute, closeMinute)` pairs, or `{open, close}` "HH:MM" intervals. */
  intervals: (readonly [number, number] | OpenInterval)[];
}

export interface AgentProfileInput {
  capacity: Partial<Record<RoutingChannel, number>>;
  voiceBlocksOthers: boolean;
  othersBlockVoice: boolean;
  skills: { skillId: string; level: number }[];
  /** PBX extension (内線), unique across the center; omitted: kept, null: removed. */
  extension?: string | null;
  /** Where a Twilio call rings without a softphone (any common form; the server stores and returns E.164); omitted: kept, null: removed. */
  phone?: string | null;
}

export interface RoutingAgent extends AgentProfileInput {
  userId: string;
  displayName: string;
  email?: string;
  role?: 'agent' | 'supervisor';
  /** False until a profile is set: such an agent is not routed (the fields show the defaults). */
  hasProfile?: boolean;
}

export type ReasonKind = 'break' | 'disposition';

/** POST body; PATCH takes the same fields except `kind`. */
export interface ReasonCodeInput {
  kind: ReasonKind;
  code: string;
  label: string;
  active: boolean;
  sortOrder: number;
}

export interface ReasonCode extends ReasonCodeInput {
  id: string;
}

/** Admin lists may come as a bare array or as `{ items }`. */
export type ListBody<T> = T[] | { items: T[] };

export function itemsOf<T>(body: ListBody<T> | undefined | null): T[] {
  if (!body) return [];
  return Array.isArray(body) ? body : body.items;
}
