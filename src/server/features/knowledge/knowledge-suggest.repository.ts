import { and, arrayOverlaps, desc, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { knowledgeArticles } from '../../db/schema.js';

const a = knowledgeArticles;

/** Counting stops here: a term in this many articles is common whatever the exact number. */
const COUNT_CAP = 1000;
const CANDIDATES = 400;
/** A term in the title or tags counts this much more than in the body: the title names the question answered. */
const TITLE_FACTOR = 2;

export interface WeightedQuery {
  /** tsquery literal of one term (its synonym variants). */
  query: string;
  weight: number;
}

export interface SuggestHit {
  id: string;
  title: string;
  body: string;
  visibility: string;
  productSkus: string[];
  score: number;
}

const num = (n: number) => sql`${n}::float8`;

/** Agent assist over the published articles of a tenant (internal and public). */
export function createKnowledgeSuggestRepository(db: Db) {
  const published = (tenantId: string) => and(eq(a.tenantId, tenantId), isNotNull(a.publishedVersion))!;
  const matches = (vector: typeof a.searchVector | typeof a.titleVector, query: string) => sql`${vector} @@ ${query}::tsquery`;

  return {
    /** How many published articles hold each term (capped), and how many there are: one statement, index probes. */
    async termCounts(tenantId: string, queries: readonly string[]): Promise<{ total: number; counts: number[] }> {
      const countOf = (q: string) =>
        sql<number>`(select count(*) from (${db.select({ one: sql`1` }).from(a).where(and(published(tenantId), matches(a.searchVector, q))).limit(COUNT_CAP)}) s)`.mapWith(Number);
      const fields: Record<string, SQL.Aliased<number> | SQL<number>> = { total: sql<number>`count(*)`.mapWith(Number) };
      queries.forEach((q, i) => { fields[`t${i}`] = countOf(q); });
      const [row] = await db.select(fields).from(a).where(published(tenantId));
      const r = (row ?? {}) as Record<string, number>;
      return { total: r.total ?? 0, counts: queries.map((_, i) => r[`t${i}`] ?? 0) };
    },

    /**
     * Articles with any of the terms, scored by the weights of the terms they hold (more in the
     * title), plus `boost` when the article is about one of `skus`.
     */
    async rank(tenantId: string, terms: readonly WeightedQuery[], skus: readonly string[], boost: number, limit: number): Promise<SuggestHit[]> {
      if (terms.length === 0) return [];
      const anyTerm = terms.map((t) => `(${t.query})`).join(' | ');
      const parts = terms.flatMap((t) => [
        sql`(case when ${matches(a.searchVector, t.query)} then ${num(t.weight)} else 0 end)`,
        sql`(case when ${matches(a.titleVector, t.query)} then ${num(t.weight * TITLE_FACTOR)} else 0 end)`,
      ]);
      if (skus.length > 0) parts.push(sql`(case when ${arrayOverlaps(a.productSkus, [...skus])} then ${num(boost)} else 0 end)`);
      const score = sql.join(parts, sql` + `);
      const candidates = db.select({ id: a.id }).from(a).where(and(published(tenantId), matches(a.searchVector, anyTerm))).limit(CANDIDATES);
      return db.select({ id: a.id, title: a.title, body: a.body, visibility: a.visibility, productSkus: a.productSkus, score: sql<number>`${score}`.mapWith(Number) })
        .from(a).where(sql`${a.id} in ${candidates}`)
        .orderBy(desc(score), desc(a.helpful), desc(a.updatedAt), a.id).limit(limit);
    },
  };
}
export type KnowledgeSuggestRepository = ReturnType<typeof createKnowledgeSuggestRepository>;
