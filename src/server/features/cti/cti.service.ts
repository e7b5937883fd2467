import { applyCtiEvent, type CtiCallLog, type CtiCause, type CtiDirection, type CtiEvent } from '../../../core/cti/cti-call-log.js';
import { pbxNumberToE164 } from '../../../core/cti/cti-number.js';
import { isUniqueViolation } from '../../db/errors.js';
import { AppError } from '../../platform/app-error.js';
import type { Clock } from '../../platform/clock.js';
import type { IdGenerator } from '../../platform/ids.js';
import type { TenantContext } from '../../platform/principal.js';
import type { AgentNotices, CallPopMessage } from '../../realtime/agent-notices.js';
import type { CallPop } from '../../../core/cti/call-pop.js';
import { callSubjectOf } from '../calls/call-log-subject.js';
import type { CustomerService } from '../customers/customer.service.js';
import type { ContactService } from '../routing/contact.service.js';
import { RoutingRefused } from '../routing/routing-errors.js';
import type { RoutingRuntime } from '../routing/routing-runtime.js';
import type { ContactId, AgentId } from '../../../core/routing/routing.types.js';
import type { CtiTokenOwner } from '../telephony/telephony-settings.repository.js';
import type { TelephonySettingsService } from '../telephony/telephony-settings.service.js';
import { CTI_PROVIDER, type AgentIdentity, type CtiRepository, type VoiceCallRow } from './cti.repository.js';
import { toCtiEvent, type CtiPayload, type CtiReply } from './cti.schemas.js';

interface Deps {
  repo: CtiRepository;
  telephony: Pick<TelephonySettingsService, 'resolveCtiToken'>;
  customers: Pick<CustomerService, 'identify' | 'getCustomer'>;
  /** Inbound calls are counted in a routing queue as external contacts (the PBX distributes them). */
  contacts: Pick<ContactService, 'queueOf' | 'createContact'>;
  routing: Pick<RoutingRuntime, 'dispatch'>;
  notices: AgentNotices;
  ids: IdGenerator;
  clock: Clock;
}

/** What an event did (the route logs it): the core's effects, plus a blocked caller turned away. */
export type CtiOutcome = { effect: 'started' | 'rejected' | 'answered' | 'ended' | 'duplicate' | 'unknown_call'; callId: string | null; reply: CtiReply };

const REJECT_BUSY: CtiReply = { action: 'reject', reason: 'busy' };
const NOTHING: CtiReply = {};
// A conditional update lost to a concurrent event of the same call: decide again on the new state.
const MAX_ATTEMPTS = 3;

/** The call log as the core sees it, from the stored row. */
function logOf(r: VoiceCallRow): CtiCallLog {
  return {
    callId: r.externalId, direction: r.direction as CtiDirection, from: r.fromNumber, to: r.toNumber, queue: null,
    status: r.status as CtiCallLog['status'], answeredBy: r.answeredBy, cause: r.cause as CtiCause | null,
    missed: r.outcome === 'missed' || r.outcome === 'rejected',
    startedAt: r.startedAt.getTime(), answeredAt: r.answeredAt?.getTime() ?? null, endedAt: r.endedAt?.getTime() ?? null,
  };
}

/**
 * The generic CTI webhook (docs/cti.md): a PBX reports newCall, answer and hangup; each call is one
 * voice_calls row and one phone interaction in the customer's history, stored before the PBX gets
 * its answer. Screen pops go to the agents the PBX names (by extension, login or phone), never to all.
 */
export function createCtiService(deps: Deps) {
  const { repo } = deps;

  const ctxOf = (owner: CtiTokenOwner, client: { ip: string | null }): TenantContext => ({
    tenantId: owner.tenant.id, tenantSlug: owner.tenant.slug, timeZone: owner.tenant.timeZone, role: 'agent',
    actorUserId: null, actorTokenId: null, ip: client.ip, userAgent: 'cti-webhook',
  });

  /** The customer with this number, if any; a number the customers service refuses identifies no one. */
  async function customerOf(ctx: TenantContext, e164: string | null): Promise<string | null> {
    if (!e164) return null;
    try {
      return await deps.customers.identify(ctx, { phone: e164 });
    } catch (err) {
      if (err instanceof AppError && err.code === 'validation_failed') return null;
      throw err;
    }
  }

  /**
   * The agents these PBX names map to, in the order named; a name maps to its extension first, then
   * login, then phone. `extensionsOnly` are matched as extensions only (an inbound call's dialled
   * number: it is an extension when the PBX reports a leg to one, never an agent's own phone).
   */
  async function agentsNamed(tenantId: string, names: readonly string[], extensionsOnly: readonly string[] = []): Promise<AgentIdentity[]> {
    const wanted = names.map((n) => n.trim()).filter(Boolean);
    const extensions = extensionsOnly.map((n) => n.trim()).filter(Boolean);
    const phones = wanted.map((n) => pbxNumberToE164(n)).filter((n): n is NonNullable<typeof n> => n !== null);
    const found = await repo.agentsNamed(tenantId, [...wanted, ...phones, ...extensions]);
    const out: AgentIdentity[] = [];
    const add = (a: AgentIdentity | undefined) => {
      if (a && !out.some((x) => x.userId === a.userId)) out.push(a);
    };
    for (const name of wanted) {
      const e164 = pbxNumberToE164(name);
      add(found.find((x) => x.extension === name) ?? found.find((x) => x.email.toLowerCase() === name.toLowerCase()) ?? (e164 ? found.find((x) => x.phone === e164) : undefined));
    }
    for (const name of extensions) add(found.find((x) => x.extension === name));
    return out;
  }

  async function pop(ctx: TenantContext, agentUserIds: readonly string[], row: VoiceCallRow, status: CallPop['status'], queue: string | null) {
    if (agentUserIds.length === 0) return;
    // Stored before the frames go out: the hang-up reaches every desk that showed the call.
    if (status !== 'ended') await repo.notePopped(ctx.tenantId, row.id, agentUserIds);
    const customerName = row.customerId ? await deps.customers.getCustomer(ctx, row.customerId).then((c) => c.name, () => null) : null;
    const message: CallPopMessage = {
      type: 'call_pop',
      call: {
        id: row.id, tenantId: row.tenantId, provider: row.provider, callId: row.externalId, direction: row.direction as CtiDirection,
        from: row.fromNumber, to: row.toNumber, queue, status, customerId: row.customerId, customerName, interactionId: row.interactionId,
        outcome: status === 'ended' ? (row.outcome === 'answered' ? 'answered' : 'missed') : null,
      },
    };
    for (const id of new Set(agentUserIds)) deps.notices.publish(id, message);
  }

  /**
   * The routing queue an inbound call is counted in: the tenant's queue named like the PBX's `queue`,
   * else the tenant's CTI queue (telephony settings), else none (the call is only logged).
   */
  async function routingQueueOf(ctx: TenantContext, owner: CtiTokenOwner, pbxQueue: string | null): Promise<{ id: string } | null> {
    if (pbxQueue) {
      try {
        return await deps.contacts.queueOf(ctx, { name: pbxQueue });
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'validation_failed')) throw err;
      }
    }
    return owner.queueId ? { id: owner.queueId } : null;
  }

  /** Puts the call in the queue as an external contact; its interaction becomes the call's. Idempotent. */
  async function countInRouting(ctx: TenantContext, row: VoiceCallRow, queue: { id: string }): Promise<VoiceCallRow> {
    const { contact } = await deps.contacts.createContact(ctx, {
      channel: 'voice', queueId: queue.id, externalId: `cti:${row.externalId}`, from: row.fromNumber, customerId: row.customerId,
      subject: callSubjectOf('in', 'ringing', null), context: { call: { id: row.id, provider: CTI_PROVIDER, callId: row.externalId } },
    }, { external: true });
    return (await repo.linkContact(ctx.tenantId, row.id, { contactId: contact.id, interactionId: contact.interactionId })) ?? row;
  }

  /**
   * The PBX's answer or hang-up, told to routing. An answer the engine cannot take (an agent it does
   * not know, or already on a call) closes the contact, so it never lingers as waiting.
   */
  async function followInRouting(event: 'answer' | 'hangup', row: VoiceCallRow, agentUserId: string | null) {
    const contactId = row.contactId as ContactId;
    const end = (reason: 'customer_left' | 'system_closed') => deps.routing.dispatch({ type: 'contact_ended', contactId, reason });
    try {
      if (event === 'hangup') await end('customer_left');
      else if (agentUserId) await deps.routing.dispatch({ type: 'external_answered', contactId, agentId: agentUserId as AgentId });
      else await end('system_closed');
    } catch (err) {
      if (!(err instanceof RoutingRefused)) throw err;
      // Already ended (a replay), or an answer routing cannot follow: the call log still has it all.
      if (event === 'answer' && err.routingCode !== 'unknown_contact') await end('system_closed').catch(() => undefined);
    }
  }

  async function newCall(ctx: TenantContext, owner: CtiTokenOwner, e: Extract<CtiEvent, { event: 'newCall' }>, at: Date): Promise<CtiOutcome> {
    const seen = await repo.findCall(ctx.tenantId, e.callId);
    if (seen && seen.direction === 'in' && seen.status === 'ringing' && !seen.contactId && !seen.interactionId) {
      // Stored, but the server stopped before it was counted in its queue: finish that now.
      const queue = await routingQueueOf(ctx, owner, e.queue);
      if (queue) await countInRouting(ctx, seen, queue);
    }
    // A resent newCall gets the same answer, and nothing pops twice.
    if (seen) return { effect: 'duplicate', callId: seen.id, reply: seen.outcome === 'rejected' ? REJECT_BUSY : NOTHING };
    const from = pbxNumberToE164(e.from);
    const to = pbxNumberToE164(e.to);
    const customerNumber = e.direction === 'in' ? from : to;
    const blocked = e.direction === 'in' && from !== null && owner.blockedNumbers.includes(from);
    const customerId = await customerOf(ctx, customerNumber);
    // Inbound: the users being rung (and the dialled number, when it is an extension). Outbound: the caller.
    const agents = blocked ? [] : e.direction === 'in' ? await agentsNamed(ctx.tenantId, e.users, [e.to]) : await agentsNamed(ctx.tenantId, [e.from, ...e.users]);
    const caller = e.direction === 'out' ? (agents[0]?.userId ?? null) : null;
    const queue = e.direction === 'in' && !blocked ? await routingQueueOf(ctx, owner, e.queue) : null;

    let log = applyCtiEvent(null, e, at.getTime()).log!;
    if (blocked) log = applyCtiEvent(log, { event: 'hangup', callId: e.callId, direction: e.direction, cause: 'busy', answeringNumber: null }, at.getTime()).log!;
    const id = deps.ids();
    const interactionId = deps.ids();
    let inserted: boolean;
    try {
      inserted = await repo.insertCall({
        id, tenantId: ctx.tenantId, provider: CTI_PROVIDER, externalId: e.callId, direction: e.direction,
        // Numbers in E.164 when they are numbers; an extension or "anonymous" as the PBX wrote it.
        fromNumber: from ?? e.from, toNumber: to ?? e.to, status: log.status, outcome: blocked ? 'rejected' : null, cause: log.cause,
        customerId, agentUserId: caller, startedAt: at, endedAt: blocked ? at : null, createdAt: at, updatedAt: at,
      }, queue ? null : {
        id: interactionId, tenantId: ctx.tenantId, customerId, channel: 'phone', direction: e.direction === 'in' ? 'inbound' : 'outbound',
        queue: e.queue, agentUserId: caller, subject: callSubjectOf(e.direction, blocked ? 'rejected' : 'ringing', log.cause),
        disposition: blocked ? 'rejected' : null, offeredAt: at, endedAt: blocked ? at : null, createdAt: at, updatedAt: at,
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      inserted = false; // a concurrent delivery of the same call won
    }
    if (!inserted) {
      const winner = await repo.findCall(ctx.tenantId, e.callId);
      return { effect: 'duplicate', callId: winner?.id ?? null, reply: winner?.outcome === 'rejected' ? REJECT_BUSY : NOTHING };
    }
    if (blocked) return { effect: 'rejected', callId: id, reply: REJECT_BUSY };
    let row = await repo.findCall(ctx.tenantId, e.callId);
    if (row && queue) row = await countInRouting(ctx, row, queue);
    if (row) await pop(ctx, agents.map((a) => a.userId), row, 'ringing', e.queue);
    return { effect: 'started', callId: id, reply: NOTHING };
  }

  async function answerOrHangup(ctx: TenantContext, e: Exclude<CtiEvent, { event: 'newCall' }>, at: Date): Promise<CtiOutcome> {
    let row = await repo.findCall(ctx.tenantId, e.callId);
    for (let attempt = 0; row && attempt < MAX_ATTEMPTS; attempt++) {
      const r = applyCtiEvent(logOf(row), e, at.getTime());
      if (r.effect === 'duplicate' || !r.log) return { effect: 'duplicate', callId: row.id, reply: NOTHING };
      const log = r.log;
      // The agent: the one the PBX says answered, else (outbound) the one who called.
      const named = log.answeredBy && (e.event === 'answer' || !row.agentUserId) ? (await agentsNamed(ctx.tenantId, [log.answeredBy]))[0] : undefined;
      const agentUserId = named?.userId ?? row.agentUserId;
      const direction = row.direction as CtiDirection;
      const updated = e.event === 'answer'
        ? await repo.advanceCall(ctx.tenantId, e.callId, row.status,
          { status: 'answered', answeredAt: at, answeredBy: log.answeredBy, agentUserId },
          { agentUserId, answeredAt: at }, at)
        : await repo.advanceCall(ctx.tenantId, e.callId, row.status,
          { status: 'ended', endedAt: at, cause: log.cause, outcome: log.missed ? 'missed' : 'answered', answeredBy: log.answeredBy, agentUserId },
          { agentUserId, endedAt: at, ...(log.missed ? { subject: callSubjectOf(direction, 'missed', log.cause), disposition: 'missed' } : {}) }, at);
      if (updated) {
        if (updated.contactId) await followInRouting(e.event, updated, named?.userId ?? null);
        if (e.event === 'answer' && agentUserId) await pop(ctx, [agentUserId], updated, 'answered', null);
        if (e.event === 'hangup') await pop(ctx, [...updated.poppedUserIds, ...(agentUserId ? [agentUserId] : [])], updated, 'ended', null);
        return { effect: e.event === 'answer' ? 'answered' : 'ended', callId: updated.id, reply: NOTHING };
      }
      row = await repo.findCall(ctx.tenantId, e.callId);
    }
    if (row) return { effect: 'duplicate', callId: row.id, reply: NOTHING };
    // An answer or hang-up of a call whose newCall never came: accepted, nothing stored.
    return { effect: 'unknown_call', callId: null, reply: NOTHING };
  }

  return {
    /** The tenant of the token in the URL, or a 404 that reads the same for every wrong token. */
    async authenticate(token: string): Promise<CtiTokenOwner> {
      const owner = await deps.telephony.resolveCtiToken(token);
      if (!owner) throw new AppError('not_found', 'Not found');
      return owner;
    },
    /** Applies one PBX event; everything it changes is committed before this returns. */
    async handleEvent(owner: CtiTokenOwner, payload: CtiPayload, client: { ip: string | null }): Promise<CtiOutcome> {
      const ctx = ctxOf(owner, client);
      const e = toCtiEvent(payload);
      const at = deps.clock.now();
      return e.event === 'newCall' ? newCall(ctx, owner, e, at) : answerOrHangup(ctx, e, at);
    },
  };
}
export type CtiService = ReturnType<typeof createCtiService>;
