import type { TenantContext } from '../../platform/principal.js';
import type { AuditEntry } from '../audit/audit.service.js';
import type { routingSkills } from '../../db/schema.js';
import { AppError } from '../../platform/app-error.js';
import { found } from './found.util.js';
import type { AdminPartDeps } from './routing-admin.deps.js';
import type { SkillDto, SkillInput } from './routing-admin.schemas.js';

type SkillRow = typeof routingSkills.$inferSelect;

export const toSkillDto = (s: SkillRow): SkillDto => ({ id: s.id, name: s.name, createdAt: s.createdAt.toISOString() });

const audited = (action: string) => (s: { id: string; name?: string }): AuditEntry => ({
  action: `routing_skill.${action}`, entity: 'routing_skill', entityId: s.id, changes: s.name ? { name: s.name } : null,
});
const duplicate = (name: string) => `A skill named "${name}" already exists`;

/** Skills (製品知識, 英語対応 …) of one tenant. */
export function createSkillAdmin({ read, write, ids, clock }: AdminPartDeps) {
  return {
    async listSkills(ctx: TenantContext) {
      return { items: (await read.skills.list(ctx.tenantId)).map(toSkillDto) };
    },
    async createSkill(ctx: TenantContext, v: SkillInput) {
      const row = await write(ctx, (repo) => repo.skills.insert({ id: ids(), tenantId: ctx.tenantId, name: v.name, createdAt: clock.now() }),
        { audit: audited('create'), duplicate: duplicate(v.name) });
      return toSkillDto(row);
    },
    async renameSkill(ctx: TenantContext, id: string, v: SkillInput) {
      const row = await write(ctx, async (repo) => found(await repo.skills.update(ctx.tenantId, id, { name: v.name }), 'Skill'),
        { audit: audited('rename'), duplicate: duplicate(v.name) });
      return toSkillDto(row);
    },
    /** Refused while a queue requires it; agents' levels in it go with it. */
    async deleteSkill(ctx: TenantContext, id: string) {
      await write(ctx, async (repo) => {
        const skill = found(await repo.skills.find(ctx.tenantId, id, 'update'), 'Skill');
        const queues = await repo.queuesRequiringSkill(ctx.tenantId, id);
        if (queues.length > 0) throw new AppError('conflict', `Skill "${skill.name}" is required by queue(s) ${queues.map((q) => `"${q}"`).join(', ')}`);
        await repo.skills.delete(ctx.tenantId, id);
        return skill;
      }, { audit: audited('delete') });
    },
  };
}
