/**
 * FAQ portal page latency over HTTP: a tenant with ~2,000 public Japanese FAQ articles (generated from
 * a fixed vocabulary), the real app listening on loopback, autocannon with 8 connections per page:
 * the home page, a search of 1–3 terms and an article page (a view counted on each), p50/p95 from
 * every response. Baseline in the same run: the same pages with the portal's page memo off (every
 * page reads the database). PostgreSQL and PGlite.
 *
 *   npm run bench:portal                                       # both engines
 *   npm run bench:portal -- --engine pglite --seconds 4 --articles 1000
 *   DATABASE_URL=postgres://…  (default the local server; a throw-away database is created and dropped)
 *
 * Target: p95 < 50 ms for every page. The last line is one JSON verdict; exits 0 even when missed.
 */
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config/config.js';
import { createServices } from '../src/server/services.js';
import { systemContext } from '../src/server/platform/system-context.js';
import { newId } from '../src/server/platform/ids.js';
import { systemClock } from '../src/server/platform/clock.js';
import type { ArticleInput } from '../src/server/features/knowledge/knowledge.service.js';
import type { Database } from '../src/server/db/client.js';
import { analyzeAfterLoad, intArg, openPgliteBench, openPostgresBench, parseArgs, prng, round, summarize } from './support/bench-kit.js';

interface AutocannonResult { requests: { total: number }; non2xx: number; errors: number }
interface AutocannonInstance { on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void }
type Autocannon = ((opts: object, done: (err: Error | null, r: AutocannonResult) => void) => AutocannonInstance) & { track?: unknown };
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const TARGET_P95_MS = 50;
const args = parseArgs(process.argv.slice(2));
const ARTICLES = intArg(args, 'articles', 2_000);
const SECONDS = intArg(args, 'seconds', 6);
const CONNECTIONS = intArg(args, 'connections', 8);
const ENGINES = (args.get('engine') ? [args.get('engine')] : ['postgres', 'pglite']) as ('postgres' | 'pglite')[];
const SLUG = 'bench-portal';
const log = (s: string) => console.log(s);

// A small FAQ vocabulary: every word occurs in many articles, as in a real FAQ.
const TOPICS = ['送料', '返品', '交換', '定期便', '解約', '領収書', 'ポイント', '支払い', 'クーポン', '配送日', '修理', '保証', '取扱説明書', '霜取り', '冷蔵庫', '洗濯機', 'エアコン', 'リモコン', 'フィルター', 'ログイン', 'パスワード', 'メールマガジン', 'お届け先', '在庫'];
const SITUATIONS = ['の変更', 'の確認方法', 'について', 'ができない', 'の期限', 'の手数料', 'の申し込み', 'のお問い合わせ先'];
const SENTENCES = [
  'マイページの「ご注文履歴」から手続きできます。', 'お電話でも承ります（平日9時から18時）。', '商品到着後7日以内にご連絡ください。',
  '保証書と製造番号をご用意ください。', '一部の離島は別途料金がかかります。', '手続きが完了すると確認メールをお送りします。',
  '定期便は次回発送日の7日前まで変更できます。', '電源を切ってから作業してください。', 'ポイントは最後のご利用から1年間有効です。',
];

function generate(n: number, categoryIds: string[]): ArticleInput[] {
  const rand = prng(11);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const topic = pick(TOPICS);
    const body = Array.from({ length: 3 + Math.floor(rand() * 4) }, () => `${pick(TOPICS)}${pick(SITUATIONS)}: ${pick(SENTENCES)}`).join('\n\n');
    return {
      title: `${topic}${pick(SITUATIONS)}（${i + 1}）`, body: `${topic}について。${body}\n\n- ${pick(SENTENCES)}\n- ${pick(SENTENCES)}`,
      tags: [topic], categoryId: pick(categoryIds), visibility: 'public', publish: true,
    };
  });
}

function queries(n: number): string[] {
  const rand = prng(12);
  return Array.from({ length: n }, () => Array.from({ length: 1 + Math.floor(rand() * 3) }, () => TOPICS[Math.floor(rand() * TOPICS.length)]!).join(' '));
}

/** autocannon against one kind of page; the path of each request from `pathOf`. */
function load(url: string, pathOf: () => string, seconds: number): Promise<{ ms: number[]; total: number; bad: number }> {
  return new Promise((resolve, reject) => {
    const ms: number[] = [];
    const instance = autocannon({
      url, connections: CONNECTIONS, duration: seconds,
      requests: [{ method: 'GET', setupRequest: (req: object) => ({ ...req, path: pathOf() }) }],
    }, (err, r) => (err ? reject(err) : resolve({ ms, total: r.requests.total, bad: r.non2xx + r.errors })));
    instance.on('response', (_c, _status, _bytes, responseTime) => ms.push(responseTime));
  });
}

async function listen(database: Database, cache: boolean): Promise<{ app: FastifyInstance; url: string }> {
  const services = createServices({ db: database.db, clock: systemClock, ids: newId, sessionTtlHours: 8, leaderLock: database.tryLeaderLock, writerDb: database.writer(), portalCache: cache });
  const config = loadConfig({ LOG_LEVEL: 'silent', MADOGUCHI_SEED_DEMO: 'false' });
  const big = 1_000_000;
  const app = await buildApp({ config, database, services, webRoot: '/nonexistent', portalRateLimits: { search: big, feedback: big, contact: big } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return { app, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

async function runEngine(engine: 'postgres' | 'pglite') {
  const bench = engine === 'postgres'
    ? await openPostgresBench(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres')
    : await openPgliteBench(true);
  try {
    const { database } = bench;
    const setup = createServices({ db: database.db, clock: systemClock, ids: newId, sessionTtlHours: 8 });
    const tenant = await setup.tenants.createTenant({ slug: SLUG, name: 'ポータル計測' });
    const ctx = systemContext(tenant, 'bench');
    const categories = [];
    for (const name of ['ご注文', 'お届け', '返品・交換', '製品の使い方', '修理・保証', 'アカウント']) categories.push((await setup.knowledge.createCategory(ctx, { name })).id);
    const t0 = performance.now();
    const ids = await setup.knowledge.createArticles(ctx, generate(ARTICLES, categories));
    await setup.portal.settings.updateSettings(ctx, { enabled: true, title: 'ポータル計測', tagline: '', logoUrl: null, primaryColor: '#1d4ed8', accentColor: '#f59e0b', defaultLocale: 'ja', contactQueueId: null, staleAfterDays: 180 });
    await analyzeAfterLoad(database);
    log(`${engine}: ${ids.length} public articles in ${round((performance.now() - t0) / 1000, 1)} s`);

    const rand = prng(13);
    const qs = queries(300);
    const pages = {
      home: () => `/portal/${SLUG}/`,
      search: () => `/portal/${SLUG}/search?q=${encodeURIComponent(qs[Math.floor(rand() * qs.length)]!)}`,
      article: () => `/portal/${SLUG}/articles/${ids[Math.floor(rand() * ids.length)]}`,
    };
    const out: Record<string, Record<string, number>> = {};
    for (const cache of [true, false]) {
      const { app, url } = await listen(database, cache);
      try {
        for (const [page, pathOf] of Object.entries(pages)) {
          await load(url, pathOf, 1); // warm-up
          const r = await load(url, pathOf, SECONDS);
          const s = summarize(r.ms);
          const key = cache ? 'portal' : 'baseline';
          out[page] = { ...out[page], [`${key}_p50_ms`]: s.p50_ms, [`${key}_p95_ms`]: s.p95_ms, [`${key}_rps`]: round(r.total / SECONDS, 0), [`${key}_failed`]: r.bad };
          log(`  ${key.padEnd(8)} ${page.padEnd(7)} ${r.total} requests (${round(r.total / SECONDS, 0)}/s, ${r.bad} failed), p50 ${s.p50_ms} ms, p95 ${s.p95_ms} ms`);
        }
      } finally {
        await app.close();
      }
    }
    const pass = Object.values(out).every((p) => p.portal_p95_ms! < TARGET_P95_MS && p.portal_failed === 0);
    log(`  target p95 < ${TARGET_P95_MS} ms on every page → ${pass ? 'PASS' : 'FAIL'}`);
    return { engine, articles: ids.length, connections: CONNECTIONS, seconds: SECONDS, pages: out, pass };
  } finally {
    await bench.cleanup();
  }
}

async function main() {
  const results = [];
  for (const engine of ENGINES) results.push(await runEngine(engine));
  for (const r of results) console.log(JSON.stringify({ bench: 'portal', ...r }));
  console.log(JSON.stringify({
    bench: 'portal', engines: results.map((r) => r.engine), articles: ARTICLES, connections: CONNECTIONS,
    p95_ms: Object.fromEntries(results.map((r) => [r.engine, Object.fromEntries(Object.entries(r.pages).map(([p, v]) => [p, v.portal_p95_ms]))])),
    baseline_p95_ms: Object.fromEntries(results.map((r) => [r.engine, Object.fromEntries(Object.entries(r.pages).map(([p, v]) => [p, v.baseline_p95_ms]))])),
    target_p95_ms: TARGET_P95_MS, pass: results.every((r) => r.pass),
  }));
}

await main();
