import { and, arrayContains, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { containsPattern } from '../../db/like.js';
import { knowledgeArticles } from '../../db/schema.js';

export interface SearchFilters {
  visibility?: readonly ('public' | 'internal')[];
  /** Only published articles (readers); editors may see drafts too. */
  publishedOnly: boolean;
  /** A category and its descendants, already expanded. */
  categoryIds?: readonly string[];
  productSku?: string;
}

/** A parsed query in the database's terms (see src/core/knowledge/search-document.ts). */
export interface SearchSql {
  /** tsquery literal requiring every term. */
  all: string;
  /** tsquery literal with any term; used when too few articles have them all. */
  any: string;
  /** The whole query folded: in a title it ranks high, as the whole title higher. */
  phrase: string;
  /** Per term, its folded variants (synonyms): ranking by where they occur. */
  terms: readonly (readonly string[])[];
}

export interface SearchHit {
  id: string;
  title: string;
  body: string;
  tags: string[];
  categoryId: string | null;
  visibility: string;
  status: string;
  updatedAt: Date;
  score: number;
}

const a = knowledgeArticles;

// Ranking reads only short columns: every candidate has the terms somewhere (the index said so); a
// term in the title answers the question, in the tags it names the topic. Reading each candidate's
// body or vector to weigh it would cost more than the whole index lookup.
const WEIGHT = { title: 4, tags: 2, phraseInTitle: 3, exactTitle: 5 } as const;
const CANDIDATES = 400;

const weighIf = (cond: SQL, weight: number) => sql`(case when ${cond} then ${sql.raw(String(weight))} else 0 end)`;
const anyLike = (column: typeof a.titleFold | typeof a.tagsFold, variants: readonly string[]) =>
  or(...variants.map((v) => sql`${column} like ${containsPattern(v)}`))!;

function scoreOf(q: SearchSql): SQL {
  const parts = q.terms.flatMap((variants) => [weighIf(anyLike(a.titleFold, variants), WEIGHT.title), weighIf(anyLike(a.tagsFold, variants), WEIGHT.tags)]);
  if (q.phrase) {
    if (q.terms.length > 1) parts.push(weighIf(sql`${a.titleFold} like ${containsPattern(q.phrase)}`, WEIGHT.phraseInTitle));
    parts.push(weighIf(sql`${a.titleFold} = ${q.phrase}`, WEIGHT.exactTitle));
  }
  return sql.join(parts, sql` + `);
}

/**
 * Japanese full-text search over bigram lexemes: PostgreSQL's tsvector/tsquery and a GIN index,
 * without its word parser, so PGlite and PostgreSQL behave the same. Articles with every term
 * come first; only when they are fewer than asked do articles with some of the terms follow.
 */
export function createKnowledgeSearchRepository(db: Db) {
  function filtersOf(tenantId: string, f: SearchFilters): SQL {
    return and(
      eq(a.tenantId, tenantId),
      f.publishedOnly ? sql`${a.publishedVersion} is not null` : undefined,
      f.visibility?.length ? inArray(a.visibility, [...f.visibility]) : undefined,
      f.categoryIds ? (f.categoryIds.length ? inArray(a.categoryId, [...f.categoryIds]) : sql`false`) : undefined,
      f.productSku ? arrayContains(a.productSkus, [f.productSku]) : undefined,
    )!;
  }

  /**
   * Ranks a bounded candidate set: the articles whose title or tags have the terms (they rank highest
   * anyway) and others that have them anywhere, at most CANDIDATES each. A word in thousands of
   * articles would otherwise make every search visit all of them; past the bound, the order among
   * equally matching articles is the index's, not the ranking's.
   */
  async function run(where: SQL, q: SearchSql, tsquery: string, limit: number): Promise<SearchHit[]> {
    const score = scoreOf(q);
    const match = (vector: typeof a.searchVector | typeof a.titleVector) =>
      db.select({ id: a.id }).from(a).where(and(where, sql`${vector} @@ ${tsquery}::tsquery`)).limit(CANDIDATES);
    const candidates = sql`(${match(a.titleVector)} union ${match(a.searchVector)})`;
    return db.select({
      id: a.id, title: a.title, body: a.body, tags: a.tags, categoryId: a.categoryId, visibility: a.visibility, status: a.status,
      updatedAt: a.updatedAt, score: sql<number>`${score}`.mapWith(Number),
    }).from(a)
      .where(sql`${a.id} in ${candidates}`)
      .orderBy(desc(score), desc(a.helpful), desc(a.updatedAt), a.id).limit(limit);
  }

  return {
    async search(tenantId: string, q: SearchSql, f: SearchFilters, limit: number): Promise<SearchHit[]> {
      if (q.terms.length === 0 || !q.all) return [];
      const base = filtersOf(tenantId, f);
      if (q.terms.length === 1) return run(base, q, q.all, limit);
      // Side by side (two connections on PostgreSQL): the some-terms list fills up what the
      // all-terms list leaves, without waiting for it.
      const [all, some] = await Promise.all([run(base, q, q.all, limit), run(base, q, q.any, limit * 2)]);
      const seen = new Set(all.map((h) => h.id));
      return [...all, ...some.filter((h) => !seen.has(h.id))].slice(0, limit);
    },
  };
}
export type KnowledgeSearchRepository = ReturnType<typeof createKnowledgeSearchRepository>;
