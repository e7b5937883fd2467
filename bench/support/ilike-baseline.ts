import { and, desc, eq, isNotNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../src/server/db/client.js';
import { containsPattern } from '../../src/server/db/like.js';
import { knowledgeArticles as a } from '../../src/server/db/schema.js';

/** The naive search the knowledge benchmarks compare against: ILIKE '%query%' on title and body. */
export function ilikeSearch(db: Db, tenantId: string, query: string, limit: number) {
  const p = containsPattern(query.trim());
  return db.select({ id: a.id }).from(a)
    .where(and(eq(a.tenantId, tenantId), isNotNull(a.publishedVersion), or(sql`${a.title} ilike ${p}`, sql`${a.body} ilike ${p}`)))
    .orderBy(desc(a.updatedAt), a.id).limit(limit);
}
