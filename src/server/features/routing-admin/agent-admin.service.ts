import { CHANNELS, type Channel } from '../../../core/routing/routing.types.js';
import type { TenantContext } from '../../platform/principal.js';
import { found } from './found.util.js';
import type { AdminPartDeps } from './routing-admin.deps.js';
import type { RoutingAdminRepository } from './routing-admin.repository.js';
import type { AgentDto, AgentInput } from './routing-admin.schemas.js';
import { assertReferences, refsAt } from './routing-references.js';

/** Agents and supervisors of the tenant with their (center-wide) profile and their levels in this tenant's skills. */
async function agentsOf(repo: RoutingAdminRepository, tenantId: string, userId?: string): Promise<AgentDto[]> {
  const members = await repo.listAgentMembers(tenantId, userId);
  const userIds = members.map((m) => m.userId);
  // One query after the other: inside a transaction this runs on one pg client.
  const profiles = await repo.profilesOf(userIds);
  const skills = await repo.agentSkillsOf(tenantId, userIds);
  return members.map((m) => {
    const p = profiles.find((x) => x.userId === m.userId);
    const capacity = (p?.capacity ?? {}) as Partial<Record<Channel, number>>;
    return {
      userId: m.userId, displayName: m.displayName, email: m.email, role: m.role as AgentDto['role'], hasProfile: p !== undefined,
      capacity: Object.fromEntries(CHANNELS.map((c) => [c, capacity[c] ?? 0])) as Record<Channel, number>,
      voiceBlocksOthers: p?.voiceBlocksOthers ?? true,
      othersBlockVoice: p?.othersBlockVoice ?? false,
      extension: p?.extension ?? null,
      phone: p?.phone ?? null,
      skills: skills.filter((s) => s.userId === m.userId).map(({ skillId, name, level }) => ({ skillId, name, level })),
    };
  });
}

/** Who takes contacts, on which channels how many at once, and how well in each skill. */
export function createAgentAdmin({ read, write, clock }: AdminPartDeps) {
  return {
    async listAgents(ctx: TenantContext) {
      return { items: await agentsOf(read, ctx.tenantId) };
    },
    /**
     * Sets the agent's capacity and blocking (one person, one headset: shared by every tenant they
     * serve) and replaces their skills in this tenant; their skills elsewhere stay.
     */
    async putAgent(ctx: TenantContext, userId: string, v: AgentInput) {
      return write(ctx, async (repo) => {
        found((await repo.listAgentMembers(ctx.tenantId, userId))[0], 'Agent');
        await assertReferences(repo, ctx.tenantId, { skills: refsAt('body.skills', v.skills, (s) => s.skillId, 'skillId') });
        await repo.upsertProfile({
          userId, capacity: v.capacity, voiceBlocksOthers: v.voiceBlocksOthers, othersBlockVoice: v.othersBlockVoice, updatedAt: clock.now(),
          // Omitted: kept as they are (clients that predate them keep working); null removes.
          ...(v.extension !== undefined ? { extension: v.extension } : {}),
          ...(v.phone !== undefined ? { phone: v.phone } : {}),
        });
        await repo.replaceAgentSkills(ctx.tenantId, userId, v.skills);
        return found((await agentsOf(repo, ctx.tenantId, userId))[0], 'Agent');
      }, {
        audit: (a) => ({
          action: 'agent_profile.update', entity: 'agent_profile', entityId: a.userId,
          changes: {
            capacity: v.capacity, voiceBlocksOthers: v.voiceBlocksOthers, othersBlockVoice: v.othersBlockVoice, skills: v.skills,
            ...(v.extension !== undefined ? { extension: v.extension } : {}), ...(v.phone !== undefined ? { phone: v.phone === null ? null : 'set' } : {}),
          },
        }),
        // The extension's unique index: another agent (of any tenant) has it; who is not said.
        duplicate: 'This extension is already assigned to another agent',
      });
    },
  };
}
