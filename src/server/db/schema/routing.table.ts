import { pgTable, text, uuid, integer, boolean, jsonb, index, uniqueIndex, primaryKey, bigint, real } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, tenantIdColumn, tstz, updatedAt } from './columns.js';
import { tenants } from './tenant.table.js';
import { users } from './user.table.js';
import { customers } from './customer.table.js';
import { interactions } from './interaction.table.js';

// ------------------------------------------------------------------ configuration (admin-edited)

/** A skill of one client company (製品知識, 英語対応 …). Engine skill key = id. */
export const routingSkills = pgTable(
  'routing_skills',
  {
    id: idColumn(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('routing_skills_tenant_name_uq').on(t.tenantId, t.name)],
);

/** Weekly hours, holiday rule and closures (core `BusinessHours`, stored as JSON). */
export const businessHours = pgTable(
  'business_hours',
  {
    id: idColumn(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    spec: jsonb('spec').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('business_hours_tenant_name_uq').on(t.tenantId, t.name)],
);

/** A queue (キュー): required skills, priority, timers, overflow. Fields mirror core `QueueConfig`. */
export const routingQueues = pgTable(
  'routing_queues',
  {
    id: idColumn(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** [{ skillId, minLevel }] */
    requiredSkills: jsonb('required_skills').notNull().default([]),
    priority: integer('priority').notNull().default(0),
    agingPerMinute: real('aging_per_minute').notNull().default(1),
    offerTimeoutSec: integer('offer_timeout_sec').notNull().default(20),
    wrapUpLimitSec: integer('wrap_up_limit_sec').notNull().default(60),
    serviceLevelSec: integer('service_level_sec').notNull().default(20),
    /** Target share answered within serviceLevelSec (0.8 of "80/20"): wallboard thresholds. */
    serviceLevelTarget: real('service_level_target').notNull().default(0.8),
    stickyWindowSec: integer('sticky_window_sec').notNull().default(0),
    /** [{ afterSec, kind: 'add_queue', queueId } | { afterSec, kind: 'relax_level', by }] */
    overflow: jsonb('overflow').notNull().default([]),
    hoursId: uuid('hours_id').references(() => businessHours.id, { onDelete: 'restrict' }),
    /** Per channel: 'reject' | 'queue' when closed. */
    whenClosed: jsonb('when_closed').notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('routing_queues_tenant_name_uq').on(t.tenantId, t.name)],
);

/** Per agent (center-wide: one person, one headset): capacity per channel and blocking rules. */
export const agentProfiles = pgTable('agent_profiles', {
  userId: uuid('user_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  /** { voice: 0|1, chat, email, line, web } */
  capacity: jsonb('capacity').notNull(),
  voiceBlocksOthers: boolean('voice_blocks_others').notNull().default(true),
  othersBlockVoice: boolean('others_block_voice').notNull().default(false),
  /** The agent's PBX extension (内線): CTI events name it, the screen pop goes to this agent only. */
  extension: text('extension'),
  /** Where a Twilio call rings when the agent has no softphone (E.164). */
  phone: text('phone'),
  updatedAt: updatedAt(),
}, (t) => [uniqueIndex('agent_profiles_extension_uq').on(t.extension)]);

/** An agent's level (1..10) in one tenant's skill. */
export const agentSkills = pgTable(
  'agent_skills',
  {
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    skillId: uuid('skill_id').notNull().references(() => routingSkills.id, { onDelete: 'cascade' }),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    level: integer('level').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.skillId] }), index('agent_skills_tenant_idx').on(t.tenantId)],
);

/** Break reasons (休憩, 研修 …) and disposition codes (対応結果) per tenant. */
export const reasonCodes = pgTable(
  'reason_codes',
  {
    id: idColumn(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(), // 'break' | 'disposition'
    code: text('code').notNull(),
    label: text('label').notNull(),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('reason_codes_tenant_kind_code_uq').on(t.tenantId, t.kind, t.code)],
);

// ------------------------------------------------------------------ routed contacts (business records)

/**
 * A contact that went through routing (an inbound call, chat, mail … or a callback). Its interaction
 * row carries the conversation (notes, disposition); this row carries the routing story.
 */
export const contacts = pgTable(
  'contacts',
  {
    id: idColumn(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    /** Idempotency key of the source (call SID, message id …): a redelivery returns the same contact. */
    externalId: text('external_id'),
    channel: text('channel').notNull(),
    kind: text('kind').notNull().default('inbound'), // inbound | callback
    queueId: uuid('queue_id').notNull().references(() => routingQueues.id, { onDelete: 'restrict' }),
    interactionId: uuid('interaction_id').notNull().references(() => interactions.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    fromAddress: text('from_address'),
    serial: text('serial'),
    subject: text('subject'),
    priority: integer('priority'),
    /** waiting | offered | connected | wrap_up | ended */
    status: text('status').notNull(),
    /** answered | abandoned | closed (when ended) */
    outcome: text('outcome'),
    agentUserId: uuid('agent_user_id').references(() => users.id, { onDelete: 'set null' }),
    arrivedAt: tstz('arrived_at').notNull(),
    answeredAt: tstz('answered_at'),
    endedAt: tstz('ended_at'),
    /** Transfer notes and IVR data, carried to every agent who receives the contact. */
    context: jsonb('context'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('contacts_tenant_external_uq').on(t.tenantId, t.externalId),
    index('contacts_tenant_arrived_idx').on(t.tenantId, t.arrivedAt),
    index('contacts_agent_status_idx').on(t.agentUserId, t.status),
  ],
);

/** One stay of a contact in one queue (core metrics `ContactRecord`): a transfer opens a new leg. */
export const contactLegs = pgTable(
  'contact_legs',
  {
    id: idColumn(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
    // History outlives nothing by accident: a queue with contact legs cannot be deleted.
    queueId: uuid('queue_id').notNull().references(() => routingQueues.id, { onDelete: 'restrict' }),
    channel: text('channel').notNull(),
    agentUserId: uuid('agent_user_id').references(() => users.id, { onDelete: 'set null' }),
    offeredAt: tstz('offered_at').notNull(),
    answeredAt: tstz('answered_at'),
    endedAt: tstz('ended_at'),
    wrapUpEndedAt: tstz('wrap_up_ended_at'),
    /** answered | abandoned | closed | transferred; null while in progress */
    endReason: text('end_reason'),
  },
  (t) => [
    index('contact_legs_tenant_offered_idx').on(t.tenantId, t.offeredAt),
    index('contact_legs_contact_idx').on(t.contactId),
  ],
);

/** A scheduled callback (折り返し): routed like a contact when due. */
export const callbacks = pgTable(
  'callbacks',
  {
    id: idColumn(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    queueId: uuid('queue_id').notNull().references(() => routingQueues.id, { onDelete: 'restrict' }),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    phone: text('phone'),
    dueAt: tstz('due_at').notNull(),
    note: text('note'),
    /** The contact it came from: keeps the customer's place (arrivedAt) and the history. */
    fromContactId: uuid('from_contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    /** The customer's original place in line (an IVR "call me back" keeps it); null = the due time. */
    placeAt: tstz('place_at'),
    /** Offer first to this agent (sticky), e.g. the agent who promised the call. */
    preferredAgentId: uuid('preferred_agent_id').references(() => users.id, { onDelete: 'set null' }),
    /** scheduled | routed | cancelled */
    status: text('status').notNull().default('scheduled'),
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('callbacks_status_due_idx').on(t.status, t.dueAt), index('callbacks_tenant_idx').on(t.tenantId, t.dueAt)],
);

// ------------------------------------------------------------------ engine runtime (restart safety)

/** The routing engine's agent runtime (presence, slots), one row per agent who ever logged in. */
export const routingAgentRuntime = pgTable('routing_agent_runtime', {
  agentId: uuid('agent_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  runtime: jsonb('runtime').notNull(),
});

/** Live contacts in the engine (waiting, offered, connected); deleted when they end. */
export const routingContactRuntime = pgTable('routing_contact_runtime', {
  contactId: uuid('contact_id').primaryKey().references(() => contacts.id, { onDelete: 'cascade' }),
  tenantId: tenantIdColumn(),
  runtime: jsonb('runtime').notNull(),
});

/** Engine counters (arrival seq, last now): one row. */
export const routingMeta = pgTable('routing_meta', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  now: bigint('now', { mode: 'number' }).notNull(),
});

/**
 * Every engine action, in order, written in the same transaction as the state it produced. Agent
 * state history for reports, and what desktops replay on reconnect.
 */
export const routingEvents = pgTable(
  'routing_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: tstz('at').notNull(),
    type: text('type').notNull(),
    tenantId: uuid('tenant_id'),
    agentId: uuid('agent_id'),
    contactId: uuid('contact_id'),
    payload: jsonb('payload').notNull(),
  },
  (t) => [index('routing_events_agent_idx').on(t.agentId, t.id), index('routing_events_at_idx').on(t.at)],
);
