import { and, arrayContains, desc, eq, inArray, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { containsPattern } from '../../db/like.js';
import { knowledgeArticles } from '../../db/schema.js';
import type { ParsedQuery, SearchTerm } from '../../../core/text-ja/search-query.util.js';

export interface SearchFilters {
  visibility?: readonly ('public' | 'internal')[];
  /** Only published articles (readers); editors may see drafts too. */
  publishedOnly: boolean;
  /** A category and its descendants, already expanded. */
  categoryIds?: readonly string[];
  productSku?: string;
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
  /** How many of the query's terms the article contains. */
  matchedTerms: number;
}

const a = knowledgeArticles;

// Where a term occurs decides its weight: a title answers the question, tags name its topic, the
// body mentions it. A term found only through its bigrams (scattered) counts for little.
const WEIGHT = { title: 8, tags: 4, body: 2, grams: 1, phraseTitle: 10, phraseBody: 4, exactTitle: 6 } as const;

const hit = (column: SQL | AnyPgColumn, pattern: string, weight: number) =>
  sql`(case when ${column} like ${pattern} then ${sql.raw(String(weight))} else 0 end)`;

/** The term's candidate condition: any variant's grams all in the article's terms (GIN). */
function termMatches(t: SearchTerm): SQL {
  const alternatives = t.grams.map((grams) => arrayContains(a.searchTerms, grams));
  return alternatives.length === 1 ? alternatives[0]! : or(...alternatives)!;
}

/** The best of the term's variants: where it occurs as a substring of the folded fields. */
function termScore(t: SearchTerm): SQL {
  const perVariant = t.variants.map((v, i) => {
    const p = containsPattern(v);
    return sql`(${hit(a.titleFold, p, WEIGHT.title)} + ${hit(a.tagsFold, p, WEIGHT.tags)} + ${hit(a.bodyFold, p, WEIGHT.body)}
      + (case when ${arrayContains(a.searchTerms, t.grams[i]!)} then ${sql.raw(String(WEIGHT.grams))} else 0 end))`;
  });
  return perVariant.length === 1 ? perVariant[0]! : sql`greatest(${sql.join(perVariant, sql`, `)})`;
}

function scoreOf(q: ParsedQuery): SQL {
  const parts = q.terms.map(termScore);
  if (q.terms.length > 1 && q.phrase) {
    const p = containsPattern(q.phrase);
    parts.push(hit(a.titleFold, p, WEIGHT.phraseTitle), hit(a.bodyFold, p, WEIGHT.phraseBody));
  }
  if (q.phrase) parts.push(sql`(case when ${a.titleFold} = ${q.phrase} then ${sql.raw(String(WEIGHT.exactTitle))} else 0 end)`);
  return sql.join(parts, sql` + `);
}

function matchedOf(q: ParsedQuery): SQL {
  return sql.join(q.terms.map((t) => sql`(case when ${termMatches(t)} then 1 else 0 end)`), sql` + `);
}

/**
 * Japanese full-text search over the bigram index: the same SQL on PGlite and PostgreSQL. Articles
 * with every term come first (found through the GIN index); only when they are fewer than asked,
 * articles with some of the terms follow, ranked by how many they have and where.
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

  async function run(where: SQL, q: ParsedQuery, limit: number): Promise<SearchHit[]> {
    const score = scoreOf(q);
    const rows = await db.select({
      id: a.id, title: a.title, body: a.body, tags: a.tags, categoryId: a.categoryId, visibility: a.visibility, status: a.status,
      updatedAt: a.updatedAt, score: sql<number>`${score}`.mapWith(Number), matchedTerms: sql<number>`${matchedOf(q)}`.mapWith(Number),
    }).from(a).where(where).orderBy(desc(sql`${matchedOf(q)}`), desc(sql`${score}`), desc(a.updatedAt), a.id).limit(limit);
    return rows;
  }

  return {
    async search(tenantId: string, q: ParsedQuery, f: SearchFilters, limit: number): Promise<SearchHit[]> {
      if (q.terms.length === 0) return [];
      const base = filtersOf(tenantId, f);
      const all = await run(and(base, ...q.terms.map(termMatches))!, q, limit);
      if (all.length >= limit || q.terms.length === 1) return all;
      const some = await run(and(base, or(...q.terms.map(termMatches)), all.length ? notInArray(a.id, all.map((h) => h.id)) : undefined)!, q, limit - all.length);
      return [...all, ...some];
    },
    /** The naive baseline the evaluation compares against: ILIKE on the raw query over title and body. */
    async searchIlike(tenantId: string, query: string, f: SearchFilters, limit: number) {
      const p = containsPattern(query.trim());
      return db.select({ id: a.id }).from(a)
        .where(and(filtersOf(tenantId, f), or(sql`${a.title} ilike ${p}`, sql`${a.body} ilike ${p}`)))
        .orderBy(desc(a.updatedAt), a.id).limit(limit);
    },
  };
}
export type KnowledgeSearchRepository = ReturnType<typeof createKnowledgeSearchRepository>;
