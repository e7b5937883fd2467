import { AppError, notFound } from '../../platform/app-error.js';
import type { Clock } from '../../platform/clock.js';
import type { IdGenerator } from '../../platform/ids.js';
import type { TenantContext } from '../../platform/principal.js';
import { systemContext } from '../../platform/system-context.js';
import type { CustomerService } from '../customers/customer.service.js';
import type { UserService } from '../users/user.service.js';
import type { CallbackRepository, CallbackRow } from './callback.repository.js';
import type { CallbackDto, ScheduleCallbackInput } from './callback.schemas.js';
import type { ContactService } from './contact.service.js';

const DUE_BATCH = 50;

const toDto = (r: CallbackRow): CallbackDto => ({
  id: r.id, queueId: r.queueId, customerId: r.customerId, phone: r.phone, dueAt: r.dueAt.toISOString(), note: r.note,
  fromContactId: r.fromContactId, preferredAgentId: r.preferredAgentId, status: r.status as CallbackDto['status'], contactId: r.contactId,
  createdAt: r.createdAt.toISOString(),
});

class AlreadyRouted extends Error {}

/** Scheduled callbacks (折り返し電話): at their time they enter routing like a new contact. */
export function createCallbackService(deps: {
  repo: CallbackRepository; contacts: ContactService; customers: CustomerService; users: UserService; ids: IdGenerator; clock: Clock;
}) {
  const { repo } = deps;
  return {
    /** `placeAt`: the caller's place in line when there is no contact to keep it from (an IVR call). */
    async schedule(ctx: TenantContext, input: ScheduleCallbackInput, opts: { placeAt?: Date } = {}) {
      await deps.contacts.queueOf(ctx, { id: input.queueId });
      if (input.customerId) await deps.customers.assertExists(ctx, input.customerId);
      if (input.preferredAgentId) await deps.users.assertMember(ctx, input.preferredAgentId);
      const from = input.fromContactId ? await repo.contactOf(ctx.tenantId, input.fromContactId) : null;
      if (input.fromContactId && !from) throw new AppError('validation_failed', 'Unknown contact', [{ path: 'fromContactId', message: 'no such contact in this tenant' }]);
      const row = await repo.insert({
        id: deps.ids(), tenantId: ctx.tenantId, queueId: input.queueId, customerId: input.customerId ?? from?.customerId ?? null,
        phone: input.phone ?? from?.fromAddress ?? null, dueAt: input.dueAt, note: input.note ?? null, fromContactId: from?.id ?? null,
        preferredAgentId: input.preferredAgentId ?? null, createdBy: ctx.actorUserId, status: 'scheduled',
        placeAt: input.keepPlace && from ? from.arrivedAt : opts.placeAt ?? null, createdAt: deps.clock.now(),
      });
      return toDto(row);
    },
    list: async (ctx: TenantContext, status?: string) => (await repo.list(ctx.tenantId, status)).map(toDto),
    async cancel(ctx: TenantContext, id: string) {
      const row = await repo.cancel(ctx.tenantId, id);
      if (row) return toDto(row);
      if (!(await repo.find(ctx.tenantId, id))) throw notFound('Callback');
      throw new AppError('conflict', 'Only a scheduled callback can be cancelled');
    },
    /** Routes every due callback; each one in the transaction of its routing step. Returns how many. */
    async routeDue(): Promise<number> {
      const due = await repo.due(deps.clock.now(), DUE_BATCH);
      let routed = 0;
      for (const { cb, tenant } of due) {
        const ctx = systemContext(tenant, 'callback-scheduler');
        const queue = await deps.contacts.queueOf(ctx, { id: cb.queueId });
        try {
          await deps.contacts.enter(ctx, {
            channel: 'voice', kind: 'callback', queue, customerId: cb.customerId, from: cb.phone, subject: cb.note ?? '折り返し電話',
            context: { callback: { id: cb.id, note: cb.note, dueAt: cb.dueAt.toISOString() } },
            arrivedAt: cb.placeAt ?? undefined,
            preferredAgentId: cb.preferredAgentId,
            alsoInTx: async (tx, contactId) => {
              if (!(await repo.markRouted(tx, cb.id, contactId))) throw new AlreadyRouted();
            },
          });
          routed++;
        } catch (err) {
          if (!(err instanceof AlreadyRouted)) throw err;
        }
      }
      return routed;
    },
  };
}
export type CallbackService = ReturnType<typeof createCallbackService>;
