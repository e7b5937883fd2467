/**
 * The load side of `bench:offer`, in a process of its own (forked by offer.bench.ts): the callers'
 * system posting contacts and the 200 agents' desktops are other machines in a real center, so they
 * do not share the server's event loop here either. Talks to the parent over IPC:
 *   parent → { type: 'start', … } → agents sign in over HTTP, open sockets, go ready → { type: 'ready' }
 *   parent → { type: 'run', phase, rate, seconds } → POSTs at that rate, waits until every contact is
 *   wrapped up (or the server stalls) → { type: 'done', phase, sent, … }
 *   parent → { type: 'stop' } → sockets closed, exit.
 * Times are epoch milliseconds (performance.timeOrigin + now) so the parent can relate them to its own.
 */
import { poissonGapMs, streamRand, uniform } from '../../src/core/simulation/distributions.js';
import { unknownPhone } from '../../src/core/simulation/caller-generator.js';
import type { SimAgentDice } from '../../src/core/simulation/agent-machine.js';
import type { SimAgent } from '../../src/cli/simulate/sim-agent.js';
import { ApiClient } from '../../src/cli/simulate/http-client.js';
import type { CreatedContactBody, WorkItemBody } from '../../src/cli/simulate/api-types.js';
import type { SimAccount } from '../../src/cli/simulate/setup.js';
import { startBenchAgents } from './bench-agents.js';

export interface LoadStart {
  type: 'start';
  baseUrl: string;
  accounts: SimAccount[];
  password: string;
  /** Bearer token with contacts:create. */
  token: string;
  queueId: string;
  seed: number;
  poisson: boolean;
  requestTimeoutMs: number;
  drainTimeoutS: number;
  drainStallS: number;
}
export interface LoadRun { type: 'run'; phase: string; rate: number; seconds: number }
export type ToLoad = LoadStart | LoadRun | { type: 'stop' };

export interface SentRecord {
  externalId: string;
  /** Epoch ms when the POST was sent. */
  t0: number;
  contactId: string | null;
  postMs: number | null;
  /** Epoch ms of the first offer frame. */
  offeredAt: number | null;
  offers: { contactId: string; agent: string }[];
  answered: boolean;
  wrapped: boolean;
  failed: string | null;
}
export type FromLoad =
  | { type: 'ready'; seconds: number }
  | { type: 'done'; phase: string; sent: SentRecord[]; sendSeconds: number; drainSeconds: number; drainComplete: boolean; stray: number; agentErrors: number; firstErrors: string[] }
  | { type: 'failed'; message: string };

const epoch = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const send = (m: FromLoad) => process.send!(m);

async function start(cfg: LoadStart) {
  const byExternal = new Map<string, SentRecord>();
  // By contact id, whichever comes first: the offer may be answered before the POST's response is read.
  const answered = new Set<string>();
  const wrapped = new Set<string>();
  const agents: SimAgent[] = [];
  const contacts = new ApiClient(cfg.baseUrl, { bearer: cfg.token, timeoutMs: cfg.requestTimeoutMs });
  const errors: string[] = [];
  let stray = 0;
  let agentErrors = 0;

  const dice = (i: number): SimAgentDice => {
    const rand = streamRand(cfg.seed, `bench-agent:${i}`);
    return { answerDelayMs: () => 0, handleMs: () => Math.round(uniform(rand, 200, 1000)), acwMs: () => 0, disposition: () => null };
  };
  const t0 = performance.now();
  agents.push(...await startBenchAgents({
    baseUrl: cfg.baseUrl, accounts: cfg.accounts, password: cfg.password, requestTimeoutMs: cfg.requestTimeoutMs,
    dice: (account) => dice(account.index),
    hooks: (account) => ({
      onOffer: (item: WorkItemBody) => {
        const s = item.contact.externalId ? byExternal.get(item.contact.externalId) : undefined;
        if (!s) return void stray++;
        s.offeredAt ??= epoch();
        s.offers.push({ contactId: item.contact.id, agent: account.userId });
      },
      onAnswered: (id) => void answered.add(id),
      onWrappedUp: (id) => void wrapped.add(id),
      onError: (what, err) => {
        if (++agentErrors <= 10) errors.push(`${account.displayName} ${what}: ${err instanceof Error ? err.message : String(err)}`);
      },
    }),
  }));
  send({ type: 'ready', seconds: (performance.now() - t0) / 1000 });

  const arrivals = streamRand(cfg.seed, 'bench-arrivals');
  const callers = streamRand(cfg.seed, 'bench-callers');
  let seq = 0;

  async function post(s: SentRecord) {
    try {
      const c = await contacts.post<CreatedContactBody>('/api/v1/contacts', { channel: 'voice', queueId: cfg.queueId, externalId: s.externalId, from: unknownPhone(callers), subject: '計測' });
      s.postMs = epoch() - s.t0;
      s.contactId = c.id;
    } catch (err) {
      s.failed = err instanceof Error ? err.message : String(err);
    }
  }

  async function run(m: LoadRun) {
    const mine: SentRecord[] = [];
    const inFlight = new Set<Promise<void>>();
    const total = m.rate * m.seconds;
    const startAt = performance.now();
    let due = startAt;
    for (let k = 0; k < total; k++) {
      due += cfg.poisson ? poissonGapMs(arrivals, m.rate * 60) : 1000 / m.rate;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      const s: SentRecord = { externalId: `bench-${++seq}`, t0: epoch(), contactId: null, postMs: null, offeredAt: null, offers: [], answered: false, wrapped: false, failed: null };
      byExternal.set(s.externalId, s);
      mine.push(s);
      const p = post(s);
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }
    const sendSeconds = (performance.now() - startAt) / 1000;
    await Promise.all([...inFlight]);
    // Until every contact of the phase is wrapped up, the server stalls, or the cap.
    const tDrain = performance.now();
    const settle = () => {
      for (const s of mine) {
        s.answered = s.contactId !== null && answered.has(s.contactId);
        s.wrapped = s.contactId !== null && wrapped.has(s.contactId);
      }
    };
    const open = () => {
      settle();
      return mine.filter((s) => !s.failed && !s.wrapped).length;
    };
    let left = open();
    let lastProgress = tDrain;
    while (left > 0) {
      const now = performance.now();
      if (now - lastProgress > cfg.drainStallS * 1000 || now - tDrain > cfg.drainTimeoutS * 1000) break;
      await sleep(100);
      const n = open();
      if (n < left) lastProgress = performance.now();
      left = n;
    }
    // let the agents' last wrap-ups settle in the engine
    for (let i = 0; i < 50 && agents.some((a) => a.holding > 0); i++) await sleep(100);
    settle();
    send({ type: 'done', phase: m.phase, sent: mine, sendSeconds, drainSeconds: (performance.now() - tDrain) / 1000, drainComplete: left === 0, stray, agentErrors, firstErrors: errors.slice(0, 10) });
  }

  process.on('message', (m: ToLoad) => {
    if (m.type === 'run') void run(m).catch((err: unknown) => send({ type: 'failed', message: String(err) }));
    if (m.type === 'stop') {
      for (const a of agents) a.shutdown();
      process.disconnect();
    }
  });
}

process.once('message', (m: ToLoad) => {
  if (m.type !== 'start') return;
  start(m).catch((err: unknown) => {
    send({ type: 'failed', message: err instanceof Error ? err.stack ?? err.message : String(err) });
    process.disconnect();
  });
});
