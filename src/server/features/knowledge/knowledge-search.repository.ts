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
  helpful: number;
  score: number;
}

const a = knowledgeArticles;

// Ranking reads only short columns: every candidate has the terms somewhere (the index said so); a
// term in the title answers the question, in the tags it names the topic. Reading each candidate's
// body or vector to weigh it would cost more than the whole index lookup.
const WEIGHT = { title: 4, tags: 2, phraseInTitle: 3, exactTitle: 5 } as const;
/**
 * Candidates ranked per stage. Articles with some of the terms are many and each matches little
 * (often one frequent word): fewer of them are read, since past the bound their order is the
 * table's anyway and none of them would outrank an article with every term.
 */
const CANDIDATES = { all: 400, some: 100 } as const;

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

  const byRank = (x: SearchHit, y: SearchHit) =>
    y.score - x.score || y.helpful - x.helpful || y.updatedAt.getTime() - x.updatedAt.getTime() || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

  /** The best `limit` of at most `cap` articles matching `match`, ranked in the database. */
  async function rankedCandidates(db: Db, where: SQL, match: SQL, score: SQL, limit: number, cap: number): Promise<SearchHit[]> {
    const candidates = db.select({
      id: a.id, title: a.title, body: a.body, tags: a.tags, categoryId: a.categoryId, visibility: a.visibility, status: a.status,
      updatedAt: a.updatedAt, helpful: a.helpful, score: sql<number>`${score}`.mapWith(Number).as('score'),
    }).from(a).where(and(where, match)).limit(cap).as('candidates');
    return db.select().from(candidates)
      .orderBy(desc(candidates.score), desc(candidates.helpful), desc(candidates.updatedAt), candidates.id).limit(limit);
  }

  /**
   * Ranks a bounded candidate set in stages, each only when the one before found fewer than asked:
   * first the articles whose title or tags have the terms (a frequent word ends here, after one
   * small GIN scan), then the others that have them anywhere. A word in thousands of articles would
   * otherwise make every search visit all of them; past the bound (CANDIDATES per stage), the order
   * among equally matching articles is the index's, not the ranking's.
   */
  async function run(where: SQL, q: SearchSql, mode: 'all' | 'some', limit: number): Promise<SearchHit[]> {
    const tsquery = mode === 'all' ? q.all : q.any;
    const cap = CANDIDATES[mode];
    const score = scoreOf(q);
    const inTitle = sql`${a.titleVector} @@ ${tsquery}::tsquery`;
    const titled = await rankedCandidates(db, where, inTitle, score, limit, cap);
    if (titled.length >= limit) return titled;
    const inBody = sql`${a.searchVector} @@ ${tsquery}::tsquery and not (${inTitle})`;
    const rest = await db.transaction(async (tx) => {
      // Only the GIN index answers this well. With a LIMIT and a frequent word the planner would
      // rather scan the table (or an index in some order) and test each row, which reads and
      // decompresses every row's vector (stored out of line): 45 ms instead of 5 at 100,000
      // articles. Title vectors are small and kept in the row: there the planner's choice stands.
      await tx.execute(sql`select set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)`);
      return rankedCandidates(tx, where, inBody, score, limit, cap);
    });
    // A body match may still have some terms in its title: one order over both stages.
    return [...titled, ...rest].sort(byRank).slice(0, limit);
  }

  return {
    async search(tenantId: string, q: SearchSql, f: SearchFilters, limit: number): Promise<SearchHit[]> {
      if (q.terms.length === 0 || !q.all) return [];
      const base = filtersOf(tenantId, f);
      const all = await run(base, q, 'all', limit);
      if (q.terms.length === 1 || all.length >= limit) return all;
      // Fewer articles than asked have every term: those with some of them follow.
      const seen = new Set(all.map((h) => h.id));
      const some = await run(base, q, 'some', limit + all.length);
      return [...all, ...some.filter((h) => !seen.has(h.id))].slice(0, limit);
    },
  };
}
export type KnowledgeSearchRepository = ReturnType<typeof createKnowledgeSearchRepository>;
