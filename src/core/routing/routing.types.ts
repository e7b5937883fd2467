import type { Brand } from '../brands.js';
import type { BusinessHours } from './business-hours.js';

/** Epoch milliseconds (UTC). The engine never reads a clock: every step is given `now`. */
export type Millis = Brand<number, 'Millis'>;
export type TenantId = Brand<string, 'TenantId'>;
export type QueueId = Brand<string, 'QueueId'>;
export type AgentId = Brand<string, 'AgentId'>;
export type ContactId = Brand<string, 'ContactId'>;

/** Media classes: capacity and blocking are per class, not per provider. */
export const CHANNELS = ['voice', 'chat', 'email', 'line', 'web'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Opaque data carried with a contact (transfer notes, IVR input). Plain JSON so it can be persisted. */
export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

export const MIN_SKILL_LEVEL = 1;
export const MAX_SKILL_LEVEL = 10;

// ------------------------------------------------------------------------------------ config

export interface SkillRequirement {
  readonly skill: string;
  /** 1..10 */
  readonly minLevel: number;
}

export type OverflowRule =
  /** After `afterSec` in this queue, agents of `queueId` may also take the contact (as a fallback). */
  | { readonly afterSec: number; readonly kind: 'add_queue'; readonly queueId: QueueId }
  /** After `afterSec`, every required level drops by `by` (never below 1: the skill stays required). */
  | { readonly afterSec: number; readonly kind: 'relax_level'; readonly by: number };

/** What a contact arriving while the queue is closed does: the closed action, or wait for agents. */
export type ClosedHoursMode = 'reject' | 'queue';

export interface QueueConfig {
  readonly id: QueueId;
  readonly tenantId: TenantId;
  readonly requiredSkills: readonly SkillRequirement[];
  /** Base priority of its contacts (integer; higher is served first). A contact may override it. */
  readonly priority: number;
  /** Priority points a waiting contact gains per minute waited (0 = none). */
  readonly agingPerMinute: number;
  readonly offerTimeoutSec: number;
  /** The longest after-contact work (後処理) before the slot is freed anyway; 0 = no ACW. */
  readonly wrapUpLimitSec: number;
  /** Service-level threshold (e.g. 20 s of 80/20); used by metrics, carried here as queue config. */
  readonly serviceLevelSec: number;
  /** A returning customer goes first to their last agent if served within this window; 0 = off. */
  readonly stickyWindowSec: number;
  readonly overflow: readonly OverflowRule[];
  readonly hoursId?: string;
  /**
   * Per channel, when closed. Default: voice and chat get the closed action; email, LINE and web
   * forms queue for the next opening (nobody is on the line waiting).
   */
  readonly whenClosed?: Readonly<Partial<Record<Channel, ClosedHoursMode>>>;
}

export interface AgentConfig {
  readonly id: AgentId;
  readonly tenantIds: readonly TenantId[];
  /** skill → level 1..10 */
  readonly skills: Readonly<Record<string, number>>;
  /** Open contacts per channel (offered, connected or in wrap-up). Missing = 0. Voice is 0 or 1. */
  readonly capacity: Readonly<Partial<Record<Channel, number>>>;
  /** While a voice contact is open, no other channel is offered. */
  readonly voiceBlocksOthers: boolean;
  /** While any non-voice contact is open, no voice is offered ("1 call OR n chats"). Default false. */
  readonly othersBlockVoice?: boolean;
}

export interface RoutingConfig {
  readonly queues: readonly QueueConfig[];
  readonly agents: readonly AgentConfig[];
  /** hoursId → business hours */
  readonly hours?: Readonly<Record<string, BusinessHours>>;
}

// ------------------------------------------------------------------------------------ runtime

/** What the agent asked for. "missed" is set by the engine when an offer timed out. */
export type Presence =
  | { readonly kind: 'offline' }
  | { readonly kind: 'available' }
  | { readonly kind: 'break'; readonly reason: string }
  | { readonly kind: 'missed' };
export type PresenceKind = Presence['kind'];

/** What the agent is doing, derived from presence and slots (for desktops and wallboards). */
export type AgentActivity = 'offline' | 'available' | 'busy' | 'acw' | 'break' | 'missed';

/**
 * One unit of an agent's capacity. ACW (後処理) is per slot: a chat in wrap-up keeps its chat slot
 * while the agent's other chats continue; a call in wrap-up keeps the voice slot, which blocks all
 * other channels when `voiceBlocksOthers`.
 */
export interface AgentSlot {
  readonly contactId: ContactId;
  readonly channel: Channel;
  readonly queueId: QueueId;
  readonly phase: 'offered' | 'connected' | 'wrap_up';
  readonly since: Millis;
  /** Offer expiry (offered) or wrap-up limit (wrap_up). */
  readonly until: Millis | null;
}

export interface AgentRuntime {
  readonly id: AgentId;
  readonly presence: Presence;
  readonly presenceSince: Millis;
  /** When the agent's workload last changed or they became available: "longest idle" = smallest. */
  readonly idleSince: Millis;
  readonly slots: readonly AgentSlot[];
}

export type ContactStatus =
  | { readonly kind: 'waiting' }
  | { readonly kind: 'offered'; readonly agentId: AgentId; readonly expiresAt: Millis }
  | { readonly kind: 'connected'; readonly agentId: AgentId; readonly since: Millis };

export interface ContactRuntime {
  readonly id: ContactId;
  readonly tenantId: TenantId;
  /** The queue it is in now (changes on transfer). */
  readonly queueId: QueueId;
  readonly channel: Channel;
  readonly kind: 'inbound' | 'callback';
  /** Explicit priority; null = the queue's priority. */
  readonly priorityOverride: number | null;
  /** Original arrival: kept through offer timeouts and transfers (fairness). */
  readonly arrivedAt: Millis;
  /** Entry into the current queue: overflow timers run from here. */
  readonly queuedAt: Millis;
  /** Engine-wide arrival order, breaks ties between equal arrival times. */
  readonly seq: number;
  readonly customerKey: string | null;
  readonly lastAgentId: AgentId | null;
  readonly lastServedAt: Millis | null;
  readonly context: Json | null;
  readonly status: ContactStatus;
  /** Overflow rules of the current queue already applied (rules sorted by afterSec). */
  readonly overflowStage: number;
  /** Queues added by overflow, in the order they were added. */
  readonly extraQueues: readonly QueueId[];
  /** Sum of relax_level rules applied. */
  readonly relax: number;
  /** Agents who rejected it (or transferred it away): never offered to them again. */
  readonly declinedBy: readonly AgentId[];
  /**
   * Skills this contact needs besides its queue's (an IVR asked for 英語対応): only agents with each
   * at the level (relaxed by overflow like the queue's) may take it, in every queue it waits in.
   * Kept through transfers; empty for most contacts.
   */
  readonly skills: readonly SkillRequirement[];
  /**
   * Distributed by a PBX's own ACD (a call reported through the CTI webhook): it waits here only to
   * be seen (wallboard, metrics), is never offered, and is connected by `external_answered`.
   */
  readonly external: boolean;
  readonly offers: number;
  readonly transfers: number;
}

// ------------------------------------------------------------------------------------ events

export interface NewContact {
  readonly id: ContactId;
  readonly tenantId: TenantId;
  readonly queueId: QueueId;
  readonly channel: Channel;
  readonly priority?: number;
  /** Skills it needs besides its queue's (see ContactRuntime.skills). */
  readonly skills?: readonly SkillRequirement[];
  /** Distributed by a PBX, not by this engine (see ContactRuntime.external). */
  readonly external?: boolean;
  /** Defaults to now; a callback may keep the time the customer asked (their place in line). */
  readonly arrivedAt?: Millis;
  readonly customerKey?: string;
  /** From the customer's history: who served them last and when (sticky routing). */
  readonly lastAgentId?: AgentId;
  readonly lastServedAt?: Millis;
  readonly context?: Json;
}

export type PresenceChange = 'login' | 'ready' | 'break' | 'logout';

export type TransferTarget =
  | { readonly kind: 'queue'; readonly queueId: QueueId }
  /** A named agent who can take it now; it then waits in `queueId` (default: its queue) if they do not answer. */
  | { readonly kind: 'agent'; readonly agentId: AgentId; readonly queueId?: QueueId };

export type EndReason = 'customer_left' | 'agent_closed' | 'system_closed';

export type RoutingEvent =
  | { readonly type: 'contact_arrived'; readonly contact: NewContact }
  /** A scheduled callback is due: routed like a contact, never refused for closed hours. */
  | { readonly type: 'callback_due'; readonly contact: NewContact }
  | { readonly type: 'agent_presence'; readonly agentId: AgentId; readonly change: PresenceChange; readonly reason?: string }
  | { readonly type: 'offer_accepted'; readonly contactId: ContactId; readonly agentId: AgentId }
  | { readonly type: 'offer_rejected'; readonly contactId: ContactId; readonly agentId: AgentId }
  /**
   * The PBX connected an external contact to this agent (CTI `answer`). The call is real whatever
   * the agent's presence: only the voice slot count is checked, never the blocking rules.
   */
  | { readonly type: 'external_answered'; readonly contactId: ContactId; readonly agentId: AgentId }
  | { readonly type: 'contact_ended'; readonly contactId: ContactId; readonly reason: EndReason }
  /** Without contactId: every wrap-up slot of the agent. */
  | { readonly type: 'wrap_up_done'; readonly agentId: AgentId; readonly contactId?: ContactId }
  /** From the connected agent (`byAgentId`), or a supervisor moving a waiting contact (no byAgentId). */
  | { readonly type: 'transfer'; readonly contactId: ContactId; readonly byAgentId?: AgentId; readonly to: TransferTarget; readonly context?: Json }
  | { readonly type: 'tick' }
  | { readonly type: 'reconfigure'; readonly config: RoutingConfig }
  /** Re-run matching for every agent and waiting contact (after restoring a snapshot). */
  | { readonly type: 'rebalance' };

// ------------------------------------------------------------------------------------ actions

export type OfferReason = 'sticky' | 'best_agent' | 'next_in_queue' | 'transfer';
export type OfferCancelReason = 'expired' | 'rejected' | 'agent_unavailable' | 'contact_ended';
export type ContactOutcome = 'answered' | 'abandoned' | 'closed';

export type RoutingAction =
  /** The contact entered a queue (arrival, callback, transfer). */
  | { readonly type: 'contact_queued'; readonly contactId: ContactId; readonly queueId: QueueId; readonly afterHours: boolean; readonly nextOpening: Millis | null }
  /** Closed: play the closed message / auto-reply on the caller's channel. Followed by contact_ended(closed). */
  | { readonly type: 'contact_closed_hours'; readonly contactId: ContactId; readonly queueId: QueueId; readonly channel: Channel; readonly nextOpening: Millis | null }
  | {
      readonly type: 'offer';
      readonly contactId: ContactId;
      readonly agentId: AgentId;
      readonly queueId: QueueId;
      readonly channel: Channel;
      readonly expiresAt: Millis;
      readonly reason: OfferReason;
      readonly context: Json | null;
    }
  | { readonly type: 'offer_cancelled'; readonly contactId: ContactId; readonly agentId: AgentId; readonly reason: OfferCancelReason }
  | { readonly type: 'contact_connected'; readonly contactId: ContactId; readonly agentId: AgentId; readonly queueId: QueueId; readonly waitedMs: number }
  | { readonly type: 'contact_overflowed'; readonly contactId: ContactId; readonly queueId: QueueId; readonly rule: OverflowRule }
  | {
      readonly type: 'contact_transferred';
      readonly contactId: ContactId;
      readonly fromAgentId: AgentId | null;
      readonly toQueueId: QueueId;
      readonly toAgentId: AgentId | null;
      readonly context: Json | null;
    }
  /** Exactly once per contact: the end of its life in routing. */
  | { readonly type: 'contact_ended'; readonly contactId: ContactId; readonly queueId: QueueId; readonly agentId: AgentId | null; readonly outcome: ContactOutcome }
  | { readonly type: 'wrap_up_started'; readonly agentId: AgentId; readonly contactId: ContactId; readonly until: Millis }
  | { readonly type: 'wrap_up_ended'; readonly agentId: AgentId; readonly contactId: ContactId; readonly reason: 'done' | 'limit' | 'logout' }
  | {
      readonly type: 'agent_state_changed';
      readonly agentId: AgentId;
      readonly presence: PresenceKind;
      readonly reason: string | null;
      readonly activity: AgentActivity;
      readonly since: Millis;
    };

export type RoutingErrorCode =
  | 'unknown_queue'
  | 'unknown_agent'
  | 'unknown_contact'
  | 'duplicate_contact'
  | 'tenant_mismatch'
  | 'invalid_contact'
  | 'invalid_event'
  | 'offer_not_found'
  | 'contact_not_connected'
  | 'contact_not_waiting'
  | 'agent_has_contacts'
  | 'target_unavailable'
  | 'not_in_wrap_up'
  | 'invalid_config'
  | 'config_in_use';

export interface RoutingError {
  readonly code: RoutingErrorCode;
  readonly message: string;
}
