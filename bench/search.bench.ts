/**
 * Search latency: 100,000 Japanese FAQ articles in one tenant, written from the evaluation corpus
 * (test/fixtures/knowledge: each article a corpus title with a product variant and paragraphs drawn
 * from several corpus answers, so words occur as often as they do in real FAQs), then 1–3 term queries
 * through the knowledge service (parse, synonyms, SQL, snippets), on PostgreSQL and PGlite.
 * Baseline in the same run: ILIKE '%query%' over title and body.
 *
 *   npm run bench:search                                    # both engines, 100,000 articles
 *   npm run bench:search -- --articles 20000 --engine pglite --queries 300
 *   DATABASE_URL=postgres://…  (default the local server; a throw-away database is created and dropped)
 *
 * Targets: p95 < 20 ms on PostgreSQL, < 60 ms on PGlite. Prints ONE JSON line per engine, the last
 * line being the verdict for all; exits 0 even when a target is missed.
 */
import { readFileSync } from 'node:fs';
import { loadConfig } from '../src/server/config/config.js';
import { servicesFor } from '../src/server/main.js';
import { systemContext } from '../src/server/platform/system-context.js';
import { ilikeSearch } from './support/ilike-baseline.js';
import type { ArticleInput } from '../src/server/features/knowledge/knowledge.service.js';
import { analyzeAfterLoad, intArg, openPgliteBench, openPostgresBench, parseArgs, prng, round, summarize, type BenchDatabase } from './support/bench-kit.js';

interface Article { tenant: string; category: string[]; tags: string[]; title: string; body: string; visibility: 'public' | 'internal' }
interface Query { q: string; kind: string }

const TARGET_P95 = { postgres: 20, pglite: 60 } as const;
const args = parseArgs(process.argv.slice(2));
const ARTICLES = intArg(args, 'articles', 100_000);
const QUERIES = intArg(args, 'queries', 500);
const BASELINE_QUERIES = intArg(args, 'baseline-queries', 40);
const SEED = intArg(args, 'seed', 7);
const ENGINES = (args.get('engine') ? [args.get('engine')] : ['postgres', 'pglite']) as ('postgres' | 'pglite')[];
const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../test/fixtures/knowledge/${name}`, import.meta.url), 'utf8')) as unknown;
/** The corpus and synonyms seed the demo too: they live with the demo data. */
const demoData = (name: string) => JSON.parse(readFileSync(new URL(`../src/server/features/demo/data/${name}`, import.meta.url), 'utf8')) as unknown;
const corpus = demoData('faq-corpus.json') as Article[];
const evalQueries = fixture('faq-queries.json') as Query[];
const log = (s: string) => console.log(s);
const progress = (s: string) => void (process.stderr.isTTY && process.stderr.write(`${s}\x1b[K\r`));

/** Deterministic articles: a corpus title with a variant, and 2–4 paragraphs from other answers. */
function generate(n: number): ArticleInput[] {
  const rand = prng(SEED);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const paragraphs = corpus.flatMap((a) => a.body.split(/\n{2,}/).filter((p) => p.trim().length > 20));
  const variants = ['', '（旧モデル）', '（2024年モデル）', '（法人のお客様）', '（店舗でご購入の場合）', '（海外でご使用の場合）', '（定期便）', '（アプリ）'];
  const out: ArticleInput[] = [];
  for (let i = 0; i < n; i++) {
    const base = corpus[i % corpus.length]!;
    const body = [base.body.split(/\n{2,}/)[0]!, ...Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(paragraphs))].join('\n\n');
    out.push({ title: `${base.title}${pick(variants)}`, body: `${body}\n\n管理番号 KB-${String(i).padStart(6, '0')}`, tags: [...base.category, ...base.tags], visibility: base.visibility, publish: true });
  }
  return out;
}

/** 1–3 terms: the eval queries' words (as customers type them) and corpus tags. */
function queriesOf(n: number): string[] {
  const rand = prng(SEED + 1);
  const words = [...new Set([...evalQueries.filter((q) => q.kind !== 'natural').flatMap((q) => q.q.split(/\s+/)), ...corpus.flatMap((a) => a.tags)])].filter(Boolean);
  return Array.from({ length: n }, () => Array.from({ length: 1 + Math.floor(rand() * 3) }, () => words[Math.floor(rand() * words.length)]!).join(' '));
}

async function runEngine(engine: 'postgres' | 'pglite', articles: ArticleInput[], queries: string[]) {
  const bench: BenchDatabase = engine === 'postgres'
    ? await openPostgresBench(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres')
    : await openPgliteBench(true);
  try {
    const { database } = bench;
    const services = servicesFor(database, { sessionTtlHours: 8 });
    const tenant = await services.tenants.createTenant({ slug: 'bench-search', name: '検索計測' });
    const ctx = systemContext(tenant, 'bench');
    await services.knowledge.setSynonyms(ctx, [['返品', '返却'], ['メルマガ', 'メールマガジン'], ['領収書', '領収証']]);
    const t0 = performance.now();
    for (let i = 0; i < articles.length; i += 2_000) {
      await services.knowledge.createArticles(ctx, articles.slice(i, i + 2_000));
      progress(`${engine}: ${Math.min(i + 2_000, articles.length)}/${articles.length} articles`);
    }
    await analyzeAfterLoad(database);
    const loadS = (performance.now() - t0) / 1000;
    log(`${engine}: ${articles.length} articles loaded and indexed in ${round(loadS, 1)} s`);

    for (const q of queries.slice(0, 50)) await services.knowledge.search(ctx, q, { audience: 'console', limit: 10 }); // warm-up
    const ms: number[] = [];
    const hits: number[] = [];
    for (const q of queries) {
      const t = performance.now();
      const r = await services.knowledge.search(ctx, q, { audience: 'console', limit: 10 });
      ms.push(performance.now() - t);
      hits.push(r.hits.length);
    }
    const baseMs: number[] = [];
    for (const q of queries.slice(0, BASELINE_QUERIES)) {
      const t = performance.now();
      await ilikeSearch(database.db, tenant.id, q, 10);
      baseMs.push(performance.now() - t);
    }
    const s = summarize(ms);
    const b = summarize(baseMs);
    const target = TARGET_P95[engine];
    log(`  search: ${s.n} queries (1–3 terms), p50 ${s.p50_ms} ms, p95 ${s.p95_ms} ms, p99 ${s.p99_ms} ms, max ${s.max_ms} ms; ${hits.filter((h) => h > 0).length} with hits`);
    log(`  ILIKE baseline: ${b.n} queries, p50 ${b.p50_ms} ms, p95 ${b.p95_ms} ms → baseline p95 / search p95 = ×${round(b.p95_ms / s.p95_ms, 1)}`);
    log(`  target p95 < ${target} ms → ${s.p95_ms < target ? 'PASS' : 'FAIL'}`);
    return {
      engine, articles: articles.length, load_s: round(loadS, 1), queries: s.n, p50_ms: s.p50_ms, p95_ms: s.p95_ms, p99_ms: s.p99_ms,
      baseline_p95_ms: b.p95_ms, ratio_baseline: round(b.p95_ms / s.p95_ms, 1), target_p95_ms: target, pass: s.p95_ms < target,
    };
  } finally {
    await bench.cleanup();
  }
}

async function main() {
  loadConfig({ LOG_LEVEL: 'silent' });
  const articles = generate(ARTICLES);
  const queries = queriesOf(QUERIES);
  const results = [];
  for (const engine of ENGINES) results.push(await runEngine(engine, articles, queries));
  for (const r of results) console.log(JSON.stringify({ bench: 'search', ...r }));
  console.log(JSON.stringify({ bench: 'search', engines: results.map((r) => r.engine), p95_ms: Object.fromEntries(results.map((r) => [r.engine, r.p95_ms])), pass: results.every((r) => r.pass) }));
}

await main();
