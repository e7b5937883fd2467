import { allowedTransitions, canTransition, CASE_STATUSES, isOpenStatus, type CaseStatus } from '../../../core/cases/case-status.js';
import { formatCaseNumber } from '../../../core/cases/case-number.js';
import { maskCardNumbers } from '../../../core/privacy/card-mask.js';
import { AppError, notFound } from '../../platform/app-error.js';
import type { Clock } from '../../platform/clock.js';
import { isoOrNull } from '../../platform/dto.js';
import type { IdGenerator } from '../../platform/ids.js';
import type { TenantContext } from '../../platform/principal.js';
import type { AuditService } from '../audit/audit.service.js';
import type { InteractionService } from '../interactions/interaction.service.js';
import type { CaseJoinedRow, CaseRepository } from './case.repository.js';
import type { CaseDto, CaseQuery, CreateCaseInput, UpdateCaseInput } from './case.schemas.js';

type Assert = (ctx: TenantContext, id: string) => Promise<void>;
interface Deps {
  repo: CaseRepository;
  audit: AuditService;
  ids: IdGenerator;
  clock: Clock;
  interactions: InteractionService;
  assertCustomer: Assert;
  assertMember: Assert;
}

const OPEN_STATUSES = CASE_STATUSES.filter(isOpenStatus);

export function toCaseDto({ row: c, customerName, ownerName }: CaseJoinedRow): CaseDto {
  const status = c.status as CaseStatus;
  return {
    id: c.id, number: c.number, displayNumber: formatCaseNumber(c.number), customerId: c.customerId, customerName: customerName ?? null,
    title: c.title, description: c.description, status, priority: c.priority as CaseDto['priority'], dueAt: isoOrNull(c.dueAt),
    ownerUserId: c.ownerUserId, ownerName: ownerName ?? null, department: c.department, category: c.category,
    createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString(), resolvedAt: isoOrNull(c.resolvedAt), closedAt: isoOrNull(c.closedAt),
    allowedTransitions: [...allowedTransitions(status)],
  };
}

/** Cases group interactions with status, priority, due time (SLA), owner and department (C2). */
export function createCaseService(deps: Deps) {
  const { repo } = deps;
  async function get(ctx: TenantContext, id: string) {
    const c = await repo.findById(ctx.tenantId, id);
    if (!c) throw notFound('Case');
    return c;
  }
  const mask = (s: string | null | undefined) => (s ? maskCardNumbers(s) : (s ?? null));

  return {
    async createCase(ctx: TenantContext, input: CreateCaseInput) {
      const v = input;
      if (v.customerId) await deps.assertCustomer(ctx, v.customerId);
      if (v.ownerUserId) await deps.assertMember(ctx, v.ownerUserId);
      if (v.interactionId) await deps.interactions.assertExists(ctx, v.interactionId);
      const now = deps.clock.now();
      const id = deps.ids();
      await repo.insert({
        id, tenantId: ctx.tenantId, customerId: v.customerId ?? null, title: mask(v.title)!, description: mask(v.description),
        status: 'new', priority: v.priority, dueAt: v.dueAt ?? null, ownerUserId: v.ownerUserId ?? null, department: v.department ?? null,
        category: v.category ?? null, createdBy: ctx.actorUserId, createdAt: now, updatedAt: now,
      });
      if (v.interactionId) await deps.interactions.linkToCase(ctx, v.interactionId, id);
      await deps.audit.record(ctx, { action: 'case.create', entity: 'case', entityId: id, changes: { interactionId: v.interactionId ?? null } });
      return toCaseDto(await get(ctx, id));
    },

    async updateCase(ctx: TenantContext, id: string, input: UpdateCaseInput) {
      const v = input;
      const current = (await get(ctx, id)).row;
      if (v.customerId) await deps.assertCustomer(ctx, v.customerId);
      if (v.ownerUserId) await deps.assertMember(ctx, v.ownerUserId);
      const now = deps.clock.now();
      const from = current.status as CaseStatus;
      const statusChange = v.status && v.status !== from ? v.status : null;
      if (statusChange && !canTransition(from, statusChange)) {
        throw new AppError('invalid_transition', `A case cannot move from "${from}" to "${statusChange}" (allowed: ${allowedTransitions(from).join(', ') || 'none'})`);
      }
      const patch = Object.fromEntries(Object.entries({ ...v, title: v.title === undefined ? undefined : mask(v.title), description: v.description === undefined ? undefined : mask(v.description) }).filter(([, x]) => x !== undefined));
      await repo.update(ctx.tenantId, id, {
        ...patch,
        updatedAt: now,
        ...(statusChange === 'resolved' ? { resolvedAt: now } : {}),
        ...(statusChange === 'closed' ? { closedAt: now, resolvedAt: current.resolvedAt ?? now } : {}),
        ...(statusChange && isOpenStatus(statusChange) ? { resolvedAt: null, closedAt: null } : {}),
      });
      await deps.audit.record(ctx, {
        action: statusChange ? 'case.status' : 'case.update', entity: 'case', entityId: id,
        changes: { fields: Object.keys(patch), ...(statusChange ? { status: { from, to: statusChange } } : {}) },
      });
      return toCaseDto(await get(ctx, id));
    },

    async deleteCase(ctx: TenantContext, id: string) {
      if (!(await repo.delete(ctx.tenantId, id))) throw notFound('Case');
      await deps.audit.record(ctx, { action: 'case.delete', entity: 'case', entityId: id });
    },

    async getCase(ctx: TenantContext, id: string) {
      const c = toCaseDto(await get(ctx, id));
      return { ...c, interactions: await deps.interactions.latestFor(ctx, { caseId: id }, 100) };
    },

    async listCases(ctx: TenantContext, q: CaseQuery) {
      if (q.customerId) await deps.assertCustomer(ctx, q.customerId);
      const filter = {
        statuses: q.status, priorities: q.priority, ownerUserId: q.ownerUserId, customerId: q.customerId, department: q.department,
        overdueAt: q.overdue ? deps.clock.now() : undefined, openStatuses: OPEN_STATUSES, q: q.q,
      };
      const [items, total] = await Promise.all([repo.page(ctx.tenantId, filter, q.pageSize, (q.page - 1) * q.pageSize), repo.count(ctx.tenantId, filter)]);
      return { items: items.map(toCaseDto), page: q.page, pageSize: q.pageSize, total };
    },

    /** For the 360 view of an already-loaded customer. */
    async openCasesOfLoadedCustomer(ctx: TenantContext, customerId: string) {
      const items = await repo.page(ctx.tenantId, { customerId, statuses: [...OPEN_STATUSES], openStatuses: OPEN_STATUSES }, 50, 0);
      return items.map(toCaseDto);
    },

    async assertExists(ctx: TenantContext, id: string) {
      await get(ctx, id);
    },
  };
}
export type CaseService = ReturnType<typeof createCaseService>;
