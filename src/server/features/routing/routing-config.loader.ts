import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { agentProfiles, agentSkills, businessHours, memberships, routingQueues } from '../../db/schema.js';
import type { BusinessHours } from '../../../core/routing/business-hours.js';
import type {
  AgentConfig, AgentId, Channel, ClosedHoursMode, OverflowRule, QueueConfig, QueueId, RoutingConfig, SkillRequirement, TenantId,
} from '../../../core/routing/routing.types.js';

/** Roles that take contacts: an agent profile only routes in tenants where the user is agent or supervisor. */
export const ROUTABLE_ROLES = ['agent', 'supervisor'] as const;

interface StoredRequirement { skillId: string; minLevel: number }
type StoredOverflow = { afterSec: number; kind: 'add_queue'; queueId: string } | { afterSec: number; kind: 'relax_level'; by: number };

/** The whole center's routing configuration, built from the admin tables (skills are keyed by id). */
export async function loadRoutingConfig(db: Pick<Db, 'select'>): Promise<RoutingConfig> {
  // One after another: inside a transaction there is one connection to share.
  const queues = await db.select().from(routingQueues);
  const hours = await db.select().from(businessHours);
  const profiles = await db.select().from(agentProfiles);
  const userIds = profiles.map((p) => p.userId);
  const skills = userIds.length === 0 ? [] : await db.select().from(agentSkills).where(inArray(agentSkills.userId, userIds));
  const members = userIds.length === 0 ? [] : await db.select().from(memberships).where(inArray(memberships.userId, userIds));
  const queueConfigs: QueueConfig[] = queues.map((q) => ({
    id: q.id as QueueId,
    tenantId: q.tenantId as TenantId,
    requiredSkills: (q.requiredSkills as StoredRequirement[]).map((r): SkillRequirement => ({ skill: r.skillId, minLevel: r.minLevel })),
    priority: q.priority,
    agingPerMinute: q.agingPerMinute,
    offerTimeoutSec: q.offerTimeoutSec,
    wrapUpLimitSec: q.wrapUpLimitSec,
    serviceLevelSec: q.serviceLevelSec,
    stickyWindowSec: q.stickyWindowSec,
    overflow: (q.overflow as StoredOverflow[]).map((o) => (o.kind === 'add_queue' ? { ...o, queueId: o.queueId as QueueId } : o) as OverflowRule),
    ...(q.hoursId ? { hoursId: q.hoursId } : {}),
    whenClosed: q.whenClosed as Partial<Record<Channel, ClosedHoursMode>>,
  }));
  const agents: AgentConfig[] = profiles.map((p) => {
    const tenantIds = members
      .filter((m) => m.userId === p.userId && (ROUTABLE_ROLES as readonly string[]).includes(m.role))
      .map((m) => m.tenantId as TenantId);
    const levels: Record<string, number> = {};
    for (const s of skills) if (s.userId === p.userId && tenantIds.includes(s.tenantId as TenantId)) levels[s.skillId] = s.level;
    return {
      id: p.userId as AgentId,
      tenantIds,
      skills: levels,
      capacity: p.capacity as Partial<Record<Channel, number>>,
      voiceBlocksOthers: p.voiceBlocksOthers,
      othersBlockVoice: p.othersBlockVoice,
    };
  });
  const hoursById: Record<string, BusinessHours> = {};
  for (const h of hours) hoursById[h.id] = h.spec as BusinessHours;
  return { queues: queueConfigs, agents, hours: hoursById };
}
