import type { routingQueues } from '../../db/schema.js';
import { AppError } from '../../platform/app-error.js';
import type { TenantContext } from '../../platform/principal.js';
import type { AuditEntry } from '../audit/audit.service.js';
import { found } from './found.util.js';
import type { AdminPartDeps } from './routing-admin.deps.js';
import type { RoutingAdminRepository } from './routing-admin.repository.js';
import { QUEUE_DEFAULTS, type CreateQueueInput, type QueueDto, type QueueFields, type UpdateQueueInput } from './routing-admin.schemas.js';
import { assertReferences, invalid, refsAt } from './routing-references.js';

type QueueRow = typeof routingQueues.$inferSelect;

export const toQueueDto = (q: QueueRow): QueueDto => ({
  id: q.id, name: q.name, requiredSkills: q.requiredSkills as QueueDto['requiredSkills'], priority: q.priority, agingPerMinute: q.agingPerMinute,
  offerTimeoutSec: q.offerTimeoutSec, wrapUpLimitSec: q.wrapUpLimitSec, serviceLevelSec: q.serviceLevelSec, serviceLevelTarget: q.serviceLevelTarget,
  stickyWindowSec: q.stickyWindowSec, overflow: q.overflow as QueueDto['overflow'], hoursId: q.hoursId, whenClosed: q.whenClosed as QueueDto['whenClosed'],
  createdAt: q.createdAt.toISOString(), updatedAt: q.updatedAt.toISOString(),
});

const audited = (action: string, fields?: string[]) => (q: { id: string; name: string }): AuditEntry => ({
  action: `routing_queue.${action}`, entity: 'routing_queue', entityId: q.id, changes: { name: q.name, ...(fields ? { fields } : {}) },
});
const duplicate = (name: string | undefined) => `A queue named "${name}" already exists`;

/** Skills, overflow targets and hours must be this tenant's; a queue never overflows into itself. */
async function assertQueueReferences(repo: RoutingAdminRepository, ctx: TenantContext, v: Partial<QueueFields>, self: string) {
  const targets = (v.overflow ?? []).map((o) => (o.kind === 'add_queue' ? o.queueId : null));
  const selfErrors = targets.flatMap((q, i) => (q === self ? [{ path: `body.overflow.${i}.queueId`, message: 'a queue cannot overflow into itself' }] : []));
  if (selfErrors.length > 0) throw invalid(selfErrors);
  await assertReferences(repo, ctx.tenantId, {
    skills: refsAt('body.requiredSkills', v.requiredSkills, (r) => r.skillId, 'skillId'),
    queues: refsAt('body.overflow', targets, (q) => q, 'queueId'),
    hours: v.hoursId ? [{ path: 'body.hoursId', id: v.hoursId }] : [],
  });
}

/** Queues (キュー): required skills, priority and aging, timers, service level, overflow and hours. */
export function createQueueAdmin({ read, write, ids, clock }: AdminPartDeps) {
  return {
    async listQueues(ctx: TenantContext) {
      return { items: (await read.queues.list(ctx.tenantId)).map(toQueueDto) };
    },
    async getQueue(ctx: TenantContext, id: string) {
      return toQueueDto(found(await read.queues.find(ctx.tenantId, id), 'Queue'));
    },
    async createQueue(ctx: TenantContext, v: CreateQueueInput) {
      const id = ids();
      const now = clock.now();
      const row = await write(ctx, async (repo) => {
        await assertQueueReferences(repo, ctx, v, id);
        return repo.queues.insert({ ...QUEUE_DEFAULTS, ...v, id, tenantId: ctx.tenantId, createdAt: now, updatedAt: now });
      }, { audit: audited('create'), duplicate: duplicate(v.name) });
      return toQueueDto(row);
    },
    async updateQueue(ctx: TenantContext, id: string, v: UpdateQueueInput) {
      const row = await write(ctx, async (repo) => {
        found(await repo.queues.find(ctx.tenantId, id), 'Queue');
        await assertQueueReferences(repo, ctx, v, id);
        return found(await repo.queues.update(ctx.tenantId, id, { ...v, updatedAt: clock.now() }), 'Queue');
      }, { audit: audited('update', Object.keys(v)), duplicate: duplicate(v.name) });
      return toQueueDto(row);
    },
    /** Refused while another queue overflows into it or contacts still point at it. */
    async deleteQueue(ctx: TenantContext, id: string) {
      await write(ctx, async (repo) => {
        const queue = found(await repo.queues.find(ctx.tenantId, id, 'update'), 'Queue');
        const from = await repo.queuesOverflowingInto(ctx.tenantId, id);
        if (from.length > 0) throw new AppError('conflict', `Queue "${queue.name}" is an overflow target of ${from.map((q) => `"${q}"`).join(', ')}`);
        await repo.queues.delete(ctx.tenantId, id);
        return queue;
      }, { audit: audited('delete'), inUse: 'Contacts of this queue are on record; the queue cannot be deleted' });
    },
  };
}
