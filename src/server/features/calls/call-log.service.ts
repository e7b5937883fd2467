import { hasPermission } from '../../../core/auth/permissions.js';
import { AppError, notFound } from '../../platform/app-error.js';
import { isoOrNull } from '../../platform/dto.js';
import type { TenantContext } from '../../platform/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CustomerService } from '../customers/customer.service.js';
import type { CallLogFilter, CallLogRepository, CallLogRow } from './call-log.repository.js';
import type { CallDto, CallLogQuery } from './call-log.schemas.js';

const secondsBetween = (a: Date | null, b: Date | null) => (a && b ? Math.max(0, Math.round((b.getTime() - a.getTime()) / 1000)) : null);

export function toCallDto({ call: c, customerName, agentName }: CallLogRow): CallDto {
  const hasRecording = Boolean(c.recordingUrl);
  return {
    id: c.id, provider: c.provider, externalId: c.externalId, direction: c.direction, from: c.fromNumber, to: c.toNumber, status: c.status, outcome: c.outcome, cause: c.cause,
    customer: c.customerId && customerName !== null ? { id: c.customerId, name: customerName } : null,
    agent: c.agentUserId && agentName !== null ? { userId: c.agentUserId, name: agentName } : null,
    answeredBy: c.answeredBy, interactionId: c.interactionId,
    startedAt: c.startedAt.toISOString(), answeredAt: isoOrNull(c.answeredAt), endedAt: isoOrNull(c.endedAt),
    ringSec: secondsBetween(c.startedAt, c.answeredAt ?? c.endedAt), talkSec: secondsBetween(c.answeredAt, c.answeredAt ? c.endedAt : null),
    hasRecording, recordingUrl: hasRecording ? `/api/v1/calls/${c.id}/recording` : null, recordingDurationSec: c.recordingDurationSec,
  };
}

const encodeCursor = (r: CallLogRow) => Buffer.from(JSON.stringify([r.call.startedAt.toISOString(), r.call.id])).toString('base64url');
function decodeCursor(cursor: string): NonNullable<CallLogFilter['after']> {
  const bad = () => new AppError('validation_failed', 'cursor is not one this API gave out', [{ path: 'querystring.cursor', message: 'invalid cursor' }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || typeof parsed[0] !== 'string' || typeof parsed[1] !== 'string' || !/^[0-9a-f-]{36}$/i.test(parsed[1])) throw bad();
  const startedAt = new Date(parsed[0]);
  if (Number.isNaN(startedAt.getTime())) throw bad();
  return { startedAt, id: parsed[1] };
}

/**
 * The call log of every telephony provider. Who sees what: supervisors, admins and HQ (who monitor
 * routing) every call of the tenant; an agent only the calls they took or made.
 */
export function createCallLogService(deps: { repo: CallLogRepository; audit: AuditService; customers: Pick<CustomerService, 'assertExists'>; clock: Clock }) {
  const { repo } = deps;
  /** The agent whose calls only the caller may see, or null when they may see all. */
  const ownOnly = (ctx: TenantContext) => (hasPermission(ctx.role, 'routing:monitor') ? null : { agentUserId: ctx.actorUserId });

  async function visibleCall(ctx: TenantContext, id: string) {
    const r = await repo.find(ctx.tenantId, id);
    const own = ownOnly(ctx);
    if (!r || (own && (own.agentUserId === null || r.call.agentUserId !== own.agentUserId))) throw notFound('Call');
    return r;
  }

  return {
    async listCalls(ctx: TenantContext, q: CallLogQuery) {
      const own = ownOnly(ctx);
      // An agent asking for someone else's calls (or a token without a user) sees none.
      if (own && (own.agentUserId === null || (q.agentUserId && q.agentUserId !== own.agentUserId))) return { items: [], nextCursor: null };
      const filter: CallLogFilter = {
        customerId: q.customerId, agentUserId: own?.agentUserId ?? q.agentUserId, from: q.from, to: q.to,
        after: q.cursor ? decodeCursor(q.cursor) : undefined,
      };
      const rows = await repo.list(ctx.tenantId, filter, q.limit + 1);
      const page = rows.slice(0, q.limit);
      return { items: page.map(toCallDto), nextCursor: rows.length > q.limit ? encodeCursor(page[page.length - 1]!) : null };
    },
    async getCall(ctx: TenantContext, id: string) {
      return toCallDto(await visibleCall(ctx, id));
    },
    /**
     * The customer an agent registered (or found) for a caller the call did not identify: the call,
     * its interaction and its contact join their history. An agent may link a call nobody took yet
     * (it rings at their desk) or their own; a call linked to someone else already is a 409.
     */
    async linkCustomer(ctx: TenantContext, id: string, customerId: string) {
      const found = await repo.find(ctx.tenantId, id);
      const own = ownOnly(ctx);
      if (!found || (own && (own.agentUserId === null || (found.call.agentUserId !== null && found.call.agentUserId !== own.agentUserId)))) throw notFound('Call');
      await deps.customers.assertExists(ctx, customerId);
      if (found.call.customerId === customerId) return toCallDto(found);
      const linked = found.call.customerId === null && (await repo.linkCustomer(ctx.tenantId, id, customerId, deps.clock.now()));
      if (!linked) throw new AppError('conflict', 'The call is already linked to another customer');
      await deps.audit.record(ctx, { action: 'call.link_customer', entity: 'voice_call', entityId: id, changes: { customerId } });
      return toCallDto((await repo.find(ctx.tenantId, id))!);
    },
    /** Where the recording is (opening it is audited); 404 without one. */
    async recordingLocation(ctx: TenantContext, id: string): Promise<string> {
      const { call } = await visibleCall(ctx, id);
      // Only web addresses: a stored value is never turned into a redirect to another scheme.
      if (!call.recordingUrl || !/^https?:\/\//i.test(call.recordingUrl)) throw notFound('Recording');
      await deps.audit.record(ctx, { action: 'call.recording_open', entity: 'voice_call', entityId: id });
      return call.recordingUrl;
    },
  };
}
export type CallLogService = ReturnType<typeof createCallLogService>;
