import { and, count, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { knowledgeImports } from '../../db/schema.js';

export type ImportRow = typeof knowledgeImports.$inferSelect;
export type ImportInsert = typeof knowledgeImports.$inferInsert & { id: string };

/** Import reports of one tenant (every method takes the tenant). */
export function createKnowledgeImportRepository(db: Db) {
  return {
    async insert(row: ImportInsert) {
      await db.insert(knowledgeImports).values(row);
    },
    async findById(tenantId: string, id: string): Promise<ImportRow | null> {
      const [r] = await db.select().from(knowledgeImports).where(and(eq(knowledgeImports.tenantId, tenantId), eq(knowledgeImports.id, id)));
      return r ?? null;
    },
    /** The latest import of the same bytes. */
    async findBySha256(tenantId: string, sha256: string): Promise<ImportRow | null> {
      const [r] = await db.select().from(knowledgeImports).where(and(eq(knowledgeImports.tenantId, tenantId), eq(knowledgeImports.sha256, sha256)))
        .orderBy(desc(knowledgeImports.createdAt)).limit(1);
      return r ?? null;
    },
    async list(tenantId: string, limit: number, offset: number): Promise<{ items: ImportRow[]; total: number }> {
      const where = eq(knowledgeImports.tenantId, tenantId);
      const items = await db.select().from(knowledgeImports).where(where).orderBy(desc(knowledgeImports.createdAt), desc(knowledgeImports.id)).limit(limit).offset(offset);
      const [total] = await db.select({ n: count() }).from(knowledgeImports).where(where);
      return { items, total: total?.n ?? 0 };
    },
  };
}
export type KnowledgeImportRepository = ReturnType<typeof createKnowledgeImportRepository>;
