/**
 * Offer latency benchmark: the whole routing path on PostgreSQL, through the real HTTP API and
 * agent WebSockets. The server runs in this process (buildApp + createServices, as in production)
 * and listens on 127.0.0.1; 200 simulated agents (voice capacity 1, one skill) sign in over HTTP,
 * open their sockets and go ready; then contacts arrive at 100/s for 60 s through
 * `POST /api/v1/contacts` with an API token. Agents accept every offer at once, end the contact after
 * a random 0.2–1 s and wrap up immediately.
 *
 * Measured per contact: from sending the POST to the `offer` frame arriving on an agent's socket.
 * Checked: every created contact is offered exactly once and ends answered (lost: never answered;
 * double: offered twice or to two agents), and the database agrees.
 * Baseline in the same run: the same path at 10 contacts/s (before the measured phase), and the POST
 * round trip alone; the report gives p95 / baseline p95.
 *
 *   npm run bench:offer
 *   npm run bench:offer -- --seconds 10 --rate 50 --agents 100      # quicker
 *   options: --baseline-rate 10 --baseline-seconds 10 --pool 10 --poisson --seed 42 --drain-timeout 60
 *   DATABASE_URL=postgres://user@host:5432/postgres   (default postgres://postgres@127.0.0.1:5432/postgres;
 *   a fresh database madoguchi_bench_offer_<pid> is created there and dropped)
 *
 * The load generator shares the event loop with the server: its own work (about one JSON frame and
 * three HTTP calls per contact) is part of the figures. The event-loop delay is reported alongside.
 * Prints its figures, then ONE JSON line (the last line). Exits 0 even when a target is missed.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { servicesFor } from '../src/server/main.js';
import { cpus, loadavg } from 'node:os';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config/config.js';
import { systemContext } from '../src/server/platform/system-context.js';
import { poissonGapMs, streamRand, uniform } from '../src/core/simulation/distributions.js';
import { unknownPhone } from '../src/core/simulation/caller-generator.js';
import type { SimAgentDice } from '../src/core/simulation/agent-machine.js';
import { prepareSimulation, signIn } from '../src/cli/simulate/setup.js';
import { SimAgent } from '../src/cli/simulate/sim-agent.js';
import type { CreatedContactBody, WorkItemBody } from '../src/cli/simulate/api-types.js';
import { execSql, intArg, openPostgresBench, parseArgs, round, summarize, type Summary } from './support/bench-kit.js';

const TARGET_P95_MS = 50;
const args = parseArgs(process.argv.slice(2));
const SECONDS = intArg(args, 'seconds', 60);
const RATE = intArg(args, 'rate', 100);
const AGENTS = intArg(args, 'agents', 200);
const BASELINE_RATE = intArg(args, 'baseline-rate', 10);
const BASELINE_SECONDS = intArg(args, 'baseline-seconds', 10);
const POOL = intArg(args, 'pool', 10);
const SEED = intArg(args, 'seed', 42);
const DRAIN_TIMEOUT_S = intArg(args, 'drain-timeout', 600);
/** The drain gives up once no contact was wrapped up for this long. */
const DRAIN_STALL_S = intArg(args, 'drain-stall', 30);
/** Requests wait this long: the bench measures a slow server, it does not give up on it. */
const REQUEST_TIMEOUT_MS = 600_000;
const POISSON = args.has('poisson');
const ADMIN_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

const log = (msg: string) => console.log(msg);
const progress = (msg: string) => void (process.stderr.isTTY && process.stderr.write(`${msg}\x1b[K\r`));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Sent {
  phase: 'baseline' | 'measured';
  t0: number;
  contactId: string | null;
  postMs: number | null;
  offeredAt: number | null;
  /** The step that made the offer committed (server side, same clock). */
  committedAt: number | null;
  offers: { contactId: string; agent: string }[];
  answered: boolean;
  wrapped: boolean;
  failed: string | null;
}

async function main() {
  const bench = await openPostgresBench(ADMIN_URL, POOL, `madoguchi_bench_offer_${process.pid}`);
  const { database } = bench;
  let closeApp: (() => Promise<void>) | null = null;
  const agents: SimAgent[] = [];
  try {
    const version = String((await execSql(database, 'SHOW server_version'))[0]?.server_version ?? '?');
    log(`offer bench on PostgreSQL ${version} (${bench.location}, pool ${POOL}); ${cpus().length} CPUs, load ${loadavg()[0]!.toFixed(2)}`);
    const config = loadConfig({ MADOGUCHI_SEED_DEMO: 'false', LOG_LEVEL: 'silent', MADOGUCHI_LOGIN_RATE_LIMIT: '1000000' });
    const services = servicesFor(database, { sessionTtlHours: 8 });
    const app = await buildApp({ config, database, services, webRoot: '/nonexistent' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    closeApp = () => app.close();
    const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    // ——— one tenant, one skill, one queue requiring it; 200 agents with voice capacity 1 and the skill
    const tSetup = performance.now();
    const tenant = await services.tenants.createTenant({ slug: 'bench-offer', name: 'オファー計測株式会社' });
    const ctx = systemContext(tenant, 'bench');
    const skill = await services.routingAdmin.createSkill(ctx, { name: '電話応対' });
    const queue = await services.routingAdmin.createQueue(ctx, { name: '代表', requiredSkills: [{ skillId: skill.id, minLevel: 3 }] });
    const prepared = await prepareSimulation(
      { services, db: database.db, baseUrl, log },
      { tenants: [tenant.slug], agents: AGENTS, channels: ['voice'], seed: SEED, capacity: { voice: 1, chat: 0 }, fixedLevel: 5, requestTimeoutMs: REQUEST_TIMEOUT_MS },
    );
    const contacts = prepared.tenants[0]!.contacts;
    log(`setup: tenant, queue 「${queue.name}」, ${AGENTS} agents with profiles and skills in ${round((performance.now() - tSetup) / 1000, 1)} s`);

    // ——— what the agents see
    const byExternal = new Map<string, Sent>();
    const byContact = new Map<string, Sent>();
    let stray = 0;
    const sentOf = (id: string) => byContact.get(id);
    const dice = (i: number): SimAgentDice => {
      const rand = streamRand(SEED, `bench-agent:${i}`);
      return { answerDelayMs: () => 0, handleMs: () => Math.round(uniform(rand, 200, 1000)), acwMs: () => 0, disposition: () => null };
    };
    const tLogin = performance.now();
    let signedIn = 0;
    let agentErrors = 0;
    for (let i = 0; i < prepared.accounts.length; i += 8) {
      await Promise.all(prepared.accounts.slice(i, i + 8).map(async (account) => {
        const { client } = await signIn(services, baseUrl, account, prepared.password, { timeoutMs: REQUEST_TIMEOUT_MS });
        const agent = new SimAgent(account.displayName, client, dice(account.index), {
          onOffer: (item: WorkItemBody, at: number) => {
            const s = item.contact.externalId ? byExternal.get(item.contact.externalId) : undefined;
            if (!s) return void stray++;
            s.offeredAt ??= at;
            s.offers.push({ contactId: item.contact.id, agent: account.userId });
          },
          onAnswered: (id) => { const s = sentOf(id); if (s) s.answered = true; },
          onWrappedUp: (id) => { const s = sentOf(id); if (s) s.wrapped = true; },
          onError: (what, err) => {
            if (++agentErrors <= 10) log(`  ! ${account.displayName} ${what}: ${err instanceof Error ? err.message : String(err)}`);
          },
        });
        await agent.start();
        agents.push(agent);
        progress(`signed in and connected ${++signedIn}/${AGENTS}`);
      }));
    }
    for (let waited = 0; agents.some((a) => a.activity !== 'available'); waited += 100) {
      if (waited > 30_000) throw new Error(`agents not ready after 30 s: ${agents.filter((a) => a.activity !== 'available').length}`);
      await sleep(100);
    }
    log(`${AGENTS} agents signed in over HTTP, sockets open, ready in ${round((performance.now() - tLogin) / 1000, 1)} s`);

    // ——— diagnostics (server side, informative): when the offer's step committed; how long each
    // engine dispatch took, waiting for its turn included (steps are serialized).
    const offerCommitted = new Map<string, number>();
    services.routing.onCommitted(({ actions }) => {
      const at = performance.now();
      for (const a of actions) if (a.type === 'offer' && !offerCommitted.has(a.contactId)) offerCommitted.set(a.contactId, at);
    });
    const dispatchMs = new Map<string, number[]>();
    let recordDispatch = false;
    const dispatch = services.routing.dispatch;
    services.routing.dispatch = (event, opts) => {
      const t = performance.now();
      const p = dispatch(event, opts);
      if (recordDispatch) {
        const key = event.type === 'agent_presence' ? `presence:${event.change}` : event.type;
        void p.finally(() => (dispatchMs.get(key) ?? dispatchMs.set(key, []).get(key)!).push(performance.now() - t)).catch(() => undefined);
      }
      return p;
    };

    // ——— contacts: POST at a steady rate (or Poisson), every POST tracked
    const arrivals = streamRand(SEED, 'bench-arrivals');
    const callers = streamRand(SEED, 'bench-callers');
    let seq = 0;
    const inFlight = new Set<Promise<void>>();
    async function send(phase: Sent['phase']) {
      const externalId = `bench-${++seq}`;
      const s: Sent = { phase, t0: performance.now(), contactId: null, postMs: null, offeredAt: null, committedAt: null, offers: [], answered: false, wrapped: false, failed: null };
      byExternal.set(externalId, s);
      try {
        const c = await contacts.post<CreatedContactBody>('/api/v1/contacts', { channel: 'voice', queueId: queue.id, externalId, from: unknownPhone(callers), subject: '計測' });
        s.postMs = performance.now() - s.t0;
        s.contactId = c.id;
        byContact.set(c.id, s);
      } catch (err) {
        s.failed = err instanceof Error ? err.message : String(err);
      }
    }
    async function stream(phase: Sent['phase'], rate: number, seconds: number) {
      const total = rate * seconds;
      const start = performance.now();
      let due = start;
      for (let k = 0; k < total; k++) {
        due += POISSON ? poissonGapMs(arrivals, rate * 60) : 1000 / rate;
        const wait = due - performance.now();
        if (wait > 1) await sleep(wait);
        const p = send(phase);
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
        if (k % Math.max(1, rate) === 0) progress(`${phase}: ${k}/${total} sent, ${inFlight.size} POSTs in flight`);
      }
      const sending = (performance.now() - start) / 1000;
      await Promise.all([...inFlight]);
      return sending;
    }
    /** Waits until every contact of the phase is wrapped up, the server stalls, or the cap. */
    async function drain(phase: Sent['phase']): Promise<{ complete: boolean; seconds: number }> {
      const t0 = performance.now();
      const open = () => [...byExternal.values()].filter((s) => s.phase === phase && !s.failed && !s.wrapped).length;
      let left = open();
      let lastProgress = t0;
      while (left > 0) {
        const now = performance.now();
        if (now - lastProgress > DRAIN_STALL_S * 1000 || now - t0 > DRAIN_TIMEOUT_S * 1000) break;
        await sleep(100);
        const n = open();
        if (n < left) lastProgress = performance.now();
        left = n;
        progress(`${phase}: draining, ${left} contacts still open (${round((performance.now() - t0) / 1000, 0)} s)`);
      }
      // let the agents' last wrap-ups settle in the engine
      for (let i = 0; i < 50 && agents.some((a) => a.holding > 0); i++) await sleep(100);
      return { complete: left === 0, seconds: (performance.now() - t0) / 1000 };
    }

    log(`baseline: ${BASELINE_RATE} contacts/s for ${BASELINE_SECONDS} s …`);
    await stream('baseline', BASELINE_RATE, BASELINE_SECONDS);
    await drain('baseline');
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    recordDispatch = true;
    log(`measured: ${RATE} contacts/s for ${SECONDS} s …`);
    const load0 = loadavg()[0]!;
    const tMeasured = performance.now();
    const sendSeconds = await stream('measured', RATE, SECONDS);
    const drained = await drain('measured');
    const measuredSeconds = (performance.now() - tMeasured) / 1000;
    lag.disable();
    recordDispatch = false;
    const load1 = loadavg()[0]!;

    // ——— figures
    const all = [...byExternal.values()];
    const of = (phase: Sent['phase']) => all.filter((s) => s.phase === phase);
    const latency = (xs: Sent[]) => summarize(xs.filter((s) => s.offeredAt !== null).map((s) => s.offeredAt! - s.t0));
    const measured = of('measured');
    const baseline = of('baseline');
    const m = latency(measured);
    const b = latency(baseline);
    const post = summarize(measured.filter((s) => s.postMs !== null).map((s) => s.postMs!));
    for (const s of all) if (s.contactId) s.committedAt = offerCommitted.get(s.contactId) ?? null;
    const withCommit = measured.filter((s) => s.committedAt !== null && s.offeredAt !== null);
    const toCommit = summarize(withCommit.map((s) => s.committedAt! - s.t0));
    const commitToFrame = summarize(withCommit.map((s) => s.offeredAt! - s.committedAt!));
    const failed = all.filter((s) => s.failed);
    const created = all.filter((s) => !s.failed);
    const lost = created.filter((s) => !s.answered || !s.wrapped).length;
    const double = created.filter((s) => s.offers.length > 1 || new Set(s.offers.map((o) => o.agent)).size > 1).length;
    const notOffered = created.filter((s) => s.offers.length === 0).length;
    const rows = await execSql(database, `SELECT status, outcome, count(*)::int AS n FROM contacts GROUP BY 1, 2 ORDER BY 1, 2`);
    const dbAnsweredEnded = rows.filter((r) => r.status === 'ended' && r.outcome === 'answered').reduce((sum, r) => sum + Number(r.n), 0);
    const dbTotal = rows.reduce((sum, r) => sum + Number(r.n), 0);
    const dbMismatch = Math.abs(dbTotal - created.length) + (dbTotal - dbAnsweredEnded);
    const ratio = m.p95_ms / b.p95_ms;
    const pass = m.p95_ms <= TARGET_P95_MS && lost === 0 && double === 0 && failed.length === 0 && dbMismatch === 0;

    const line = (name: string, s: Summary) => `  ${name.padEnd(28)} n=${String(s.n).padStart(6)}  p50 ${s.p50_ms} ms  p95 ${s.p95_ms} ms  p99 ${s.p99_ms} ms  max ${s.max_ms} ms`;
    log(`measured phase: ${measured.length} contacts sent in ${round(sendSeconds, 1)} s (${round(measured.length / sendSeconds, 1)}/s${POISSON ? ', Poisson' : ', steady'})`);
    log(line('POST → offer frame', m));
    log(line(`baseline at ${BASELINE_RATE}/s`, b));
    log(line('POST round trip', post));
    log(line('  POST → offer step committed', toCommit));
    log(line('  committed → offer frame', commitToFrame));
    const steps = [...dispatchMs].sort((x, y) => y[1].length - x[1].length);
    const stepCount = steps.reduce((n, [, xs]) => n + xs.length, 0);
    log(`  engine dispatches in the measured phase: ${stepCount} in ${round(measuredSeconds, 1)} s (${round(stepCount / measuredSeconds, 0)}/s), duration incl. waiting for the turn:`);
    for (const [k, xs] of steps) log(line(`    ${k}`, summarize(xs)));
    log(`  p95 / baseline p95 = ×${round(ratio, 2)}; event-loop delay p99 ${round(lag.percentile(99) / 1e6, 1)} ms, max ${round(lag.max / 1e6, 1)} ms; load ${load0.toFixed(2)} → ${load1.toFixed(2)}`);
    log(`drain after the last POST: ${round(drained.seconds, 1)} s, ${drained.complete ? 'every contact wrapped up' : `gave up (no wrap-up for ${DRAIN_STALL_S} s or over ${DRAIN_TIMEOUT_S} s)`}`);
    log(`checks: ${created.length} created, ${failed.length} failed POSTs, ${notOffered} never offered, ${lost} lost (not answered and wrapped up), ${double} double, ${stray} stray offers, ${agentErrors} agent request errors`);
    log(`database: ${rows.map((r) => `${r.status}/${r.outcome ?? '–'} ${r.n}`).join(', ')} → mismatches ${dbMismatch}`);
    if (failed.length) log(`  first failure: ${failed[0]!.failed}`);
    log(`target: p95 ≤ ${TARGET_P95_MS} ms, nothing lost or doubled → ${pass ? 'PASS' : 'FAIL'}`);
    console.log(JSON.stringify({
      bench: 'offer', engine: 'postgres', rate: RATE, seconds: SECONDS, agents: AGENTS, arrivals: POISSON ? 'poisson' : 'steady',
      contacts: measured.length, achieved_rate: round(measured.length / sendSeconds, 1),
      p50_ms: m.p50_ms, p95_ms: m.p95_ms, p99_ms: m.p99_ms, max_ms: m.max_ms, target_p95_ms: TARGET_P95_MS,
      lost, double, not_offered: notOffered, drain_s: round(drained.seconds, 1), drain_complete: drained.complete, failed_posts: failed.length, db_mismatches: dbMismatch, agent_errors: agentErrors,
      baseline_rate: BASELINE_RATE, baseline_contacts: baseline.length, baseline_p50_ms: b.p50_ms, baseline_p95_ms: b.p95_ms,
      ratio_p95: round(ratio, 2), post_p50_ms: post.p50_ms, post_p95_ms: post.p95_ms,
      to_commit_p95_ms: toCommit.p95_ms, commit_to_frame_p95_ms: commitToFrame.p95_ms, dispatches_per_s: round(stepCount / measuredSeconds, 0),
      event_loop_p99_ms: round(lag.percentile(99) / 1e6, 1), pool: POOL, cpus: cpus().length,
      pass,
    }));
    await prepared.close();
  } finally {
    for (const a of agents) a.shutdown();
    await closeApp?.();
    await bench.cleanup();
  }
}

await main();
