import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { memberships, users } from '../../db/schema.js';

export function createUserRepository(db: Db) {
  return {
    async insert(row: typeof users.$inferInsert) {
      const [created] = await db.insert(users).values(row).onConflictDoNothing({ target: users.email }).returning();
      return created ?? null;
    },
    async findByEmail(email: string) {
      const rows = await db.select().from(users).where(eq(users.email, email)).limit(1);
      return rows[0] ?? null;
    },
    async setPassword(userId: string, passwordHash: string) {
      await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
    },
    async upsertMembership(userId: string, tenantId: string, role: string) {
      await db.insert(memberships).values({ userId, tenantId, role })
        .onConflictDoUpdate({ target: [memberships.userId, memberships.tenantId], set: { role } });
    },
    async listMembers(tenantId: string) {
      return db
        .select({ id: users.id, displayName: users.displayName, email: users.email, role: memberships.role })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.tenantId, tenantId), eq(users.disabled, false)))
        .orderBy(asc(users.displayName));
    },
    async isMember(tenantId: string, userId: string) {
      const rows = await db.select({ u: memberships.userId }).from(memberships)
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId))).limit(1);
      return rows.length > 0;
    },
  };
}
export type UserRepository = ReturnType<typeof createUserRepository>;
