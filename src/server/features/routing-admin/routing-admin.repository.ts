import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { agentProfiles, agentSkills, businessHours, memberships, reasonCodes, routingQueues, routingSkills, users } from '../../db/schema.js';
import { ROUTABLE_ROLES } from '../routing/routing-config.loader.js';

type ScopedTable = typeof routingSkills | typeof businessHours | typeof routingQueues | typeof reasonCodes;

/** Insert, read, update and delete by (tenant, id) on a tenant-owned table: another tenant's id is "not found". */
function scopedTable<T extends ScopedTable>(db: Db, table: T, order: SQL[]) {
  type Row = T['$inferSelect'];
  const t = table as typeof routingSkills; // the columns every scoped table has; rows keep T's type
  const byId = (tenantId: string, id: string) => and(eq(t.tenantId, tenantId), eq(t.id, id));
  /** `lock`: hold the row until commit, so that what references it is checked against the final state. */
  const find = async (tenantId: string, id: string, lock?: 'update'): Promise<Row | null> => {
    const query = db.select().from(t).where(byId(tenantId, id)).limit(1);
    const rows = await (lock ? query.for(lock) : query);
    return (rows[0] as Row | undefined) ?? null;
  };
  return {
    find,
    async list(tenantId: string, where?: SQL): Promise<Row[]> {
      return db.select().from(t).where(and(eq(t.tenantId, tenantId), where)).orderBy(...order) as Promise<Row[]>;
    },
    async insert(row: T['$inferInsert']): Promise<Row> {
      const [created] = await db.insert(t).values(row as never).returning();
      return created as Row;
    },
    async update(tenantId: string, id: string, patch: Partial<T['$inferInsert']>): Promise<Row | null> {
      if (Object.keys(patch).length === 0) return find(tenantId, id);
      const [updated] = await db.update(t).set(patch as never).where(byId(tenantId, id)).returning();
      return (updated as Row | undefined) ?? null;
    },
    async delete(tenantId: string, id: string): Promise<boolean> {
      const rows = await db.delete(t).where(byId(tenantId, id)).returning({ id: t.id });
      return rows.length > 0;
    },
    /**
     * Which of these ids are rows of this tenant. The rows found stay share-locked until commit: a
     * concurrent delete (which locks first, then looks for users) waits and then sees the new user.
     */
    async existing(tenantId: string, ids: readonly string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await db.select({ id: t.id }).from(t).where(and(eq(t.tenantId, tenantId), inArray(t.id, [...ids]))).for('share');
      return new Set(rows.map((r) => r.id));
    },
  };
}

/** Queries of the routing admin tables; the service runs them inside its transaction (pass the tx as db). */
export function createRoutingAdminRepository(db: Db) {
  const queueNames = async (tenantId: string, condition: SQL) => {
    const rows = await db.select({ name: routingQueues.name }).from(routingQueues)
      .where(and(eq(routingQueues.tenantId, tenantId), condition)).orderBy(asc(routingQueues.name));
    return rows.map((r) => r.name);
  };
  const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

  return {
    skills: scopedTable(db, routingSkills, [asc(routingSkills.name)]),
    hours: scopedTable(db, businessHours, [asc(businessHours.name)]),
    queues: scopedTable(db, routingQueues, [asc(routingQueues.name)]),
    reasonCodes: scopedTable(db, reasonCodes, [asc(reasonCodes.kind), asc(reasonCodes.sortOrder), asc(reasonCodes.code)]),
    reasonKindIs: (kind: string) => eq(reasonCodes.kind, kind),

    /** Names of this tenant's queues that require the skill. */
    queuesRequiringSkill: (tenantId: string, skillId: string) => queueNames(tenantId, sql`${routingQueues.requiredSkills} @> ${json([{ skillId }])}`),
    /** Names of this tenant's queues that overflow into the queue. */
    queuesOverflowingInto: (tenantId: string, queueId: string) => queueNames(tenantId, sql`${routingQueues.overflow} @> ${json([{ kind: 'add_queue', queueId }])}`),
    queuesUsingHours: (tenantId: string, hoursId: string) => queueNames(tenantId, eq(routingQueues.hoursId, hoursId)),

    /** Enabled members who take contacts in this tenant (agents and supervisors). */
    async listAgentMembers(tenantId: string, userId?: string) {
      return db.select({ userId: users.id, displayName: users.displayName, email: users.email, role: memberships.role })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(
          eq(memberships.tenantId, tenantId),
          inArray(memberships.role, [...ROUTABLE_ROLES]),
          eq(users.disabled, false),
          userId ? eq(users.id, userId) : undefined,
        ))
        .orderBy(asc(users.displayName), asc(users.id));
    },
    async profilesOf(userIds: readonly string[]) {
      if (userIds.length === 0) return [];
      return db.select().from(agentProfiles).where(inArray(agentProfiles.userId, [...userIds]));
    },
    /** The agents' levels in this tenant's skills (their skills in other tenants stay out of sight). */
    async agentSkillsOf(tenantId: string, userIds: readonly string[]) {
      if (userIds.length === 0) return [];
      return db.select({ userId: agentSkills.userId, skillId: agentSkills.skillId, name: routingSkills.name, level: agentSkills.level })
        .from(agentSkills)
        .innerJoin(routingSkills, and(eq(routingSkills.id, agentSkills.skillId), eq(routingSkills.tenantId, tenantId)))
        .where(and(eq(agentSkills.tenantId, tenantId), inArray(agentSkills.userId, [...userIds])))
        .orderBy(asc(routingSkills.name));
    },
    /** Profiles are center-wide: one row per person. */
    async upsertProfile(row: typeof agentProfiles.$inferInsert) {
      const { userId: _userId, ...set } = row;
      await db.insert(agentProfiles).values(row).onConflictDoUpdate({ target: agentProfiles.userId, set });
    },
    /** Replaces the agent's skills of this tenant only. */
    async replaceAgentSkills(tenantId: string, userId: string, skills: readonly { skillId: string; level: number }[]) {
      await db.delete(agentSkills).where(and(eq(agentSkills.tenantId, tenantId), eq(agentSkills.userId, userId)));
      if (skills.length > 0) await db.insert(agentSkills).values(skills.map((s) => ({ userId, tenantId, skillId: s.skillId, level: s.level })));
    },
  };
}
export type RoutingAdminRepository = ReturnType<typeof createRoutingAdminRepository>;
