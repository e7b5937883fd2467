import type { z } from 'zod';
import { maskCardNumbers } from '../../../core/privacy/card-mask.js';
import { AppError, notFound, type FieldError } from '../../platform/app-error.js';
import type { Clock } from '../../platform/clock.js';
import { isoOrNull } from '../../platform/dto.js';
import type { IdGenerator } from '../../platform/ids.js';
import type { TenantContext } from '../../platform/principal.js';
import type { AuditService } from '../audit/audit.service.js';
import type { InteractionFilter, InteractionJoinedRow, InteractionRepository } from './interaction.repository.js';
import type { updateInteractionBody, CreateInteractionInput, InteractionDto } from './interaction.schemas.js';

type Assert = (ctx: TenantContext, id: string) => Promise<void>;
interface Deps {
  repo: InteractionRepository;
  audit: AuditService;
  ids: IdGenerator;
  clock: Clock;
  assertCustomer: Assert;
  assertMember: Assert;
  /** Cases depend on interactions, so the reverse check is a late-bound function from the wiring. */
  assertCase: Assert;
}


export function toInteractionDto({ row: i, agentName }: InteractionJoinedRow): InteractionDto {
  return {
    id: i.id, customerId: i.customerId, caseId: i.caseId, channel: i.channel as InteractionDto['channel'], direction: i.direction as InteractionDto['direction'],
    queue: i.queue, agentUserId: i.agentUserId, agentName: agentName ?? null, subject: i.subject, notes: i.notes, disposition: i.disposition,
    recordingRef: i.recordingRef, offeredAt: isoOrNull(i.offeredAt), answeredAt: isoOrNull(i.answeredAt), endedAt: isoOrNull(i.endedAt),
    wrapUpEndedAt: isoOrNull(i.wrapUpEndedAt), createdAt: i.createdAt.toISOString(),
  };
}

type Times = { offeredAt?: Date | null; answeredAt?: Date | null; endedAt?: Date | null; wrapUpEndedAt?: Date | null };
/** offered ≤ answered ≤ ended ≤ wrap-up ended, for whichever of them are known. */
function checkTimeline(t: Times) {
  const order = ['offeredAt', 'answeredAt', 'endedAt', 'wrapUpEndedAt'] as const;
  const errors: FieldError[] = [];
  let last: { key: string; at: Date } | null = null;
  for (const key of order) {
    const at = t[key];
    if (!at) continue;
    if (last && at < last.at) errors.push({ path: key, message: `${key} is before ${last.key}` });
    last = { key, at };
  }
  if (errors.length) throw new AppError('validation_failed', errors.map((e) => e.message).join('; '), errors);
}

export function createInteractionService(deps: Deps) {
  const { repo } = deps;
  async function get(ctx: TenantContext, id: string) {
    const r = await repo.findById(ctx.tenantId, id);
    if (!r) throw notFound('Interaction');
    return r;
  }
  async function assertLinks(ctx: TenantContext, v: { customerId?: string | null; caseId?: string | null }) {
    if (v.customerId) await deps.assertCustomer(ctx, v.customerId);
    if (v.caseId) await deps.assertCase(ctx, v.caseId);
  }
  const mask = (s: string | null | undefined) => (s ? maskCardNumbers(s) : (s ?? null));

  return {
    async createInteraction(ctx: TenantContext, input: CreateInteractionInput) {
      const v = input;
      await assertLinks(ctx, v);
      const agentUserId = v.agentUserId ?? ctx.actorUserId;
      if (v.agentUserId) await deps.assertMember(ctx, v.agentUserId);
      checkTimeline(v);
      const now = deps.clock.now();
      const id = deps.ids();
      await repo.insert({
        id, tenantId: ctx.tenantId, customerId: v.customerId ?? null, caseId: v.caseId ?? null, channel: v.channel, direction: v.direction,
        queue: v.queue ?? null, agentUserId, subject: mask(v.subject), notes: mask(v.notes), disposition: v.disposition ?? null,
        recordingRef: v.recordingRef ?? null, offeredAt: v.offeredAt ?? null, answeredAt: v.answeredAt ?? null, endedAt: v.endedAt ?? null,
        wrapUpEndedAt: v.wrapUpEndedAt ?? null, createdBy: ctx.actorUserId, createdAt: now, updatedAt: now,
      });
      await deps.audit.record(ctx, { action: 'interaction.create', entity: 'interaction', entityId: id, changes: { channel: v.channel } });
      return toInteractionDto(await get(ctx, id));
    },
    async updateInteraction(ctx: TenantContext, id: string, input: z.output<typeof updateInteractionBody>) {
      const v = input;
      const current = (await get(ctx, id)).row;
      await assertLinks(ctx, v);
      checkTimeline({ ...current, ...Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined)) });
      const patch = Object.fromEntries(Object.entries({ ...v, subject: v.subject === undefined ? undefined : mask(v.subject), notes: v.notes === undefined ? undefined : mask(v.notes) }).filter(([, x]) => x !== undefined));
      await repo.update(ctx.tenantId, id, { ...patch, updatedAt: deps.clock.now() });
      await deps.audit.record(ctx, { action: 'interaction.update', entity: 'interaction', entityId: id, changes: { fields: Object.keys(patch) } });
      return toInteractionDto(await get(ctx, id));
    },
    /** For entries logged by mistake; the audit log keeps that it existed. */
    async deleteInteraction(ctx: TenantContext, id: string) {
      if (!(await repo.delete(ctx.tenantId, id))) throw notFound('Interaction');
      await deps.audit.record(ctx, { action: 'interaction.delete', entity: 'interaction', entityId: id });
    },
    async getInteraction(ctx: TenantContext, id: string) {
      return toInteractionDto(await get(ctx, id));
    },
    async listInteractions(ctx: TenantContext, f: InteractionFilter, page: number, pageSize: number) {
      if (f.customerId) await deps.assertCustomer(ctx, f.customerId);
      if (f.caseId) await deps.assertCase(ctx, f.caseId);
      const [items, total] = await Promise.all([repo.page(ctx.tenantId, f, pageSize, (page - 1) * pageSize), repo.count(ctx.tenantId, f)]);
      return { items: items.map(toInteractionDto), page, pageSize, total };
    },
    /** For views that already hold the customer or case of this tenant. */
    async latestFor(ctx: TenantContext, f: InteractionFilter, limit: number) {
      return (await repo.page(ctx.tenantId, f, limit, 0)).map(toInteractionDto);
    },
    async linkToCase(ctx: TenantContext, interactionId: string, caseId: string) {
      if (!(await repo.update(ctx.tenantId, interactionId, { caseId, updatedAt: deps.clock.now() }))) throw notFound('Interaction');
    },
    async assertExists(ctx: TenantContext, id: string) {
      await get(ctx, id);
    },
  };
}
export type InteractionService = ReturnType<typeof createInteractionService>;
