/**
 * The load side of `bench:voice`, in a process of its own (forked by voice.bench.ts): the phone
 * network's callers and the agents' desktops are other machines in a real center. Talks to the
 * parent over IPC:
 *   parent → { type: 'start', … } → agents sign in over HTTP, open sockets, go ready → { type: 'ready' }
 *   parent → { type: 'run', phase, calls, … } → places the calls (TwilioPhone over HTTP, signed webhooks),
 *   follows each to its end, waits until every answered call is wrapped up → { type: 'done', calls: [...] }
 *   parent → { type: 'stop' } → sockets closed, exit.
 * Times are epoch milliseconds.
 */
import { chance, pickOne, streamRand, uniform } from '../../src/core/simulation/distributions.js';
import { unknownPhone } from '../../src/core/simulation/caller-generator.js';
import { normalizePhone } from '../../src/core/text-ja/phone.util.js';
import type { SimAgent } from '../../src/cli/simulate/sim-agent.js';
import type { SimAccount } from '../../src/cli/simulate/setup.js';
import { fetchTransport, TwilioPhone } from '../../src/cli/simulate/twilio-phone.js';
import { recordingTransport, runTwilioCall, type CallOutcome, type WebhookRecord } from '../../src/cli/simulate/voice-caller.js';
import { lineKeys } from '../../src/cli/simulate/voice-line.js';
import { startBenchAgents } from './bench-agents.js';

export interface VoiceLoadStart {
  type: 'start';
  baseUrl: string;
  accounts: SimAccount[];
  password: string;
  line: { number: string; accountSid: string; authToken: string; queueKeys: [string, string][]; primaryQueueId: string };
  /** Serials of the tenant's customers (digits), keyed by the callers who know theirs. */
  knownSerials: string[];
  seed: number;
  requestTimeoutMs: number;
  drainStallS: number;
}
export interface VoiceLoadRun {
  type: 'run';
  phase: string;
  calls: number;
  /** Dials spread evenly over this many ms (0 with `oneAtATime`). */
  spreadMs: number;
  /** Each call alone: the next dials once the previous one is over. */
  oneAtATime: boolean;
  /** Shares (0–1) of callers who key an unknown serial (back to the menu, then 0), who press 0 at once, who hang up while waiting. */
  unknownShare: number;
  operatorShare: number;
  abandonShare: number;
  thinkMs: [number, number];
  talkSec: [number, number];
  patienceSec: [number, number];
}
export type ToVoiceLoad = VoiceLoadStart | VoiceLoadRun | { type: 'stop' };

export type CallerScript = 'serial' | 'unknown_serial' | 'operator';
export interface CallRecord {
  callSid: string;
  script: CallerScript;
  /** Out of patience after a while in the queue (if no agent came first). */
  impatient: boolean;
  outcome: CallOutcome;
  error: string | null;
  webhooks: WebhookRecord[];
  offers: { contactId: string; agent: string }[];
  answered: boolean;
  wrapped: boolean;
  dialedAt: number;
  queuedAt: number | null;
  bridgedAt: number | null;
  endedAt: number;
}
export type FromVoiceLoad =
  | { type: 'ready'; seconds: number }
  | { type: 'done'; phase: string; calls: CallRecord[]; dialSeconds: number; callsSeconds: number; drainSeconds: number; drainComplete: boolean; stray: number; agentErrors: number; firstErrors: string[] }
  | { type: 'failed'; message: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const send = (m: FromVoiceLoad) => process.send!(m);
/** The caller hangs up, the server ends the call: the agent wraps up at once; its own end is a late fallback. */
const AGENT_FALLBACK_END_MS = 120_000;

async function start(cfg: VoiceLoadStart) {
  const bySid = new Map<string, CallRecord>();
  const answered = new Set<string>();
  const wrapped = new Set<string>();
  const errors: string[] = [];
  let stray = 0;
  let agentErrors = 0;
  const line = { ...cfg.line, queueKeys: new Map(cfg.line.queueKeys) };

  const t0 = performance.now();
  const agents: SimAgent[] = await startBenchAgents({
    baseUrl: cfg.baseUrl, accounts: cfg.accounts, password: cfg.password, requestTimeoutMs: cfg.requestTimeoutMs,
    dice: () => ({ answerDelayMs: () => 0, handleMs: () => AGENT_FALLBACK_END_MS, acwMs: () => 0, disposition: () => null }),
    hooks: (account) => ({
      onOffer: (item) => {
        const ext = item.contact.externalId ?? '';
        const call = ext.startsWith('twilio:') ? bySid.get(ext.slice('twilio:'.length)) : undefined;
        if (!call) return void stray++;
        call.offers.push({ contactId: item.contact.id, agent: account.userId });
      },
      onAnswered: (id) => void answered.add(id),
      onWrappedUp: (id) => void wrapped.add(id),
      onError: (what, err) => {
        if (++agentErrors <= 10) errors.push(`${account.displayName} ${what}: ${err instanceof Error ? err.message : String(err)}`);
      },
    }),
  });
  send({ type: 'ready', seconds: (performance.now() - t0) / 1000 });

  async function run(m: VoiceLoadRun) {
    const rand = streamRand(cfg.seed, `voice-bench:${m.phase}`);
    const mine: CallRecord[] = [];
    const placing: Promise<void>[] = [];

    const place = async () => {
      const roll = rand();
      const script: CallerScript = roll < m.operatorShare ? 'operator' : roll < m.operatorShare + m.unknownShare ? 'unknown_serial' : 'serial';
      const serial = script === 'serial' ? pickOne(rand, cfg.knownSerials) : script === 'unknown_serial' ? `9${String(Math.floor(rand() * 1e9)).padStart(9, '0')}` : null;
      const impatient = chance(rand, m.abandonShare);
      const patienceMs = impatient ? uniform(rand, m.patienceSec[0], m.patienceSec[1]) * 1000 : null;
      const talkMs = uniform(rand, m.talkSec[0], m.talkSec[1]) * 1000;
      const thinkMs = () => uniform(rand, m.thinkMs[0], m.thinkMs[1]);
      const from = normalizePhone(unknownPhone(rand));
      const webhooks: WebhookRecord[] = [];
      const phone = new TwilioPhone({
        transport: recordingTransport(fetchTransport, (r) => webhooks.push(r)), baseUrl: cfg.baseUrl,
        accountSid: line.accountSid, authToken: line.authToken, from: from.ok ? from.e164 : 'anonymous', to: line.number,
      });
      const record: CallRecord = {
        callSid: phone.callSid, script, impatient, outcome: 'failed', error: null, webhooks, offers: [], answered: false, wrapped: false,
        dialedAt: Date.now(), queuedAt: null, bridgedAt: null, endedAt: 0,
      };
      bySid.set(phone.callSid, record);
      mine.push(record);
      const keys = script === 'operator' ? lineKeys(line, { queueId: line.primaryQueueId }) : lineKeys(line, { queueId: line.primaryQueueId, serial });
      const r = await runTwilioCall(phone, { ...keys, thinkMs, patienceMs, talkMs });
      Object.assign(record, { outcome: r.outcome, error: r.error, queuedAt: r.queuedAt, bridgedAt: r.bridgedAt, endedAt: r.endedAt });
    };

    const startAt = performance.now();
    for (let k = 0; k < m.calls; k++) {
      if (m.oneAtATime) {
        await place();
        continue;
      }
      const wait = startAt + (k * m.spreadMs) / m.calls - performance.now();
      if (wait > 1) await sleep(wait);
      placing.push(place());
    }
    const dialSeconds = (performance.now() - startAt) / 1000;
    await Promise.all(placing);
    const callsSeconds = (performance.now() - startAt) / 1000;

    // Until every answered call's contact is wrapped up (the agents' last requests), or the server stalls.
    const tDrain = performance.now();
    const open = () => mine.filter((c) => c.outcome === 'answered' && !c.offers.some((o) => wrapped.has(o.contactId))).length;
    let left = open();
    let lastProgress = tDrain;
    while (left > 0 && performance.now() - lastProgress < cfg.drainStallS * 1000) {
      await sleep(50);
      const n = open();
      if (n < left) lastProgress = performance.now();
      left = n;
    }
    for (let i = 0; i < 50 && agents.some((a) => a.holding > 0); i++) await sleep(100);
    for (const c of mine) {
      c.answered = c.offers.some((o) => answered.has(o.contactId));
      c.wrapped = c.offers.some((o) => wrapped.has(o.contactId));
    }
    send({ type: 'done', phase: m.phase, calls: mine, dialSeconds, callsSeconds, drainSeconds: (performance.now() - tDrain) / 1000, drainComplete: left === 0, stray, agentErrors, firstErrors: errors.slice(0, 10) });
  }

  process.on('message', (m: ToVoiceLoad) => {
    if (m.type === 'run') void run(m).catch((err: unknown) => send({ type: 'failed', message: err instanceof Error ? err.stack ?? err.message : String(err) }));
    if (m.type === 'stop') {
      for (const a of agents) a.shutdown();
      process.disconnect();
    }
  });
}

process.once('message', (m: ToVoiceLoad) => {
  if (m.type !== 'start') return;
  start(m).catch((err: unknown) => {
    send({ type: 'failed', message: err instanceof Error ? err.stack ?? err.message : String(err) });
    process.disconnect();
  });
});
