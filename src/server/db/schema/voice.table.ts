import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, tenantIdColumn, tstz, updatedAt } from './columns.js';
import { tenants } from './tenant.table.js';
import { users } from './user.table.js';
import { customers } from './customer.table.js';
import { contacts, routingQueues } from './routing.table.js';
import { interactions } from './interaction.table.js';
import { ivrFlows } from './ivr.table.js';

/**
 * A tenant's telephony adapters. The Twilio auth token is the shared secret Twilio signs webhooks
 * with, so it is kept as given (HMAC needs it); the CTI token is a bearer secret, kept only as its
 * SHA-256 (the webhook finds the tenant by the hash).
 */
export const telephonySettings = pgTable(
  'telephony_settings',
  {
    tenantId: uuid('tenant_id').primaryKey().references(() => tenants.id, { onDelete: 'cascade' }),
    twilioAccountSid: text('twilio_account_sid'),
    twilioAuthToken: text('twilio_auth_token'),
    /** Softphone (Twilio Voice JS SDK): an API key and the TwiML app agents' browsers call through. */
    twilioApiKeySid: text('twilio_api_key_sid'),
    twilioApiKeySecret: text('twilio_api_key_secret'),
    twilioTwimlAppSid: text('twilio_twiml_app_sid'),
    /** The number (E.164) click-to-call shows to the customer on Twilio (one of the tenant's Twilio numbers). */
    twilioCallerId: text('twilio_caller_id'),
    /**
     * What callers hear in the queue between the announcements: a short clip (mp3/wav, a few
     * seconds), played once per wait-URL fetch, so the caller leaves the queue when it ends.
     */
    twilioHoldMusicUrl: text('twilio_hold_music_url'),
    /**
     * Payment digits an IVR gathers are POSTed here (the client's PCI-compliant payment processor)
     * at once and kept nowhere; with the Authorization header value given (kept as given).
     */
    paymentUrl: text('payment_url'),
    paymentAuthorization: text('payment_authorization'),
    ctiTokenHash: text('cti_token_hash'),
    /**
     * Where a PBX's inbound calls are counted in routing (wallboard, metrics, the desk's work list)
     * when the CTI event names no queue of the tenant; null: such calls are only logged.
     */
    ctiQueueId: uuid('cti_queue_id').references(() => routingQueues.id, { onDelete: 'set null' }),
    /**
     * Click-to-call through the PBX: a URL template the server POSTs to, with {extension}, {number}
     * (E.164) and {national} filled in (e.g. Asterisk ARI's originate), and the Authorization header
     * value it sends (kept as given: the PBX needs it).
     */
    ctiDialUrl: text('cti_dial_url'),
    ctiDialAuthorization: text('cti_dial_authorization'),
    /** Calling numbers (E.164) the CTI webhook rejects as busy (迷惑電話). */
    blockedNumbers: text('blocked_numbers').array().notNull().default([]),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('telephony_settings_cti_token_uq').on(t.ctiTokenHash)],
);

/**
 * One phone call as the telephony adapter reported it (call log, 通話履歴): a Twilio call with its
 * IVR state, or a PBX's call through the generic CTI webhook. Keyed by the provider's call id per
 * tenant, so a resent webhook finds the same row.
 */
export const voiceCalls = pgTable(
  'voice_calls',
  {
    id: idColumn(),
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: 'cascade' }),
    /** twilio | cti */
    provider: text('provider').notNull(),
    /** Twilio's CallSid, or the PBX's callId. */
    externalId: text('external_id').notNull(),
    /** in | out */
    direction: text('direction').notNull(),
    fromNumber: text('from_number').notNull(),
    toNumber: text('to_number').notNull(),
    flowId: uuid('flow_id').references(() => ivrFlows.id, { onDelete: 'set null' }),
    flowVersion: integer('flow_version'),
    /** The IVR interpreter's state (src/core/ivr IvrCallState); never holds payment digits. */
    ivrState: jsonb('ivr_state'),
    /** Webhook replies so far: a retry of the reply before the last gets the stored reply again. */
    step: integer('step').notNull().default(0),
    lastReply: text('last_reply'),
    /** ivr | queued | ringing | answered | ended */
    status: text('status').notNull(),
    /** enqueue | voicemail | callback | transfer | hangup | answered | missed … */
    outcome: text('outcome'),
    /** How it ended: a CTI cause (normalClearing, busy …) or Twilio's final CallStatus. */
    cause: text('cause'),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    interactionId: uuid('interaction_id').references(() => interactions.id, { onDelete: 'set null' }),
    agentUserId: uuid('agent_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** The extension or user the PBX said answered. */
    answeredBy: text('answered_by'),
    /** The agents whose desks got a pop of this call: told again when it ends. */
    poppedUserIds: uuid('popped_user_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** Digits entered in the IVR that are kept (serial, phone, member); for the call log. */
    entered: jsonb('entered').notNull().default({}),
    recordingSid: text('recording_sid'),
    recordingUrl: text('recording_url'),
    recordingDurationSec: integer('recording_duration_sec'),
    startedAt: tstz('started_at').notNull(),
    answeredAt: tstz('answered_at'),
    endedAt: tstz('ended_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('voice_calls_tenant_provider_external_uq').on(t.tenantId, t.provider, t.externalId),
    index('voice_calls_tenant_started_idx').on(t.tenantId, t.startedAt),
    index('voice_calls_customer_idx').on(t.tenantId, t.customerId, t.startedAt),
    index('voice_calls_agent_idx').on(t.tenantId, t.agentUserId, t.startedAt),
    index('voice_calls_contact_idx').on(t.contactId),
  ],
);
