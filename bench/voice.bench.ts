/**
 * Voice benchmark: 200 simultaneous phone calls through the Twilio webhooks, the IVR and the queue,
 * on PostgreSQL. The server runs in this process (buildApp + servicesFor, as in production) and
 * listens on 127.0.0.1. Setup: one tenant, a skill and a queue requiring it, 300 customers each
 * owning a product with a 10-digit serial, the simulator's phone line (IVR 「シミュレーション回線」
 * published on 050-5550-0001, src/cli/simulate/voice-line.ts) and a Twilio auth token, through the
 * admin API; 40 simulated agents (voice capacity 1, the skill) sign in over HTTP, open their sockets
 * and go ready. They accept every offer at once and wrap up as soon as the call ends.
 *
 * The calls (src/cli/simulate/twilio-phone.ts: signed like Twilio signs, TwiML followed like Twilio
 * follows it) dial within 10 s, so that nearly all 200 are in progress at once (the run prints the
 * peak): most press 1 and key a customer's serial + #, some key an unknown serial
 * (「見つかりませんでした」, back to the menu) and then 0, some press 0 at once; each listens 2–6 s to
 * a prompt before keying, as callers do. `--spread-ms 1000 --think-min-ms 300 --think-max-ms 1200`
 * is the stress case of 200 calls arriving in one second (see docs/benchmarks.md). In the queue Twilio's wait-URL fetch comes every QUEUE_POLL_SEC (3 s) until
 * the server answers <Leave/>; then the Enqueue action gets the <Dial> to the agent, the caller
 * talks 15–25 s (longer than the spread: every call is in progress when the last one dials) and the
 * agent leg completes (dial-done), then the status callback. 10 % of the callers
 * are impatient: out of patience after 2–8 s in the queue they hang up (if no agent came first).
 *
 * Measured: the response time of every webhook as the caller sees it (and as the server logs it,
 * onResponse). Baseline in the same run, before the load: 3 calls one at a time, same path.
 * Checked: no call lost — every call not abandoned ended answered by an agent (voice_calls ended /
 * answered, its contact ended / answered, offered once, wrapped up); every abandoned call is ended /
 * abandoned with its contact; no webhook answered 4xx/5xx.
 *
 *   npm run bench:voice
 *   npm run bench:voice -- --calls 50 --agents 10                 # quicker
 *   options: --spread-ms 10000 --talk-min-s 15 --talk-max-s 25 --abandon-pct 10 --unknown-pct 10 --operator-pct 10 --baseline-calls 3
 *            --think-min-ms 2000 --think-max-ms 6000 --customers 300 --pool 10 --seed 42 --drain-stall 30
 *   DATABASE_URL=postgres://user@host:5432/postgres   (default postgres://postgres@127.0.0.1:5432/postgres;
 *   a fresh database madoguchi_bench_voice_<pid> is created there and dropped)
 *
 * The load (phones and agents, bench/support/voice-load.ts) runs in a child process. Prints its
 * figures, then ONE JSON line (the last line). Exits 0 even when a target is missed.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { cpus, loadavg } from 'node:os';
import type { AddressInfo } from 'node:net';
import { servicesFor } from '../src/server/main.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config/config.js';
import { systemContext } from '../src/server/platform/system-context.js';
import { formatPhoneNational } from '../src/core/text-ja/phone.util.js';
import { prepareSimulation } from '../src/cli/simulate/setup.js';
import { ApiClient } from '../src/cli/simulate/http-client.js';
import { createSimRepository } from '../src/cli/simulate/sim.repository.js';
import { prepareVoiceLine } from '../src/cli/simulate/voice-line.js';
import { webhookKind, type WebhookRecord } from '../src/cli/simulate/voice-caller.js';
import type { CallRecord, FromVoiceLoad, ToVoiceLoad, VoiceLoadRun, VoiceLoadStart } from './support/voice-load.js';
import { execSql, intArg, openPostgresBench, parseArgs, round, summarize, type Summary } from './support/bench-kit.js';
import { forkLoadProcess } from './support/load-process.js';

const TARGET_P95_MS = 50;

/** The most calls in progress at one instant (from dial to hang-up). */
function peakSimultaneous(spans: readonly (readonly [number, number])[]): number {
  const edges = spans.flatMap(([from, to]) => [[from, 1], [to, -1]] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let peak = 0;
  for (const [, d] of edges) peak = Math.max(peak, (now += d));
  return peak;
}
const args = parseArgs(process.argv.slice(2));
const CALLS = intArg(args, 'calls', 200);
const AGENTS = intArg(args, 'agents', 40);
const SPREAD_MS = intArg(args, 'spread-ms', 10_000);
const ABANDON_PCT = intArg(args, 'abandon-pct', 10);
const UNKNOWN_PCT = intArg(args, 'unknown-pct', 10);
const OPERATOR_PCT = intArg(args, 'operator-pct', 10);
const BASELINE_CALLS = intArg(args, 'baseline-calls', 3);
const CUSTOMERS = Math.max(1, intArg(args, 'customers', 300));
const POOL = intArg(args, 'pool', 10);
const SEED = intArg(args, 'seed', 42);
/** The drain gives up once no answered call was wrapped up for this long. */
const DRAIN_STALL_S = intArg(args, 'drain-stall', 30);
/** How long a caller listens to a prompt before keying (uniform; a real prompt plays for 5–10 s, callers key into it). */
const THINK_MS: [number, number] = [intArg(args, 'think-min-ms', 2000), intArg(args, 'think-max-ms', 6000)];
/**
 * How long a connected caller talks (uniform, seconds). Longer than the dialling spread, so that the
 * first calls answered are still in progress when the last one dials: all 200 at once.
 */
const TALK_S: [number, number] = [intArg(args, 'talk-min-s', 15), intArg(args, 'talk-max-s', 25)];
const REQUEST_TIMEOUT_MS = 600_000;
const ADMIN_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const TWILIO_PREFIX = '/api/v1/telephony/twilio/';

const log = (msg: string) => console.log(msg);
const serialOf = (i: number) => String(3_000_000_000 + i * 7_919);

/** Checks one call against the database: how it ended, and why it counts as lost if it does. */
function verdictOf(c: CallRecord, row: Record<string, unknown> | undefined): { kind: 'answered' | 'abandoned' | 'abandoned_after_accept' | 'lost'; why?: string } {
  if (!row) return { kind: 'lost', why: `${c.outcome}, no voice_calls row${c.error ? `: ${c.error}` : ''}` };
  const call = `${String(row.status)}/${String(row.outcome)}`;
  const contact = `${String(row.contact_status)}/${String(row.contact_outcome)}`;
  if (c.outcome === 'answered') {
    if (call === 'ended/answered' && contact === 'ended/answered' && c.offers.length === 1 && c.answered && c.wrapped) return { kind: 'answered' };
    return { kind: 'lost', why: `talked, but call ${call}, contact ${contact}, ${c.offers.length} offer(s), answered ${c.answered}, wrapped ${c.wrapped}` };
  }
  if (c.outcome === 'abandoned') {
    if (call === 'ended/abandoned' && contact === 'ended/abandoned') return { kind: 'abandoned' };
    // Hung up in the music between the agent's accept and the next wait-URL fetch.
    if (call === 'ended/abandoned' && contact === 'ended/answered') return { kind: 'abandoned_after_accept' };
    return { kind: 'lost', why: `hung up waiting, but call ${call}, contact ${contact}` };
  }
  return { kind: 'lost', why: `${c.outcome}: call ${call}, contact ${contact}${c.error ? `, ${c.error}` : ''}` };
}

async function main() {
  const bench = await openPostgresBench(ADMIN_URL, POOL, `madoguchi_bench_voice_${process.pid}`);
  const { database } = bench;
  let closeApp: (() => Promise<void>) | null = null;
  let stopLoad: (() => void) | null = null;
  const tRun = performance.now();
  try {
    const version = String((await execSql(database, 'SHOW server_version'))[0]?.server_version ?? '?');
    log(`voice bench on PostgreSQL ${version} (${bench.location}, pool ${POOL}); ${cpus().length} CPUs, load ${loadavg()[0]!.toFixed(2)}`);
    const config = loadConfig({ MADOGUCHI_SEED_DEMO: 'false', LOG_LEVEL: 'silent', MADOGUCHI_LOGIN_RATE_LIMIT: '1000000' });
    const services = servicesFor(database, { sessionTtlHours: 8 });
    const app = await buildApp({ config, database, services, webRoot: '/nonexistent' });
    // The server's own view of each webhook (from the request's arrival to the reply's end).
    let phase = 'setup';
    const served: (WebhookRecord & { phase: string })[] = [];
    app.addHook('onResponse', async (request, reply) => {
      if (request.url.startsWith(TWILIO_PREFIX)) served.push({ phase, ms: reply.elapsedTime, status: reply.statusCode, kind: webhookKind(`http://x${request.url}`) });
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    closeApp = () => app.close();
    const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    // ——— one tenant, a skill and a queue requiring it; customers with serials; the phone line; agents
    const tSetup = performance.now();
    const tenant = await services.tenants.createTenant({ slug: 'bench-voice', name: '音声計測株式会社' });
    const ctx = systemContext(tenant, 'bench');
    const skill = await services.routingAdmin.createSkill(ctx, { name: '電話応対' });
    const queue = await services.routingAdmin.createQueue(ctx, { name: '代表', requiredSkills: [{ skillId: skill.id, minLevel: 3 }] });
    const product = await services.catalog.createProduct(ctx, { sku: 'BV-100', name: '計測用冷蔵庫 BV-100' });
    const customers = await services.customers.createCustomers(ctx, Array.from({ length: CUSTOMERS }, (_, i) => ({
      kind: 'person' as const, name: `計測 顧客${i + 1}`, phones: [], emails: [], lineUserIds: [],
    })));
    for (const [i, c] of customers.entries()) await services.catalog.addOwnedProduct(ctx, c.id, { productId: product.id, serial: serialOf(i) });
    const prepared = await prepareSimulation(
      { services, db: database.db, baseUrl, log },
      { tenants: [tenant.slug], agents: AGENTS, channels: ['voice'], seed: SEED, capacity: { voice: 1, chat: 0 }, fixedLevel: 5, requestTimeoutMs: REQUEST_TIMEOUT_MS },
    );
    const adminToken = await services.auth.createApiToken({ tenantId: tenant.id, role: 'admin', name: 'bench voice line' });
    const line = await prepareVoiceLine({ admin: new ApiClient(baseUrl, { bearer: adminToken.token }), repo: createSimRepository(database.db), log }, tenant, [queue]);
    await database.maintain();
    await execSql(database, 'ANALYZE');
    log(`setup: tenant, queue 「${queue.name}」, ${CUSTOMERS} customers with serials, phone line ${formatPhoneNational(line.number)}, ${AGENTS} agents in ${round((performance.now() - tSetup) / 1000, 1)} s`);

    // ——— the load: phones and agents in a process of their own
    const start: VoiceLoadStart = {
      type: 'start', baseUrl, accounts: prepared.accounts, password: prepared.password,
      line: { number: line.number, accountSid: line.accountSid, authToken: line.authToken, queueKeys: [...line.queueKeys], primaryQueueId: line.primaryQueueId },
      knownSerials: customers.map((_, i) => serialOf(i)), seed: SEED, requestTimeoutMs: REQUEST_TIMEOUT_MS, drainStallS: DRAIN_STALL_S,
    };
    const load = forkLoadProcess<ToVoiceLoad, FromVoiceLoad>(new URL('./support/voice-load.ts', import.meta.url), start);
    stopLoad = load.stop;
    const ready = await load.next('ready');
    log(`${AGENTS} agents signed in over HTTP, sockets open, ready in ${round(ready.seconds, 1)} s (load process ${load.pid})`);
    const run = async (m: Omit<VoiceLoadRun, 'type'>) => {
      phase = m.phase;
      load.tell({ type: 'run', ...m });
      return load.next('done');
    };
    const path = { thinkMs: THINK_MS, patienceSec: [2, 8] as [number, number] };

    log(`baseline: ${BASELINE_CALLS} call(s), one at a time …`);
    const base = await run({
      phase: 'baseline', calls: BASELINE_CALLS, spreadMs: 0, oneAtATime: true, unknownShare: 0, operatorShare: 0, abandonShare: 0, talkSec: [2, 2], ...path,
    });
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const load0 = loadavg()[0]!;
    log(`measured: ${CALLS} calls dialling within ${round(SPREAD_MS / 1000, 1)} s …`);
    const meas = await run({
      phase: 'measured', calls: CALLS, spreadMs: SPREAD_MS, oneAtATime: false,
      unknownShare: UNKNOWN_PCT / 100, operatorShare: OPERATOR_PCT / 100, abandonShare: ABANDON_PCT / 100, talkSec: TALK_S, ...path,
    });
    phase = 'after';
    lag.disable();
    const load1 = loadavg()[0]!;
    for (const e of meas.firstErrors) log(`  ! ${e}`);

    // ——— figures
    const hooksOf = (calls: CallRecord[]) => calls.flatMap((c) => c.webhooks);
    const ms = (xs: WebhookRecord[]) => summarize(xs.map((w) => w.ms));
    const measuredHooks = hooksOf(meas.calls);
    const m = ms(measuredHooks);
    const b = ms(hooksOf(base.calls));
    const server = summarize(served.filter((s) => s.phase === 'measured').map((s) => s.ms));
    const ratio = m.p95_ms / b.p95_ms;
    const allCalls = [...base.calls, ...meas.calls];
    const webhookErrors = hooksOf(allCalls).filter((w) => w.status === 0 || w.status >= 400).length + served.filter((s) => s.status >= 400).length;

    const rows = await execSql(database, `SELECT v.external_id, v.status, v.outcome, c.status AS contact_status, c.outcome AS contact_outcome
      FROM voice_calls v LEFT JOIN contacts c ON c.id = v.contact_id`);
    const bySid = new Map(rows.map((r) => [String(r.external_id), r]));
    const verdicts = allCalls.map((c, i) => ({ c, baseline: i < base.calls.length, ...verdictOf(c, bySid.get(c.callSid)) }));
    /** Of the measured calls (baseline: of the baseline's). */
    const count = (kind: string, baseline = false) => verdicts.filter((v) => v.kind === kind && v.baseline === baseline).length;
    const lost = verdicts.filter((v) => v.kind === 'lost').length;
    const double = allCalls.filter((c) => c.offers.length > 1).length;
    const failed = allCalls.filter((c) => c.outcome === 'failed').length;
    const errors = webhookErrors + failed;
    const tally = async (table: string) => (await execSql(database, `SELECT status, outcome, count(*)::int AS n FROM ${table} GROUP BY 1, 2 ORDER BY 1, 2`))
      .map((r) => `${String(r.status)}/${String(r.outcome ?? '–')} ${String(r.n)}`).join(', ');
    const waits = summarize(meas.calls.filter((c) => c.bridgedAt !== null && c.queuedAt !== null).map((c) => c.bridgedAt! - c.queuedAt!));
    const peak = peakSimultaneous(meas.calls.map((c) => [c.dialedAt, c.endedAt] as const));
    const pass = m.p95_ms <= TARGET_P95_MS && lost === 0 && errors === 0 && double === 0;

    const line_ = (name: string, s: Summary) => `  ${name.padEnd(30)} n=${String(s.n).padStart(6)}  p50 ${s.p50_ms} ms  p95 ${s.p95_ms} ms  p99 ${s.p99_ms} ms  max ${s.max_ms} ms`;
    log(`measured phase: ${meas.calls.length} calls dialled within ${round(meas.dialSeconds, 2)} s (keys after ${THINK_MS[0]}–${THINK_MS[1]} ms), at most ${peak} at the same time, all over after ${round(meas.callsSeconds, 1)} s; ${measuredHooks.length} webhooks`);
    log(line_('webhook response (caller)', m));
    const kinds = ['voice', 'gather', 'wait', 'after-queue', 'dial-done', 'status'] as const;
    for (const kind of kinds) {
      const xs = measuredHooks.filter((w) => w.kind === kind);
      if (xs.length) log(line_(`  ${kind}`, ms(xs)));
    }
    log(line_('webhook response (server)', server));
    for (const kind of kinds) {
      const xs = served.filter((w) => w.phase === 'measured' && w.kind === kind);
      if (xs.length) log(line_(`  ${kind}`, ms(xs)));
    }
    log(line_(`baseline (${BASELINE_CALLS} calls one at a time)`, b));
    log(`  p95 / baseline p95 = ×${round(ratio, 2)}; server event-loop delay p99 ${round(lag.percentile(99) / 1e6, 1)} ms, max ${round(lag.max / 1e6, 1)} ms; load ${load0.toFixed(2)} → ${load1.toFixed(2)}`);
    log(`  wait in the queue until bridged: p50 ${round(waits.p50_ms / 1000, 1)} s, p95 ${round(waits.p95_ms / 1000, 1)} s, max ${round(waits.max_ms / 1000, 1)} s`);
    const scripts = (['serial', 'unknown_serial', 'operator'] as const).map((s) => `${meas.calls.filter((c) => c.script === s).length} ${s.replace('_', ' ')}`).join(', ');
    log(`calls (${scripts}; ${meas.calls.filter((c) => c.impatient).length} impatient): ${count('answered')} answered (offered once, accepted, talked, wrapped up), `
      + `${count('abandoned')} abandoned while waiting, ${count('abandoned_after_accept')} hung up after the agent took them, ${count('lost')} lost; `
      + `baseline ${count('answered', true)} of ${base.calls.length} answered, ${count('lost', true)} lost; ${double} offered twice`);
    for (const v of verdicts.filter((x) => x.kind === 'lost').slice(0, 5)) log(`  lost ${v.c.callSid}: ${v.why}`);
    log(`drain after the last call: ${round(meas.drainSeconds, 1)} s, ${meas.drainComplete ? 'every answered call wrapped up' : `gave up (no wrap-up for ${DRAIN_STALL_S} s)`}; ${meas.stray} stray offers, ${meas.agentErrors} agent request errors`);
    log(`errors: ${webhookErrors} webhooks answered 4xx/5xx or failed, ${failed} calls failed`);
    log(`database: voice_calls ${await tally('voice_calls')}; contacts ${await tally('contacts')}`);
    log(`target: webhook p95 ≤ ${TARGET_P95_MS} ms, no call lost, no webhook error → ${pass ? 'PASS' : 'FAIL'} (run ${round((performance.now() - tRun) / 1000, 0)} s)`);
    console.log(JSON.stringify({
      bench: 'voice', engine: 'postgres', calls: meas.calls.length, peak_simultaneous: peak, agents: AGENTS, dial_s: round(meas.dialSeconds, 2), think_ms: THINK_MS, webhooks: measuredHooks.length,
      p50_ms: m.p50_ms, p95_ms: m.p95_ms, p99_ms: m.p99_ms, max_ms: m.max_ms, server_p95_ms: server.p95_ms, target_p95_ms: TARGET_P95_MS,
      baseline_calls: base.calls.length, baseline_webhooks: hooksOf(base.calls).length, baseline_p50_ms: b.p50_ms, baseline_p95_ms: b.p95_ms, ratio: round(ratio, 2),
      answered: count('answered'), abandoned: count('abandoned'), abandoned_after_accept: count('abandoned_after_accept'), lost, double, errors,
      queue_wait_p95_s: round(waits.p95_ms / 1000, 1), calls_s: round(meas.callsSeconds, 1), event_loop_p99_ms: round(lag.percentile(99) / 1e6, 1), pool: POOL, cpus: cpus().length,
      pass,
    }));
    await prepared.close();
  } finally {
    stopLoad?.();
    await closeApp?.();
    await bench.cleanup();
  }
}

await main();
