/**
 * Search quality: the Japanese FAQ corpus (test/fixtures/knowledge, 160+ articles of two client
 * companies) and its query set (70+ queries with the articles a good search returns in its top 5),
 * through the real service and SQL, against the naive baseline in the same run: ILIKE '%query%' on
 * title and body.
 *
 *   npm run eval:search                         # PGlite in memory
 *   npm run eval:search -- --engine postgres    # DATABASE_URL or the local server (a throw-away database)
 *
 * recall@5: share of a query's expected articles found in the top 5, averaged over queries.
 * MRR: mean of 1 / rank of the first expected article (0 when none in the top 10).
 * Prints a table per query kind, the misses, then ONE JSON line. Exits 0 even when the target is missed.
 */
import { readFileSync } from 'node:fs';
import { loadConfig } from '../src/server/config/config.js';
import { servicesFor } from '../src/server/main.js';
import { systemContext } from '../src/server/platform/system-context.js';
import { ilikeSearch } from './support/ilike-baseline.js';
import { openPgliteBench, openPostgresBench, parseArgs, round } from './support/bench-kit.js';

interface Article { id: string; tenant: string; category: string[]; tags: string[]; products?: string[]; visibility: 'public' | 'internal'; title: string; body: string }
interface Query { q: string; tenant: string; expected: string[]; kind: string }

const TARGET_RECALL_AT_5 = 0.9;
const args = parseArgs(process.argv.slice(2));
const ENGINE = args.get('engine') === 'postgres' ? 'postgres' : 'pglite';
const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../test/fixtures/knowledge/${name}`, import.meta.url), 'utf8')) as unknown;
/** The corpus and synonyms seed the demo too: they live with the demo data. */
const demoData = (name: string) => JSON.parse(readFileSync(new URL(`../src/server/features/demo/data/${name}`, import.meta.url), 'utf8')) as unknown;
const corpus = demoData('faq-corpus.json') as Article[];
const queries = fixture('faq-queries.json') as Query[];
const synonyms = demoData('synonyms.json') as Record<string, string[][]>;

async function main() {
  loadConfig({ LOG_LEVEL: 'silent' });
  const bench = ENGINE === 'postgres'
    ? await openPostgresBench(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres')
    : await openPgliteBench(true);
  try {
    const services = servicesFor(bench.database, { sessionTtlHours: 8 });
    const tenants = new Map<string, ReturnType<typeof systemContext>>();
    const idOf = new Map<string, string>(); // fixture id → article id
    const fixtureOf = new Map<string, string>();
    for (const slug of new Set(corpus.map((a) => a.tenant))) {
      const tenant = await services.tenants.createTenant({ slug, name: slug });
      const ctx = systemContext(tenant, 'eval');
      tenants.set(slug, ctx);
      await services.knowledge.setSynonyms(ctx, synonyms[slug] ?? []);
      const mine = corpus.filter((a) => a.tenant === slug);
      const ids = await services.knowledge.createArticles(ctx, mine.map((a) => ({
        title: a.title, body: a.body, tags: [...a.category, ...a.tags], productSkus: a.products ?? [], visibility: a.visibility, publish: true,
      })));
      mine.forEach((a, i) => { idOf.set(a.id, ids[i]!); fixtureOf.set(ids[i]!, a.id); });
    }

    type Scored = { recall: number; rr: number; top: string[] };
    const score = (expected: string[], got: string[]): Scored => {
      const top5 = got.slice(0, 5);
      const found = expected.filter((e) => top5.includes(idOf.get(e)!)).length;
      const rank = got.findIndex((id) => expected.some((e) => idOf.get(e) === id));
      return { recall: found / expected.length, rr: rank < 0 ? 0 : 1 / (rank + 1), top: top5.map((id) => fixtureOf.get(id) ?? id) };
    };
    const rows: { q: Query; ours: Scored; base: Scored; ms: number }[] = [];
    for (const q of queries) {
      const ctx = tenants.get(q.tenant)!;
      const t0 = performance.now();
      const r = await services.knowledge.search(ctx, q.q, { audience: 'console', limit: 10 });
      const ms = performance.now() - t0;
      const base = await ilikeSearch(bench.database.db, ctx.tenantId, q.q, 10);
      rows.push({ q, ours: score(q.expected, r.hits.map((h) => h.id)), base: score(q.expected, base.map((b) => b.id)), ms });
    }
    // The same queries with the tenants' synonym lists emptied: what the search does on its own.
    for (const ctx of tenants.values()) await services.knowledge.setSynonyms(ctx, []);
    const bare: Scored[] = [];
    for (const q of queries) {
      const r = await services.knowledge.search(tenants.get(q.tenant)!, q.q, { audience: 'console', limit: 10 });
      bare.push(score(q.expected, r.hits.map((h) => h.id)));
    }

    const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);
    const summary = (rs: typeof rows) => ({
      n: rs.length, recall5: mean(rs.map((r) => r.ours.recall)), mrr: mean(rs.map((r) => r.ours.rr)),
      baseRecall5: mean(rs.map((r) => r.base.recall)), baseMrr: mean(rs.map((r) => r.base.rr)),
    });
    console.log(`search evaluation on ${ENGINE}: ${corpus.length} articles, ${queries.length} queries`);
    console.log(`${'kind'.padEnd(18)} ${'n'.padStart(3)}  recall@5   MRR   | ILIKE recall@5   MRR`);
    const kinds = [...new Set(queries.map((q) => q.kind))].sort();
    for (const kind of [...kinds, 'all']) {
      const s = summary(kind === 'all' ? rows : rows.filter((r) => r.q.kind === kind));
      console.log(`${kind.padEnd(18)} ${String(s.n).padStart(3)}  ${s.recall5.toFixed(3).padStart(8)}  ${s.mrr.toFixed(3)} | ${s.baseRecall5.toFixed(3).padStart(14)}  ${s.baseMrr.toFixed(3)}`);
    }
    const missed = rows.filter((r) => r.ours.recall < 1);
    if (missed.length) console.log(`\nnot fully found (${missed.length}):`);
    for (const r of missed) console.log(`  [${r.q.kind}] 「${r.q.q}」 expected ${r.q.expected.join(', ')} → top 5: ${r.ours.top.join(', ') || '(none)'}`);
    const all = summary(rows);
    const bareRecall = mean(bare.map((b) => b.recall));
    const bareMrr = mean(bare.map((b) => b.rr));
    console.log(`${'all, no synonyms'.padEnd(18)} ${String(bare.length).padStart(3)}  ${bareRecall.toFixed(3).padStart(8)}  ${bareMrr.toFixed(3)}`);
    const pass = all.recall5 >= TARGET_RECALL_AT_5;
    console.log(`\ntarget: recall@5 ≥ ${TARGET_RECALL_AT_5} → ${pass ? 'PASS' : 'FAIL'} (query time mean ${round(mean(rows.map((r) => r.ms)), 1)} ms)`);
    console.log(JSON.stringify({
      eval: 'search', engine: ENGINE, articles: corpus.length, queries: queries.length,
      recall_at_5: round(all.recall5, 3), mrr: round(all.mrr, 3), recall_at_5_no_synonyms: round(bareRecall, 3), mrr_no_synonyms: round(bareMrr, 3), baseline_recall_at_5: round(all.baseRecall5, 3), baseline_mrr: round(all.baseMrr, 3),
      ratio_recall: round(all.recall5 / all.baseRecall5, 2), target_recall_at_5: TARGET_RECALL_AT_5, pass,
    }));
  } finally {
    await bench.cleanup();
  }
}

await main();
