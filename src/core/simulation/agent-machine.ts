import { logNormal, pickOne, streamRand, uniform } from './distributions.js';
import type { SimParams } from './sim-params.js';

/**
 * The decisions of one simulated agent, as a pure state machine: it is told what the server said
 * (the `hello`/`me` snapshots and `offer`/`offer_cancelled` frames of the agent WebSocket, and the
 * answers to its own requests) and when its timers fire, and it answers with commands for the I/O
 * adapter to carry out (requests to send, timers to arm or cancel). It never reads a clock.
 *
 * The cycle: go ready → on an offer wait the answer delay → accept → talk for the sampled handle
 * time → end → after-contact work (後処理) for the sampled ACW → wrap up with a disposition code →
 * (still available) wait for the next offer. Several contacts at once (chat) each run this cycle.
 *
 * Robustness rules (the server is the truth):
 * - snapshots only ADD work the agent did not know about (after a reconnect, or a contact it
 *   missed); they never remove work, because an HTTP answer and a WebSocket frame may cross. The
 *   one exception moves work forward: a call the customer hung up while talking (wrap-up).
 *   Stale work heals itself: the next request for it fails with a 4xx and the contact is dropped.
 * - a 4xx answer drops the contact; a transient failure (network, 5xx) retries after a pause.
 * - contacts already finished are remembered (bounded), so a late snapshot does not revive them.
 */

export type SimPresence = 'offline' | 'available' | 'break' | 'missed';
export type SimWorkPhase = 'offered' | 'connected' | 'wrap_up';

/** What the machine needs of a WorkItem. */
export interface SimWork {
  readonly contactId: string;
  readonly phase: SimWorkPhase;
  readonly channel: string;
  readonly tenantSlug: string;
  /** Disposition codes the agent may choose from at wrap-up. */
  readonly dispositions: readonly string[];
}

/** What the machine needs of an AgentMe body. */
export interface SimMe {
  readonly presence: SimPresence;
  readonly work: readonly SimWork[];
  /** Break reason codes (the first one is used when stopping). */
  readonly breakReasons?: readonly string[];
}

/** ringing: waiting the answer delay; accepting/ending/wrapping/rejecting: a request is in flight. */
export type LocalPhase = 'ringing' | 'accepting' | 'talking' | 'ending' | 'acw' | 'wrapping' | 'rejecting';

export interface LocalContact {
  readonly contactId: string;
  readonly tenantSlug: string;
  readonly channel: string;
  readonly dispositions: readonly string[];
  readonly phase: LocalPhase;
}

export type PresenceChange = 'ready' | 'break' | 'logout';

export interface SimAgentState {
  /** running: takes work; draining: finishes what it holds, then logs out; stopped: done. */
  readonly mode: 'running' | 'draining' | 'stopped';
  /** Socket up and a hello received: presence requests only make sense then. */
  readonly online: boolean;
  /** The last presence the server told us. */
  readonly presence: SimPresence;
  readonly presenceRequest: PresenceChange | null;
  /** A failed presence request waits for the `presence` timer before trying again. */
  readonly presenceBackoff: boolean;
  /** When stopping: the break was refused, go straight to logout once idle. */
  readonly skipBreak: boolean;
  readonly breakReason: string | null;
  readonly contacts: Readonly<Record<string, LocalContact>>;
  /** Recently finished contact ids (newest last, bounded). */
  readonly finished: readonly string[];
}

export type SimRequest =
  | { readonly kind: 'accept' | 'reject' | 'end' | 'wrap_up'; readonly contactId: string }
  | { readonly kind: 'presence'; readonly change: PresenceChange };

export type SimAgentEvent =
  /** `hello` (connect, reconnect) or `me` frame. */
  | { readonly type: 'snapshot'; readonly me: SimMe }
  | { readonly type: 'offer'; readonly work: SimWork }
  | { readonly type: 'offer_cancelled'; readonly contactId: string }
  | { readonly type: 'disconnected' }
  | { readonly type: 'timer'; readonly key: string }
  /** The answer to a command. `transient`: network or 5xx, worth retrying; otherwise a 4xx refusal. */
  | { readonly type: 'result'; readonly request: SimRequest; readonly ok: boolean; readonly transient?: boolean; readonly me?: SimMe }
  | { readonly type: 'drain' };

export type SimAgentCommand =
  /** Arm (or re-arm) the timer `key`; it comes back as a `timer` event. */
  | { readonly kind: 'set_timer'; readonly key: string; readonly ms: number }
  | { readonly kind: 'cancel_timer'; readonly key: string }
  | { readonly kind: 'accept' | 'reject' | 'end'; readonly contactId: string; readonly tenantSlug: string }
  | { readonly kind: 'wrap_up'; readonly contactId: string; readonly tenantSlug: string; readonly disposition: string | null }
  | { readonly kind: 'presence'; readonly change: PresenceChange; readonly reason: string | null }
  /** Drained and logged out: the adapter may close the socket. */
  | { readonly kind: 'stopped' };

/** The agent's sampled durations and choices (its own seeded streams). */
export interface SimAgentDice {
  answerDelayMs(channel: string): number;
  handleMs(channel: string): number;
  acwMs(channel: string): number;
  disposition(codes: readonly string[]): string | null;
}

export const PRESENCE_TIMER = 'presence';
export const contactTimer = (contactId: string) => `c:${contactId}`;
/** Pause before retrying a request that failed transiently, or a refused presence change. */
export const RETRY_MS = 2_000;
const FINISHED_KEEP = 256;

/** The streams of agent number `index` (1-based) of a run seeded `params.seed`. */
export function createAgentDice(params: SimParams, index: number): SimAgentDice {
  const rand = streamRand(params.seed, `agent:${index}`);
  const ms = (s: number) => Math.max(0, Math.round(s * 1000));
  return {
    answerDelayMs: () => ms(uniform(rand, params.answerDelaySec[0], params.answerDelaySec[1])),
    handleMs: () => ms(logNormal(rand, params.handleMeanSec, params.handleSigma)),
    acwMs: () => (params.acwMeanSec > 0 ? ms(logNormal(rand, params.acwMeanSec, params.handleSigma)) : 0),
    disposition: (codes) => (codes.length ? pickOne(rand, codes) : null),
  };
}

export function initialAgentState(): SimAgentState {
  return {
    mode: 'running', online: false, presence: 'offline', presenceRequest: null, presenceBackoff: false, skipBreak: false,
    breakReason: null, contacts: {}, finished: [],
  };
}

export interface AgentStep {
  readonly state: SimAgentState;
  readonly commands: readonly SimAgentCommand[];
}

/** One transition. Never mutates `state`. */
export function stepAgent(state: SimAgentState, event: SimAgentEvent, dice: SimAgentDice): AgentStep {
  if (state.mode === 'stopped') return { state, commands: [] };
  const b = new Builder(state, dice);
  switch (event.type) {
    case 'snapshot':
      b.patch({ online: true, presence: event.me.presence, breakReason: event.me.breakReasons?.[0] ?? b.s.breakReason });
      for (const w of event.me.work) b.adopt(w);
      break;
    case 'offer':
      b.adopt(event.work);
      break;
    case 'offer_cancelled': {
      const c = b.s.contacts[event.contactId];
      if (c?.phase === 'ringing') {
        b.cmd({ kind: 'cancel_timer', key: contactTimer(c.contactId) });
        b.finish(c.contactId);
      }
      break;
    }
    case 'disconnected':
      b.patch({ online: false });
      break;
    case 'timer':
      b.onTimer(event.key);
      break;
    case 'result':
      b.onResult(event);
      break;
    case 'drain':
      b.drain();
      break;
  }
  b.settlePresence();
  return { state: b.s, commands: b.commands };
}

class Builder {
  commands: SimAgentCommand[] = [];
  constructor(public s: SimAgentState, private readonly dice: SimAgentDice) {}

  patch(p: Partial<SimAgentState>) {
    this.s = { ...this.s, ...p };
  }
  cmd(c: SimAgentCommand) {
    this.commands.push(c);
  }
  put(c: LocalContact) {
    this.patch({ contacts: { ...this.s.contacts, [c.contactId]: c } });
  }
  phase(c: LocalContact, phase: LocalPhase) {
    this.put({ ...c, phase });
  }
  finish(contactId: string) {
    const { [contactId]: _gone, ...rest } = this.s.contacts;
    const finished = this.s.finished.includes(contactId) ? this.s.finished : [...this.s.finished, contactId].slice(-FINISHED_KEEP);
    this.patch({ contacts: rest, finished });
  }
  private draining() {
    return this.s.mode === 'draining';
  }

  /**
   * Work the server says we hold that we do not track yet (a new offer, or after a reconnect). Of
   * work we track, only one move is taken from the server: a call we are talking on that it lists
   * in wrap-up was ended by the caller (a phone hung up), so after-contact work starts now. Phases
   * only move forward, so a stale frame cannot mean that.
   */
  adopt(w: SimWork) {
    const held = this.s.contacts[w.contactId];
    if (held?.phase === 'talking' && w.phase === 'wrap_up') {
      this.cmd({ kind: 'cancel_timer', key: contactTimer(held.contactId) });
      this.startAcw(held);
      return;
    }
    if (held || this.s.finished.includes(w.contactId)) return;
    const c: LocalContact = { contactId: w.contactId, tenantSlug: w.tenantSlug, channel: w.channel, dispositions: w.dispositions, phase: 'ringing' };
    if (w.phase === 'offered') {
      if (this.draining()) this.request({ ...c, phase: 'rejecting' }, 'reject');
      else this.wait({ ...c, phase: 'ringing' }, this.dice.answerDelayMs(c.channel));
    } else if (w.phase === 'connected') {
      if (this.draining()) this.request({ ...c, phase: 'ending' }, 'end');
      else this.wait({ ...c, phase: 'talking' }, this.dice.handleMs(c.channel));
    } else {
      this.startAcw(c);
    }
  }

  private wait(c: LocalContact, ms: number) {
    this.put(c);
    this.cmd({ kind: 'set_timer', key: contactTimer(c.contactId), ms });
  }

  private request(c: LocalContact, kind: 'accept' | 'reject' | 'end') {
    this.put(c);
    this.cmd({ kind, contactId: c.contactId, tenantSlug: c.tenantSlug });
  }

  private wrapUp(c: LocalContact) {
    this.put({ ...c, phase: 'wrapping' });
    this.cmd({ kind: 'wrap_up', contactId: c.contactId, tenantSlug: c.tenantSlug, disposition: this.dice.disposition(c.dispositions) });
  }

  private startAcw(c: LocalContact) {
    const ms = this.draining() ? 0 : this.dice.acwMs(c.channel);
    if (ms <= 0) this.wrapUp(c);
    else this.wait({ ...c, phase: 'acw' }, ms);
  }

  onTimer(key: string) {
    if (key === PRESENCE_TIMER) {
      this.patch({ presenceBackoff: false });
      return;
    }
    const c = Object.values(this.s.contacts).find((x) => contactTimer(x.contactId) === key);
    if (!c) return;
    if (c.phase === 'ringing') this.request({ ...c, phase: 'accepting' }, 'accept');
    else if (c.phase === 'talking') this.request({ ...c, phase: 'ending' }, 'end');
    else if (c.phase === 'acw') this.wrapUp(c);
  }

  onResult(e: Extract<SimAgentEvent, { type: 'result' }>) {
    const r = e.request;
    if (r.kind === 'presence') {
      if (this.s.presenceRequest !== r.change) return;
      if (e.ok) {
        const presence: SimPresence = e.me?.presence ?? (r.change === 'ready' ? 'available' : r.change === 'break' ? 'break' : 'offline');
        this.patch({ presenceRequest: null, presence });
      } else if (r.change === 'break' && !e.transient) {
        this.patch({ presenceRequest: null, skipBreak: true });
      } else {
        this.patch({ presenceRequest: null, presenceBackoff: true });
        this.cmd({ kind: 'set_timer', key: PRESENCE_TIMER, ms: RETRY_MS });
      }
      return;
    }
    const c = this.s.contacts[r.contactId];
    if (!c) return;
    const retry = (phase: LocalPhase) => this.wait({ ...c, phase }, RETRY_MS);
    switch (r.kind) {
      case 'accept':
        if (c.phase !== 'accepting') return;
        if (e.ok) {
          if (this.draining()) this.request({ ...c, phase: 'ending' }, 'end');
          else this.wait({ ...c, phase: 'talking' }, this.dice.handleMs(c.channel));
        } else this.finish(c.contactId); // expired, taken back or abandoned meanwhile: nothing to retry
        return;
      case 'reject':
        if (c.phase === 'rejecting') this.finish(c.contactId);
        return;
      case 'end':
        if (c.phase !== 'ending') return;
        if (e.ok) {
          // The answer is the agent's state right after the end: no wrap-up slot means a queue without ACW.
          const wrapping = e.me ? e.me.work.some((w) => w.contactId === c.contactId && w.phase === 'wrap_up') : true;
          if (wrapping) this.startAcw(c);
          else this.finish(c.contactId);
        } else if (e.transient) retry('talking');
        else this.finish(c.contactId);
        return;
      case 'wrap_up':
        if (c.phase !== 'wrapping') return;
        if (!e.ok && e.transient) retry('acw');
        else this.finish(c.contactId); // done, or the queue's wrap-up limit ended it first
        return;
    }
  }

  drain() {
    if (this.s.mode !== 'running') return;
    this.patch({ mode: 'draining' });
    for (const c of Object.values(this.s.contacts)) {
      if (c.phase === 'ringing') {
        this.cmd({ kind: 'cancel_timer', key: contactTimer(c.contactId) });
        this.request({ ...c, phase: 'rejecting' }, 'reject');
      } else if (c.phase === 'talking') {
        this.cmd({ kind: 'cancel_timer', key: contactTimer(c.contactId) });
        this.request({ ...c, phase: 'ending' }, 'end');
      } else if (c.phase === 'acw') {
        this.cmd({ kind: 'cancel_timer', key: contactTimer(c.contactId) });
        this.wrapUp(c);
      }
    }
  }

  /** After every event: ask for the presence the mode wants, one request at a time. */
  settlePresence() {
    const s = this.s;
    if (!s.online || s.presenceRequest !== null || s.presenceBackoff) return;
    const ask = (change: PresenceChange) => {
      this.patch({ presenceRequest: change });
      this.cmd({ kind: 'presence', change, reason: change === 'break' ? s.breakReason : null });
    };
    if (s.mode === 'running') {
      if (s.presence !== 'available') ask('ready');
      return;
    }
    // draining: stop new offers (break), finish what is held, then log out.
    if (s.presence === 'available' && !s.skipBreak) ask('break');
    else if (Object.keys(s.contacts).length > 0) return;
    else if (s.presence !== 'offline') ask('logout');
    else {
      this.patch({ mode: 'stopped' });
      this.cmd({ kind: 'stopped' });
    }
  }
}
