import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { apiTokens, memberships, sessions, tenants, users } from '../../db/schema.js';

export function createAuthRepository(db: Db) {
  // Every request resolves its session or token: prepared once, not built per request.
  const liveSession = db.select().from(sessions)
    .where(and(eq(sessions.id, sql.placeholder('id')), gt(sessions.expiresAt, sql.placeholder('now')))).limit(1).prepare('auth_live_session');
  const liveToken = db
    .select({
      id: apiTokens.id, role: apiTokens.role, tenantId: tenants.id, tenantSlug: tenants.slug,
      tenantName: tenants.name, timeZone: tenants.timeZone, lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .innerJoin(tenants, eq(tenants.id, apiTokens.tenantId))
    .where(and(eq(apiTokens.tokenHash, sql.placeholder('tokenHash')), isNull(apiTokens.revokedAt)))
    .limit(1)
    .prepare('auth_live_token');

  return {
    async findUserByEmail(email: string) {
      const rows = await db.select().from(users).where(eq(users.email, email)).limit(1);
      return rows[0] ?? null;
    },
    async findUserById(id: string) {
      const rows = await db.select().from(users).where(eq(users.id, id)).limit(1);
      return rows[0] ?? null;
    },
    async listMemberships(userId: string) {
      return db
        .select({ tenantId: tenants.id, tenantSlug: tenants.slug, tenantName: tenants.name, timeZone: tenants.timeZone, role: memberships.role })
        .from(memberships)
        .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
        .where(eq(memberships.userId, userId))
        .orderBy(tenants.name);
    },
    async insertSession(row: typeof sessions.$inferInsert) {
      await db.insert(sessions).values(row);
    },
    async findLiveSession(id: string, now: Date) {
      const rows = await liveSession.execute({ id, now: now.toISOString() });
      return rows[0] ?? null;
    },
    async touchSession(id: string, now: Date, expiresAt: Date) {
      await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, id));
    },
    async deleteSession(id: string) {
      await db.delete(sessions).where(eq(sessions.id, id));
    },
    async insertToken(row: typeof apiTokens.$inferInsert) {
      await db.insert(apiTokens).values(row);
    },
    async findLiveToken(tokenHash: string) {
      const rows = await liveToken.execute({ tokenHash });
      return rows[0] ?? null;
    },
    async touchToken(id: string, now: Date) {
      await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, id));
    },
  };
}
export type AuthRepository = ReturnType<typeof createAuthRepository>;
