import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { tenants } from '../../db/schema.js';

export function createTenantRepository(db: Db) {
  return {
    async insert(row: typeof tenants.$inferInsert) {
      const [created] = await db.insert(tenants).values(row).onConflictDoNothing({ target: tenants.slug }).returning();
      return created ?? null;
    },
    async findBySlug(slug: string) {
      const rows = await db.select().from(tenants).where(eq(tenants.slug, slug)).limit(1);
      return rows[0] ?? null;
    },
    async list() {
      return db.select().from(tenants).orderBy(asc(tenants.slug));
    },
  };
}
export type TenantRepository = ReturnType<typeof createTenantRepository>;
