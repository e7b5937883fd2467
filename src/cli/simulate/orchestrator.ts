import type { Db } from '../../server/db/client.js';
import type { Services } from '../../server/services.js';
import { createAgentDice, type SimAgentDice } from '../../core/simulation/agent-machine.js';
import { createCallerGenerator, unknownPhone, type ContactPlan } from '../../core/simulation/caller-generator.js';
import { logNormal, streamRand, uniform } from '../../core/simulation/distributions.js';
import { normalizePhone } from '../../core/text-ja/phone.util.js';
import { ContactBook, formatStatusLine, formatSummary, type BookSummary } from '../../core/simulation/contact-book.js';
import { offeredLoad, resolveSimParams, type SimParams, type SimParamsInput } from '../../core/simulation/sim-params.js';
import type { ContactBody, CreatedContactBody } from './api-types.js';
import { ApiError, type ApiClient } from './http-client.js';
import { prepareSimulation, signIn, simExtension, type PreparedTenant } from './setup.js';
import { SimAgent } from './sim-agent.js';
import { SimPbx } from './sim-pbx.js';
import { fetchTransport, TwilioPhone } from './twilio-phone.js';
import { rebasedTransport, runTwilioCall } from './voice-caller.js';
import { lineKeys, SIM_LINE_TEXTS } from './voice-line.js';

/**
 * Runs a simulation against a server: prepares tenants and agents (setup.ts), signs the agents in
 * and connects their sockets, creates contacts as a Poisson stream, hangs up on behalf of customers
 * whose patience runs out, prints a status line every few seconds and a summary at the end.
 *
 * With `voice: 'twilio'` the voice contacts are phone calls instead: each one dials the tenant's
 * simulation line (voice-line.ts) as Twilio would (signed webhooks, TwiML followed), keys through
 * the IVR, waits in the queue, hangs up when out of patience, and once bridged talks for the handle
 * time and hangs up; the agent then does its after-contact work.
 *
 * With `voice: 'cti'` a simulated PBX (sim-pbx.ts) distributes the calls to the agents' extensions
 * itself and reports them through the CTI webhook; Madoguchi counts them in the queue named like the
 * plan's, the agent's desk holds the answered call, and the agent wraps it up after the hang-up.
 */

export interface SimulationDeps {
  services: Services;
  db: Db;
  /** Where the server listens, e.g. http://127.0.0.1:3000. */
  baseUrl: string;
  /** The server's MADOGUCHI_PUBLIC_URL when set: simulated Twilio webhooks are signed for it. */
  publicUrl?: string | null;
  log(line: string): void;
}

export interface SimulationOptions {
  params: SimParams;
  /** Tenant slugs; null = the demo tenants. */
  tenants: readonly string[] | null;
  /** Status line period (ms); 0 = none. */
  statusEveryMs?: number;
  /** respect: the tenants' queues and their business hours; ignore: an always-open simulation queue (setup.ts). */
  hours?: 'respect' | 'ignore';
  /**
   * api (default): voice contacts through `POST /api/v1/contacts`; twilio: phone calls through the
   * Twilio webhooks; cti: phone calls of a simulated PBX (sim-pbx.ts) through the CTI webhook.
   */
  voice?: 'api' | 'twilio' | 'cti';
  /** With voice cti: the tenant's own CTI token (else one is issued for the run). */
  ctiToken?: string;
  /** With voice twilio: seconds a caller listens to a prompt before keying, uniform (default 1–3). */
  ivrThinkSec?: readonly [number, number];
}

export interface SimulationReport {
  elapsedMs: number;
  summary: BookSummary;
  errors: Record<string, number>;
  lines: string[];
}

export interface SimulationHandle {
  /** Stops arrivals, hangs up waiting customers, drains and logs the agents out, revokes the tokens. */
  stop(): Promise<SimulationReport>;
  /** Resolves when the run is over (its duration elapsed, or stop() was called). */
  readonly done: Promise<SimulationReport>;
}

const LOGIN_CONCURRENCY = 4;
/**
 * With phone calls the caller hangs up after the handle time; the agent's own end comes this much
 * later, as a fallback (a call whose caller hung up is moved to after-contact work by the server).
 */
const CALLER_HANGS_UP_FIRST_MS = 30_000;

async function inBatches<T>(items: readonly T[], size: number, fn: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

export async function startSimulation(deps: SimulationDeps, opts: SimulationOptions): Promise<SimulationHandle> {
  const { params } = opts;
  const { log } = deps;
  const load = offeredLoad(params);
  log(`Simulation: ${params.agents} agents, ${params.ratePerMinute} contacts/min (${params.channels.join('+')}), handle ${params.handleMeanSec} s, ACW ${params.acwMeanSec} s, patience ${params.patienceMeanSec || '∞'} s, seed ${params.seed}`
    + ` → offered load ${load.erlangs.toFixed(1)} Erlang (${(load.occupancy * 100).toFixed(0)} % of the agents' time)`);
  if (load.occupancy >= 1) log('  (the offered load exceeds what the agents can take: the queue will grow and customers will abandon)');
  const phoneCalls = opts.voice === 'twilio' && params.channels.includes('voice');
  const pbxCalls = opts.voice === 'cti' && params.channels.includes('voice');
  const prepared = await prepareSimulation(deps, {
    tenants: opts.tenants, agents: params.agents, channels: params.channels, seed: params.seed, hours: opts.hours ?? 'respect', voiceLine: phoneCalls,
    ...(pbxCalls ? { ctiLine: { token: opts.ctiToken } } : {}),
  });
  const runId = Date.now().toString(36);
  const book = new ContactBook(prepared.tenants[0]?.serviceLevelSec ?? 20);
  const errors: Record<string, number> = {};
  const errorSeen = new Set<string>();
  const noteError = (what: string, err: unknown) => {
    const code = err instanceof ApiError ? `${what}:${err.status || err.code}` : `${what}:error`;
    errors[code] = (errors[code] ?? 0) + 1;
    if (!errorSeen.has(code)) {
      errorSeen.add(code);
      log(`  ! ${what}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  // ——— phone calls (voice twilio): the callers' own dice, and the run's stop signal
  const callers = new Map<string, { known: boolean }>(); // `twilio:<CallSid>` (the contact's external id) → caller
  const hangUpAll = new AbortController();
  const talk = streamRand(params.seed, 'talk');
  const think = streamRand(params.seed, 'ivr-think');
  const [thinkMin, thinkMax] = opts.ivrThinkSec ?? [1, 3];
  const transport = rebasedTransport(fetchTransport, deps.publicUrl ?? deps.baseUrl, deps.baseUrl);

  // ——— agents
  const keyOf = new Map<string, string>(); // contact id → external id (the book's key)
  const key = (contactId: string) => keyOf.get(contactId) ?? contactId;
  const agents: SimAgent[] = [];
  const agentByIndex = new Map<number, SimAgent>();
  const sessions: ApiClient[] = [];
  let viaService = 0;
  const signInAll = () => inBatches(prepared.accounts, LOGIN_CONCURRENCY, async (account) => {
    const { client, via } = await signIn(deps.services, deps.baseUrl, account, prepared.password);
    if (via === 'service') viaService++;
    sessions.push(client);
    const dice: SimAgentDice = createAgentDice(params, account.index);
    const callerHangsUp = phoneCalls || pbxCalls;
    const agent = new SimAgent(account.displayName, client, callerHangsUp ? { ...dice, handleMs: (ch) => dice.handleMs(ch) + (ch === 'voice' ? CALLER_HANGS_UP_FIRST_MS : 0) } : dice, {
      // A PBX's call reaches the desk already connected, without an offer: its key comes with the work.
      onWork: (items) => { for (const item of items) if (item.contact.externalId) keyOf.set(item.contact.id, item.contact.externalId); },
      onOffer: (item) => {
        if (item.contact.externalId) keyOf.set(item.contact.id, item.contact.externalId);
        // A call's offer can reach the agent before its TwiML reaches the phone.
        const call = item.contact.externalId ? callers.get(item.contact.externalId) : undefined;
        if (call && !book.has(item.contact.externalId!)) book.created(item.contact.externalId!, Date.now(), { known: call.known, channel: 'voice' });
        book.offered(key(item.contact.id));
      },
      onOfferCancelled: (id) => book.offerCancelled(key(id)),
      onAnswered: (id) => book.answered(key(id), Date.now()),
      onEnded: (id) => book.ended(key(id), Date.now()),
      onWrappedUp: (id) => book.wrappedUp(key(id), Date.now()),
      onError: noteError,
    });
    agents.push(agent);
    agentByIndex.set(account.index, agent);
    await agent.start();
  });
  try {
    await signInAll();
  } catch (err) {
    for (const a of agents) a.shutdown();
    await Promise.allSettled(sessions.map((s) => s.post('/api/v1/auth/logout')));
    await prepared.close().catch(() => undefined);
    throw err;
  }
  log(`  ${agents.length} agents signed in and connected${viaService ? ` (${viaService} past the login rate limit through the auth service)` : ''}`);

  // ——— customers
  const generator = createCallerGenerator(params, prepared.tenants, runId);
  const ourAgents = new Set(prepared.accounts.map((a) => a.userId));
  const bySlug = new Map<string, PreparedTenant>(prepared.tenants.map((t) => [t.slug, t]));
  const contactIdOf = new Map<string, { id: string; tenant: PreparedTenant }>(); // external id → contact
  const patienceTimers = new Set<NodeJS.Timeout>();
  let closedHint = false;
  const inFlight = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };

  /**
   * The customer hangs up. Only while the contact waits or rings: the server ends a connected
   * contact "answered" on the same call, which would cut off an agent outside the simulation.
   */
  async function abandon(ext: string, cutOff = false) {
    const c = contactIdOf.get(ext);
    const s = book.status(ext);
    if (!c || (s !== 'waiting' && s !== 'ringing')) return;
    try {
      const now = await c.tenant.contacts.get<ContactBody>(`/api/v1/contacts/${c.id}`);
      if (now.status !== 'waiting' && now.status !== 'offered') {
        // Taken by one of ours (its accept is on the way and will be counted), or by someone else.
        if (!(now.agentUserId && ourAgents.has(now.agentUserId))) book.abandonRefused(ext, Date.now());
        return;
      }
      const after = await c.tenant.contacts.post<ContactBody>(`/api/v1/contacts/${c.id}/abandon`);
      if (after.outcome === 'abandoned') book.abandoned(ext, Date.now(), { cutOff });
      else book.abandonRefused(ext, Date.now());
    } catch (err) {
      if (err instanceof ApiError && (err.status === 409 || err.status === 404)) book.abandonRefused(ext, Date.now());
      else noteError('abandon', err);
    }
  }

  async function call(plan: ContactPlan, tenant: PreparedTenant) {
    const line = tenant.voiceLine!;
    // Twilio sends the calling number in E.164 (the plans hold the national form a CTI shows).
    const parsed = normalizePhone(plan.from ?? unknownPhone(talk));
    const from = parsed.ok ? parsed.e164 : 'anonymous';
    const phone = new TwilioPhone({ transport, baseUrl: deps.publicUrl ?? deps.baseUrl, accountSid: line.accountSid, authToken: line.authToken, from, to: line.number });
    const ext = `twilio:${phone.callSid}`;
    // Known to the screen pop: by the calling number, or by a serial the IVR can take.
    const { keys, fallbackKey } = lineKeys(line, { queueId: plan.queueId, serial: plan.serial });
    const known = plan.known && (tenant.customers.some((c) => c.phone === plan.from) || keys.length > 1);
    callers.set(ext, { known });
    const r = await runTwilioCall(phone, {
      keys, fallbackKey, thinkMs: () => uniform(think, thinkMin, thinkMax) * 1000, patienceMs: plan.patienceMs,
      talkMs: logNormal(talk, params.handleMeanSec, params.handleSigma) * 1000,
    }, {
      signal: hangUpAll.signal,
      hooks: {
        onQueued: () => { if (!book.has(ext)) book.created(ext, Date.now(), { known, channel: 'voice' }); },
        onTalkEnd: () => book.ended(ext, Date.now()),
      },
    });
    if (r.outcome === 'abandoned' || r.outcome === 'cut') book.abandoned(ext, r.endedAt, { cutOff: r.outcome === 'cut' });
    else if (r.outcome === 'ivr' && phone.heard.includes(SIM_LINE_TEXTS.closed)) {
      book.created(ext, r.endedAt, { known, channel: 'voice', closed: true });
      if (!closedHint && opts.hours !== 'ignore') {
        closedHint = true;
        log(`  ${plan.tenantSlug}: the phone line says closed outside the queues' business hours (counted as closed). Add --hours ignore to route into an always-open queue.`);
      }
    } else if (r.outcome === 'failed') noteError('call', new Error(r.error ?? 'failed'));
    else if (r.outcome === 'dropped') noteError('call', new Error('left the queue without an agent'));
  }

  // ——— the simulated PBX (voice cti): one per tenant, ringing the simulated agents' extensions
  const pbxOf = new Map<string, SimPbx>();
  for (const tenant of prepared.tenants) {
    if (!tenant.ctiToken) continue;
    const url = `${deps.baseUrl}/api/v1/cti/${encodeURIComponent(tenant.ctiToken)}`;
    const post = async (event: Record<string, unknown>) => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event), signal: AbortSignal.timeout(15_000) });
      if (!res.ok) throw new ApiError(res.status, `cti_${res.status}`, `CTI ${String(event.event)}: HTTP ${res.status}`, res.status >= 500);
    };
    pbxOf.set(tenant.slug, new SimPbx(post, prepared.accounts.map((a) => ({ extension: simExtension(a.index), available: () => agentByIndex.get(a.index)?.activity === 'available' }))));
  }

  async function pbxCall(plan: ContactPlan, tenant: PreparedTenant, pbx: SimPbx) {
    const known = plan.known && tenant.customers.some((c) => c.phone === plan.from);
    const r = await pbx.place({
      from: plan.from ?? unknownPhone(talk), to: '0120000000', queue: plan.queueName, patienceMs: plan.patienceMs,
      ringMs: uniform(think, thinkMin, thinkMax) * 1000, talkMs: logNormal(talk, params.handleMeanSec, params.handleSigma) * 1000,
    }, hangUpAll.signal, {
      onNewCall: (callId, at) => book.created(`cti:${callId}`, at, { known, channel: 'voice' }),
      onAnswered: (callId, _ext, at) => book.answered(`cti:${callId}`, at),
      onHungUp: (callId, at) => book.ended(`cti:${callId}`, at),
    });
    if (r.outcome === 'abandoned' || r.outcome === 'cut') book.abandoned(`cti:${r.callId}`, Date.now(), { cutOff: r.outcome === 'cut' });
    else if (r.outcome === 'failed') noteError('pbx call', new Error(r.error));
  }

  async function arrive(plan: ContactPlan) {
    const tenant = bySlug.get(plan.tenantSlug)!;
    if (phoneCalls && plan.channel === 'voice' && tenant.voiceLine) return call(plan, tenant);
    const pbx = pbxOf.get(tenant.slug);
    if (pbx && plan.channel === 'voice') return pbxCall(plan, tenant, pbx);
    const at = Date.now();
    book.created(plan.externalId, at, { known: plan.known, channel: plan.channel });
    let created: CreatedContactBody;
    try {
      created = await tenant.contacts.post<CreatedContactBody>('/api/v1/contacts', {
        channel: plan.channel, queueId: plan.queueId, externalId: plan.externalId, subject: plan.subject, context: plan.context,
        ...(plan.from ? { from: plan.from } : {}), ...(plan.serial ? { serial: plan.serial } : {}),
      });
    } catch (err) {
      book.forget(plan.externalId);
      noteError('create contact', err);
      return;
    }
    keyOf.set(created.id, plan.externalId);
    contactIdOf.set(plan.externalId, { id: created.id, tenant });
    if (created.status === 'ended') {
      book.closedNow(plan.externalId);
      if (!closedHint && opts.hours !== 'ignore') {
        closedHint = true;
        log(`  ${plan.tenantSlug} 「${plan.queueName}」 is outside its business hours: voice and chat get the closed message (counted as closed). Add --hours ignore to route into an always-open queue.`);
      }
      return;
    }
    if (plan.patienceMs !== null && !stopping) {
      const t = setTimeout(() => {
        patienceTimers.delete(t);
        track(abandon(plan.externalId));
      }, Math.max(0, plan.patienceMs - (Date.now() - at)));
      patienceTimers.add(t);
    }
  }

  // ——— the clock: arrivals, status, duration
  const started = Date.now();
  let stopping = false;
  let arrivalTimer: NodeJS.Timeout | null = null;
  let nextAt = started;
  const scheduleArrival = () => {
    const gap = generator.nextGapMs();
    if (!Number.isFinite(gap)) return;
    nextAt += gap;
    if (params.durationSec > 0 && nextAt - started > params.durationSec * 1000) return;
    arrivalTimer = setTimeout(() => {
      arrivalTimer = null;
      if (stopping) return;
      track(arrive(generator.next()));
      scheduleArrival();
    }, Math.max(0, nextAt - Date.now()));
  };
  scheduleArrival();

  const statusLine = () => {
    const act = { online: 0, busy: 0, acw: 0, idle: 0 };
    for (const a of agents) {
      const x = a.activity;
      if (x === 'offline' || x === 'connecting') continue;
      act.online++;
      if (x === 'busy') act.busy++;
      else if (x === 'acw') act.acw++;
      else if (x === 'available') act.idle++;
    }
    const errs = Object.values(errors).reduce((s, n) => s + n, 0);
    return formatStatusLine(Date.now() - started, book.counts(), act) + (errs ? ` | errors ${errs}` : '');
  };
  const statusTimer = opts.statusEveryMs ? setInterval(() => log(statusLine()), opts.statusEveryMs) : null;

  let resolveDone!: (r: SimulationReport) => void;
  const done = new Promise<SimulationReport>((resolve) => { resolveDone = resolve; });
  let stopped: Promise<SimulationReport> | null = null;
  const durationTimer = params.durationSec > 0 ? setTimeout(() => void stop(), params.durationSec * 1000) : null;

  function stop(): Promise<SimulationReport> {
    stopped ??= (async () => {
      stopping = true;
      if (durationTimer) clearTimeout(durationTimer);
      if (arrivalTimer) clearTimeout(arrivalTimer);
      for (const t of patienceTimers) clearTimeout(t);
      patienceTimers.clear();
      // Callers still in the IVR or the queue hang up (cut off); callers talking finish now.
      hangUpAll.abort();
      await Promise.allSettled([...inFlight]);
      if (phoneCalls || pbxCalls) await Promise.allSettled(agents.map((a) => a.sync()));
      if (statusTimer) clearInterval(statusTimer);
      const elapsedMs = Date.now() - started;
      const final = statusLine();
      // Customers still waiting hang up; then agents finish what they hold and log out.
      await Promise.allSettled(book.unanswered().map((ext) => abandon(ext, true)));
      await Promise.allSettled(agents.map((a) => a.drain()));
      await Promise.allSettled(sessions.map((s) => s.post('/api/v1/auth/logout')));
      await prepared.close().catch((err: unknown) => noteError('revoke tokens', err));
      const summary = book.summary();
      const lines = [final, ...formatSummary(summary, elapsedMs)];
      if (Object.keys(errors).length) lines.push(`  errors: ${Object.entries(errors).map(([k, v]) => `${k} ×${v}`).join(', ')}`);
      const report: SimulationReport = { elapsedMs, summary, errors, lines };
      resolveDone(report);
      return report;
    })();
    return stopped;
  }

  return { stop, done };
}

/**
 * A light simulation inside the server process (for `npm start` demos): a few agents and a
 * contact every ~20 s across the demo tenants, status every minute. Call after the server listens;
 * `stop()` before closing the app.
 *
 *   const sim = await startLightSimulation({ baseUrl: `http://127.0.0.1:${port}`, services, db: database.db, log });
 *   …
 *   await sim.stop();
 */
export async function startLightSimulation(opts: {
  baseUrl: string;
  services: Services;
  db: Db;
  log?: (line: string) => void;
  tenants?: readonly string[] | null;
  params?: SimParamsInput;
  statusEveryMs?: number;
  hours?: 'respect' | 'ignore';
}): Promise<SimulationHandle> {
  const params = resolveSimParams({
    agents: 4, ratePerMinute: 3, handleMeanSec: 45, acwMeanSec: 10, patienceMeanSec: 60, channels: ['voice', 'chat'], seed: Date.now() % 0xffff_ffff,
    ...opts.params,
  });
  return startSimulation(
    { services: opts.services, db: opts.db, baseUrl: opts.baseUrl, log: opts.log ?? ((l) => console.log(l)) },
    { params, tenants: opts.tenants ?? null, statusEveryMs: opts.statusEveryMs ?? 60_000, hours: opts.hours ?? 'respect' },
  );
}
