import { toLocalTime, validateBusinessHours, type BusinessHours } from '../../../core/routing/business-hours.js';
import type { businessHours } from '../../db/schema.js';
import { AppError } from '../../platform/app-error.js';
import type { TenantContext } from '../../platform/principal.js';
import type { AuditEntry } from '../audit/audit.service.js';
import type { HoursDto, HoursInput, HoursPreviewQuery } from './business-hours.schemas.js';
import { found } from './found.util.js';
import { previewHours } from './hours-preview.js';
import type { AdminPartDeps } from './routing-admin.deps.js';
import { invalid } from './routing-references.js';

type HoursRow = typeof businessHours.$inferSelect;

export const toHoursDto = (h: HoursRow): HoursDto => ({
  id: h.id, name: h.name, spec: h.spec as HoursDto['spec'], createdAt: h.createdAt.toISOString(), updatedAt: h.updatedAt.toISOString(),
});

const audited = (action: string) => (h: { id: string; name: string }): AuditEntry => ({
  action: `business_hours.${action}`, entity: 'business_hours', entityId: h.id, changes: { name: h.name },
});
const duplicate = (name: string) => `Business hours named "${name}" already exist`;

/** The spec as stored (zone filled in from the tenant), or a 400 listing every problem core finds. */
function specOf(ctx: TenantContext, input: HoursInput['spec']): BusinessHours {
  const spec = { ...input, timeZone: input.timeZone ?? ctx.timeZone };
  const problems = validateBusinessHours(spec);
  if (problems.length > 0) {
    throw invalid(problems.map((p) => {
      const at = p.indexOf(': ');
      return { path: `body.spec.${p.slice(0, at).replace(/\[(\d+)\]/g, '.$1')}`, message: p.slice(at + 2) };
    }));
  }
  return spec;
}

/** Business hours (受付時間): weekly hours, holidays, closures and special days of one tenant. */
export function createHoursAdmin({ read, write, ids, clock }: AdminPartDeps) {
  const get = async (ctx: TenantContext, id: string) => found(await read.hours.find(ctx.tenantId, id), 'Business hours');
  return {
    async listHours(ctx: TenantContext) {
      return { items: (await read.hours.list(ctx.tenantId)).map(toHoursDto) };
    },
    getHours: async (ctx: TenantContext, id: string) => toHoursDto(await get(ctx, id)),
    async createHours(ctx: TenantContext, v: HoursInput) {
      const spec = specOf(ctx, v.spec);
      const now = clock.now();
      const row = await write(ctx, (repo) => repo.hours.insert({ id: ids(), tenantId: ctx.tenantId, name: v.name, spec, createdAt: now, updatedAt: now }),
        { audit: audited('create'), duplicate: duplicate(v.name) });
      return toHoursDto(row);
    },
    async replaceHours(ctx: TenantContext, id: string, v: HoursInput) {
      const spec = specOf(ctx, v.spec);
      const row = await write(ctx, async (repo) => found(await repo.hours.update(ctx.tenantId, id, { name: v.name, spec, updatedAt: clock.now() }), 'Business hours'),
        { audit: audited('update'), duplicate: duplicate(v.name) });
      return toHoursDto(row);
    },
    /** Refused while a queue uses them. */
    async deleteHours(ctx: TenantContext, id: string) {
      await write(ctx, async (repo) => {
        const hours = found(await repo.hours.find(ctx.tenantId, id), 'Business hours');
        const queues = await repo.queuesUsingHours(ctx.tenantId, id);
        if (queues.length > 0) throw new AppError('conflict', `Business hours "${hours.name}" are used by queue(s) ${queues.map((q) => `"${q}"`).join(', ')}`);
        await repo.hours.delete(ctx.tenantId, id);
        return hours;
      }, { audit: audited('delete'), inUse: 'These business hours are used by a queue' });
    },
    async previewHours(ctx: TenantContext, id: string, q: HoursPreviewQuery) {
      const spec = (await get(ctx, id)).spec as BusinessHours;
      const from = q.from ?? toLocalTime(clock.now().getTime(), spec.timeZone).date;
      return previewHours(id, spec, from, q.days);
    },
  };
}
