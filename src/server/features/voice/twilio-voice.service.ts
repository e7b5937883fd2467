import { startIvrCall, stepIvrCall } from '../../../core/ivr/ivr-interpreter.js';
import type { IvrCallState, IvrEnv, IvrEvent, IvrFlow } from '../../../core/ivr/ivr.types.js';
import { isOpen } from '../../../core/routing/business-hours.js';
import type { ContactId, QueueId } from '../../../core/routing/routing.types.js';
import { normalizePhone } from '../../../core/text-ja/phone.util.js';
import {
  agentLegTwiml, customerLegTwiml, emptyTwiml, hangupTwiml, leaveQueueTwiml, queueWaitTwiml, twimlOf, type TwimlLinks,
} from '../../channels/telephony/twilio/twiml-render.js';
import { AppError, notFound } from '../../platform/app-error.js';
import type { Clock } from '../../platform/clock.js';
import type { IdGenerator } from '../../platform/ids.js';
import type { TenantContext } from '../../platform/principal.js';
import { systemContext } from '../../platform/system-context.js';
import { callSubjectOf } from '../calls/call-log-subject.js';
import { forwardPayment, type PaymentProcessor } from '../../channels/payment/payment-forwarder.js';
import type { IvrFlowRepository } from '../ivr/ivr-flow.repository.js';
import type { CallbackService } from '../routing/callback.service.js';
import type { ContactService } from '../routing/contact.service.js';
import type { RoutingRuntime } from '../routing/routing-runtime.js';
import { driveIvr, type IvrEffects, type LookupAnswer } from './ivr-driver.js';
import type { VoiceCallRepository, VoiceCallRow } from './voice-call.repository.js';
import type { TwilioParams } from './twilio-voice.schemas.js';

export const TWILIO_TEXTS = {
  noFlow: 'お掛けになった番号では、現在お電話をお受けしておりません。',
  voicemailThanks: 'メッセージを承りました。担当者より折り返しご連絡いたします。',
  agentUnreachable: '担当者におつなぎできませんでした。このまま次の担当者をお待ちください。',
} as const;

/** How long the agent's phone rings before the caller goes back to the queue (or click-to-call gives up). */
export const AGENT_RING_SEC = 20;
/** How long click-to-call rings the customer once the agent picked up. */
const CUSTOMER_RING_SEC = 30;
/** A click-to-call row's external id until Twilio's CallSid is known (Twilio answers the REST call after the row exists). */
const PENDING_SID = 'pending:';
const isPendingSid = (externalId: string) => externalId.startsWith(PENDING_SID);
const FLOW_CACHE_MAX = 500;
const SETTINGS_TTL_MS = 5_000;

/** Remembers each key's answer for `ttlMs` (misses too: an unknown number is asked again later). */
function ttlCache<K, V>(ttlMs: number, load: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const entries = new Map<K, { at: number; value: Promise<V> }>();
  return (key) => {
    const now = Date.now();
    const hit = entries.get(key);
    if (hit && now - hit.at < ttlMs) return hit.value;
    if (entries.size > 10_000) entries.clear();
    const value = load(key);
    entries.set(key, { at: now, value });
    value.catch(() => entries.delete(key)); // a failed read is not remembered
    return value;
  };
}

/** A call's links as Twilio must call them back: the routes sign nothing, Twilio signs them all. */
export interface CallLinks extends Omit<TwimlLinks, 'gather'> {
  gather(nodeId: string, step: number): string;
  dialDone(): string;
  agentRecording(): string;
}

/** Click-to-call through Twilio: who calls whom, showing which number, ringing the agent where. */
export interface OutboundCall {
  agentUserId: string;
  /** The customer's number (E.164). */
  to: string;
  customerId: string | null;
  /** The tenant's caller id (E.164): the call's `from`. */
  callerId: string;
}

/** Who a webhook is for: the tenant (whose auth token checks the signature) and, later on, the call. */
export interface TwilioTarget {
  tenantId: string;
  authToken: string;
  call: VoiceCallRow | null;
  number: { e164: string; flowId: string; publishedVersion: number | null } | null;
}

interface Deps {
  calls: VoiceCallRepository;
  /** The tenant's Twilio credentials (telephony settings); null when Twilio is not set up. */
  twilioSecretsOf(tenantId: string): Promise<{ authToken: string; holdMusicUrl: string | null; payment: PaymentProcessor | null } | null>;
  flows: Pick<IvrFlowRepository, 'flowOfNumber' | 'findVersion'>;
  contacts: ContactService;
  callbacks: CallbackService;
  routing: RoutingRuntime;
  lookup(ctx: TenantContext, by: 'caller' | 'serial' | 'phone' | 'member', value: string): Promise<LookupAnswer>;
  ids: IdGenerator;
  clock: Clock;
}

const LIVE_CONTACT = new Set(['waiting', 'offered', 'connected']);

/**
 * Twilio Programmable Voice: each webhook advances the call's IVR (src/core/ivr) and answers with
 * TwiML. The call and its IVR state are stored before Twilio gets the answer, one step per
 * answer: a retried request (same step) gets the stored answer again, not a second step.
 */
export function createTwilioVoiceService(deps: Deps) {
  const { calls, clock } = deps;
  const flowCache = new Map<string, IvrFlow>();
  // Read on every webhook, changed by an admin now and then: kept a few seconds (a new auth token or
  // number is in force within SETTINGS_TTL_MS, in every process).
  const secretsOf = ttlCache(SETTINGS_TTL_MS, (tenantId: string) => deps.twilioSecretsOf(tenantId));
  const routeOf = ttlCache(SETTINGS_TTL_MS, (e164: string) => deps.flows.flowOfNumber(e164));
  const tenantOf = ttlCache(SETTINGS_TTL_MS, (tenantId: string) => calls.tenant(tenantId));

  async function flowOf(tenantId: string, flowId: string, version: number): Promise<IvrFlow | null> {
    const key = `${flowId}:${version}`;
    const cached = flowCache.get(key);
    if (cached) return cached;
    const row = await deps.flows.findVersion(tenantId, flowId, version);
    if (!row) return null;
    if (flowCache.size >= FLOW_CACHE_MAX) flowCache.clear(); // versions never change: a cold start is the only cost
    flowCache.set(key, row.flow as IvrFlow);
    return row.flow as IvrFlow;
  }

  /** Business hours as routing knows them now: a queue without hours is always open. */
  function envAt(now: number): IvrEnv {
    return {
      isOpen(calendar) {
        const index = deps.routing.current().index;
        const queue = index.queues.get(calendar as QueueId);
        if (!queue) return false;
        const hours = queue.hoursId ? index.hours.get(queue.hoursId) : undefined;
        return hours ? isOpen(hours, now) : true;
      },
    };
  }

  async function contextOf(tenantId: string): Promise<TenantContext> {
    const tenant = await tenantOf(tenantId);
    if (!tenant) throw notFound('Tenant');
    return systemContext(tenant, 'twilio');
  }

  function effectsFor(call: VoiceCallRow): IvrEffects {
    return {
      lookup: deps.lookup,
      async enqueue(ctx, a, state) {
        const queue = await deps.contacts.queueOf(ctx, { id: a.queueId });
        const { contact } = await deps.contacts.createContact(ctx, {
          channel: 'voice', queueId: queue.id, externalId: `twilio:${call.externalId}`, from: call.fromNumber,
          serial: a.entered.serial, customerId: a.customerId, priority: a.priority, skills: a.skills, subject: null,
          context: { ivr: { path: state.path, entered: a.entered, skills: a.skills }, call: { id: call.id, provider: 'twilio' } },
        }, { dropUnknownSkills: true });
        // A queue that is closed now (and takes no calls then) ends the contact at once.
        return { contactId: contact.id, customerId: contact.customerId, closed: contact.status === 'ended' };
      },
      async scheduleCallback(ctx, a, state) {
        const phone = normalizePhone(a.number);
        await deps.callbacks.schedule(ctx, {
          queueId: a.queueId, dueAt: clock.now(), customerId: state.customer?.customerId ?? null, phone: phone.ok ? phone.e164 : null,
          note: 'IVRで折り返しのご希望', keepPlace: false,
        }, { placeAt: call.startedAt });
      },
      // To the client's payment processor at once, when one is configured; dropped otherwise. Never
      // stored or logged either way (the IVR state never held them; see forwardPayment).
      passThrough: async (ctx, digits) => {
        const processor = (await secretsOf(ctx.tenantId))?.payment ?? null;
        if (processor) await forwardPayment(processor, { callId: call.id, tenantId: ctx.tenantId, digits });
      },
    };
  }

  /** Applies one IVR step to the call and stores it with its TwiML (false: a parallel delivery won). */
  async function answerStep(call: VoiceCallRow, flow: IvrFlow, ctx: TenantContext, step: ReturnType<typeof startIvrCall>, links: CallLinks) {
    const now = clock.now();
    const driven = await driveIvr(ctx, flow, step, envAt(now.getTime()), effectsFor(call));
    const next = call.step + 1;
    const twiml = twimlOf(driven.say, { ...links, gather: (nodeId) => links.gather(nodeId, next) });
    const outcome = driven.state.outcome;
    const moved = await calls.advance(call.id, call.step, twiml, {
      ivrState: driven.state, entered: driven.state.entered,
      customerId: driven.customerId ?? call.customerId,
      ...(driven.contactId ? { contactId: driven.contactId, status: 'queued' } : {}),
      ...(outcome ? { outcome: outcome.kind } : {}),
      ...(outcome && outcome.kind !== 'enqueue' && outcome.kind !== 'voicemail' && outcome.kind !== 'transfer' ? { status: 'ended', endedAt: now, cause: outcome.kind === 'hangup' ? `ivr_${outcome.reason}` : outcome.kind } : {}),
    }, now);
    if (moved) return twiml;
    return (await calls.find(call.id))?.lastReply ?? twiml;
  }

  return {
    /** The tenant a dialled number rings (the first webhook of a call). */
    async targetOfNumber(to: string): Promise<TwilioTarget | null> {
      const e164 = normalizePhone(to);
      if (!e164.ok) return null;
      const route = await routeOf(e164.e164);
      if (!route) return null;
      const secrets = await secretsOf(route.tenantId);
      if (!secrets) return null;
      return { tenantId: route.tenantId, authToken: secrets.authToken, call: null, number: { e164: e164.e164, flowId: route.flow.id, publishedVersion: route.flow.publishedVersion } };
    },
    /** The call a follow-up webhook names (our id, in the URL Twilio was given). */
    async targetOfCall(callId: string): Promise<TwilioTarget | null> {
      const call = await calls.find(callId);
      if (!call || call.provider !== 'twilio') return null;
      const secrets = await secretsOf(call.tenantId);
      return secrets ? { tenantId: call.tenantId, authToken: secrets.authToken, call, number: null } : null;
    },

    /** A call rings the number: stored, then the flow's first words and keys. */
    async incoming(target: TwilioTarget, p: TwilioParams, links: (callId: string) => CallLinks): Promise<string> {
      const number = target.number!;
      const now = clock.now();
      const from = normalizePhone(p.From);
      const { created, call } = await calls.insertOrFind({
        id: deps.ids(), tenantId: target.tenantId, provider: 'twilio', externalId: p.CallSid, direction: 'in',
        fromNumber: from.ok ? from.e164 : p.From, toNumber: number.e164, flowId: number.flowId, flowVersion: number.publishedVersion,
        status: 'ivr', startedAt: now,
      });
      if (!created && call.step > 0 && call.lastReply) return call.lastReply;
      const flow = number.publishedVersion === null ? null : await flowOf(target.tenantId, number.flowId, number.publishedVersion);
      if (!flow) {
        const twiml = hangupTwiml(TWILIO_TEXTS.noFlow);
        await calls.advance(call.id, call.step, twiml, { status: 'ended', outcome: 'hangup', cause: 'no_published_flow', endedAt: now }, now);
        return twiml;
      }
      const ctx = await contextOf(target.tenantId);
      return answerStep(call, flow, ctx, startIvrCall(flow, { from: call.fromNumber, to: call.toNumber }, envAt(now.getTime())), links(call.id));
    },

    /** Keys (or silence) at a gather; `step` is the answer they follow. */
    async gathered(target: TwilioTarget, step: number, p: TwilioParams, links: CallLinks): Promise<string> {
      const call = target.call!;
      if (step < call.step) return call.lastReply ?? emptyTwiml(); // Twilio retried a request we answered
      if (step > call.step) throw new AppError('conflict', `This call is at step ${call.step}, not ${step}`);
      if (call.status !== 'ivr' || !call.ivrState || call.flowId === null || call.flowVersion === null) return call.lastReply ?? emptyTwiml();
      const flow = await flowOf(call.tenantId, call.flowId, call.flowVersion);
      if (!flow) throw new AppError('conflict', 'The flow of this call is gone');
      const digits = p.Digits ?? '';
      const event: IvrEvent = digits === '' ? { type: 'timeout' } : { type: 'digits', digits };
      const now = clock.now();
      const ctx = await contextOf(call.tenantId);
      return answerStep(call, flow, ctx, stepIvrCall(flow, call.ivrState as IvrCallState, event, envAt(now.getTime())), links);
    },

    /** Twilio fetches this while the caller waits: news at first, then short pauses until an agent took it. */
    async queueWait(target: TwilioTarget, p: TwilioParams): Promise<string> {
      const call = target.call!;
      if (call.contactId && !(await stillWaiting(call.tenantId, call.contactId))) return leaveQueueTwiml();
      const avg = Number(p.AvgQueueTime);
      const queueTime = Number(p.QueueTime ?? 0);
      const musicUrl = (await secretsOf(call.tenantId))?.holdMusicUrl ?? null;
      return queueWaitTwiml({ estimatedWaitSec: Number.isFinite(avg) && avg > 0 ? avg : null, musicUrl, announce: queueTime < 1 });
    },

    /** How the caller left the queue: to the agent routing connected, or by hanging up. */
    async afterQueue(target: TwilioTarget, p: TwilioParams, links: CallLinks): Promise<string> {
      const call = target.call!;
      if (!call.contactId) return hangupTwiml(null);
      const ctx = await contextOf(call.tenantId);
      if (p.QueueResult !== 'leave' && p.QueueResult !== 'redirected') {
        await endCall(call, p.QueueResult ?? 'hangup');
        return emptyTwiml();
      }
      const contact = await deps.contacts.getContact(ctx, call.contactId);
      if (contact.status !== 'connected' || !contact.agentUserId) return hangupTwiml(null);
      const now = clock.now();
      await calls.update(call.id, { status: 'answered', agentUserId: contact.agentUserId, answeredAt: call.answeredAt ?? now }, now);
      const phone = await calls.agentPhone(contact.agentUserId);
      return agentLegTwiml(phone ? { kind: 'number', number: phone } : { kind: 'client', identity: softphoneIdentity(contact.agentUserId) },
        { dialDone: links.dialDone(), recording: links.agentRecording() }, AGENT_RING_SEC);
    },

    /**
     * Click-to-call: Twilio's call to the agent (`client:agent_…` or the agent's phone) was answered
     * and asks what to do: ring the customer with the tenant's caller id. Stored as the call's first
     * step with Twilio's CallSid, so a retry gets the same TwiML and nothing happens twice.
     */
    async outbound(target: TwilioTarget, p: TwilioParams, links: CallLinks): Promise<string> {
      const call = target.call!;
      if (call.direction !== 'out') throw new AppError('conflict', 'This call was not placed by click-to-call');
      if (call.step > 0) return call.lastReply ?? emptyTwiml(); // Twilio retried a request we answered
      if (!isPendingSid(call.externalId) && call.externalId !== p.CallSid) throw new AppError('conflict', 'This call has another CallSid');
      if (call.status === 'ended') return hangupTwiml(null);
      const now = clock.now();
      const twiml = customerLegTwiml(call.toNumber, call.fromNumber, { dialDone: links.dialDone(), recording: links.agentRecording() }, CUSTOMER_RING_SEC);
      if (await calls.advance(call.id, call.step, twiml, { externalId: p.CallSid }, now)) return twiml;
      return (await calls.find(call.id))?.lastReply ?? twiml;
    },

    /** The agent leg ended: the conversation is over, or the agent never picked up (back to the queue). */
    async dialDone(target: TwilioTarget, p: TwilioParams, links: CallLinks): Promise<string> {
      const call = target.call!;
      if (call.direction === 'out') return customerLegDone(call, p);
      if (!call.contactId) return hangupTwiml(null);
      if (p.DialCallStatus === 'completed') {
        await endCall(call, 'completed');
        return hangupTwiml(null);
      }
      // Not answered: the contact goes back to its queue, offered to anyone but this agent.
      const ctx = await contextOf(call.tenantId);
      const contact = await deps.contacts.getContact(ctx, call.contactId);
      if (contact.status === 'connected' && contact.agentUserId) {
        await deps.routing.dispatch({ type: 'transfer', contactId: contact.id as never, byAgentId: contact.agentUserId as never, to: { kind: 'queue', queueId: contact.queueId as never } });
      }
      return twimlOf([{ type: 'say', text: TWILIO_TEXTS.agentUnreachable, language: 'ja-JP' }, { type: 'enqueue', queueId: contact.queueId, priority: null, skills: [], customerId: null, entered: {} }], { ...links, gather: (nodeId) => links.gather(nodeId, call.step) });
    },

    /** A recording is ready: a voicemail (then a callback for the queue's team), or the agent conversation. */
    async recorded(target: TwilioTarget, kind: 'voicemail' | 'call', queueId: string | null, p: TwilioParams): Promise<string> {
      const call = target.call!;
      const now = clock.now();
      const duration = Number(p.RecordingDuration);
      const first = await calls.setRecordingOnce(call.id, { recordingSid: p.RecordingSid ?? '', recordingUrl: p.RecordingUrl ?? '', recordingDurationSec: Number.isFinite(duration) ? duration : null }, now);
      if (kind === 'call') return emptyTwiml();
      if (first && queueId) {
        const ctx = await contextOf(call.tenantId);
        const phone = normalizePhone(call.fromNumber);
        await deps.callbacks.schedule(ctx, {
          queueId, dueAt: now, customerId: call.customerId, phone: phone.ok ? phone.e164 : null,
          note: `留守番電話 (${Number.isFinite(duration) ? duration : '?'}秒) のメッセージへの折り返し`, keepPlace: false,
        }, { placeAt: call.startedAt });
      }
      return hangupTwiml(TWILIO_TEXTS.voicemailThanks);
    },

    /** Twilio's status callback: the final state of the call (a hang-up anywhere ends it here). */
    async status(target: TwilioTarget, p: TwilioParams): Promise<void> {
      // A click-to-call names its call in the status URL: Twilio may report before its CallSid was stored.
      const named = target.call && (target.call.externalId === p.CallSid || isPendingSid(target.call.externalId)) ? target.call : null;
      const call = named ?? await calls.findByExternalId(target.tenantId, 'twilio', p.CallSid);
      if (!call) return; // a call we never answered (no flow then): nothing to end
      if (['completed', 'busy', 'failed', 'no-answer', 'canceled'].includes(p.CallStatus ?? '')) await endCall(call, p.CallStatus!);
    },

    /**
     * Click-to-call through Twilio: the call (ringing the agent, direction out) and its phone
     * interaction are stored first; then `place` asks Twilio's REST API to ring the agent and Twilio's
     * CallSid is kept. A call Twilio refused stays in the log as failed, and the error goes on.
     */
    async placeOutboundCall(ctx: TenantContext, o: OutboundCall, place: (callId: string) => Promise<{ sid: string }>): Promise<{ callId: string; callSid: string }> {
      const now = clock.now();
      const id = deps.ids();
      await calls.insertWithInteraction({
        id, tenantId: ctx.tenantId, provider: 'twilio', externalId: `${PENDING_SID}${id}`, direction: 'out',
        fromNumber: o.callerId, toNumber: o.to, status: 'ringing', customerId: o.customerId, agentUserId: o.agentUserId, startedAt: now,
      }, {
        id: deps.ids(), tenantId: ctx.tenantId, customerId: o.customerId, channel: 'phone', direction: 'outbound', agentUserId: o.agentUserId,
        subject: callSubjectOf('out', 'ringing', null), offeredAt: now, createdBy: o.agentUserId, createdAt: now, updatedAt: now,
      });
      let sid: string;
      try {
        ({ sid } = await place(id));
      } catch (err) {
        const at = clock.now();
        await calls.endOnce(id, { endedAt: at, cause: 'not_placed', outcome: 'failed' }, at, { endedAt: at, subject: callSubjectOf('out', 'missed', 'not_placed'), disposition: 'failed' });
        throw err;
      }
      // The outbound webhook may have stored it already (Twilio rings the agent at once): the same value.
      await calls.update(id, { externalId: sid }, clock.now());
      return { callId: id, callSid: sid };
    },
  };

  /**
   * Click-to-call: the customer leg ended (Twilio's `DialCallStatus`). Answered: the call was talked
   * (answered `DialCallDuration` seconds ago); otherwise the customer was not reached. Either way the
   * call ends here; the status callback that follows changes nothing.
   */
  async function customerLegDone(call: VoiceCallRow, p: TwilioParams): Promise<string> {
    const now = clock.now();
    const status = p.DialCallStatus ?? 'unknown';
    if (status === 'completed' || status === 'answered') {
      const talkSec = Number(p.DialCallDuration);
      const answeredAt = Number.isFinite(talkSec) && talkSec >= 0 ? new Date(now.getTime() - talkSec * 1000) : now;
      await calls.endOnce(call.id, { endedAt: now, cause: 'completed', outcome: 'answered', answeredAt }, now, { answeredAt, endedAt: now });
    } else {
      await calls.endOnce(call.id, { endedAt: now, cause: status, outcome: 'missed' }, now, { endedAt: now, subject: callSubjectOf('out', 'missed', status), disposition: 'missed' });
    }
    return hangupTwiml(null);
  }

  /**
   * Whether the caller still waits for an agent (not yet connected, not ended). Fetched every few
   * seconds by every waiting caller: the engine's live state answers when it runs in this process.
   */
  async function stillWaiting(tenantId: string, contactId: string): Promise<boolean> {
    if (deps.routing.isRunning()) {
      const live = deps.routing.current().contacts.get(contactId as ContactId);
      return live !== undefined && live.status.kind !== 'connected';
    }
    const contact = await deps.contacts.getContact(await contextOf(tenantId), contactId);
    return contact.status === 'waiting' || contact.status === 'offered';
  }

  /** Ends the call once; a caller still in routing leaves it (waiting: abandoned; connected: answered and done). */
  async function endCall(call: VoiceCallRow, cause: string) {
    const now = clock.now();
    const state = call.ivrState as IvrCallState | null;
    const ivrEnd = call.status === 'ivr' && state && state.status !== 'ended' && call.flowId && call.flowVersion !== null
      ? stepIvrCall((await flowOf(call.tenantId, call.flowId, call.flowVersion))!, state, { type: 'hangup' }, envAt(now.getTime()))
      : null;
    // The outcome says how far the caller got: hung up in the IVR, left the queue, or talked to an agent.
    // A click-to-call that ends here never reached the customer (the agent did not pick up).
    const outbound = call.direction === 'out';
    const outcome = outbound ? (call.status === 'answered' ? 'answered' : 'missed')
      : ivrEnd?.ok ? 'hangup' : call.status === 'answered' ? 'answered' : call.status === 'queued' ? 'abandoned' : undefined;
    const ended = await calls.endOnce(call.id, {
      endedAt: now, cause, ...(outcome ? { outcome } : {}),
      ...(ivrEnd?.ok ? { ivrState: ivrEnd.state } : {}),
    }, now, outbound ? { endedAt: now, ...(outcome === 'missed' ? { subject: callSubjectOf('out', 'missed', cause), disposition: 'missed' } : {}) } : {});
    if (!ended || !call.contactId) return;
    const ctx = await contextOf(call.tenantId);
    const contact = await deps.contacts.getContact(ctx, call.contactId);
    if (LIVE_CONTACT.has(contact.status)) await deps.contacts.abandon(ctx, call.contactId);
  }
}

/** The agent's identity for the Twilio Voice JS SDK (what `<Client>` rings). */
export const softphoneIdentity = (userId: string) => `agent_${userId.replace(/-/g, '')}`;

export type TwilioVoiceService = ReturnType<typeof createTwilioVoiceService>;
