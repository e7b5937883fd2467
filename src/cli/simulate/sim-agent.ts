import {
  initialAgentState, stepAgent, type SimAgentCommand, type SimAgentDice, type SimAgentEvent, type SimAgentState, type SimRequest,
} from '../../core/simulation/agent-machine.js';
import { AgentSocket } from './agent-socket.js';
import { toSimMe, toSimWork, type AgentMeBody, type ServerMessage, type WorkItemBody } from './api-types.js';
import { ApiError, type ApiClient } from './http-client.js';

/**
 * One simulated agent: the pure state machine (src/core/simulation/agent-machine.ts) driven by the
 * agent WebSocket and the HTTP API. Every command goes over the socket (HTTP when it is down).
 */

export interface SimAgentHooks {
  /** An `offer` frame arrived (`receivedAt` = performance.now() when the frame was read). */
  onOffer?(item: WorkItemBody, receivedAt: number): void;
  onOfferCancelled?(contactId: string, reason: string): void;
  onAnswered?(contactId: string): void;
  onEnded?(contactId: string): void;
  onWrappedUp?(contactId: string): void;
  /** The work list of a `hello`/`me` snapshot (a PBX's call arrives this way, already connected). */
  onWork?(items: readonly WorkItemBody[]): void;
  /** A request failed (kind, 4xx/5xx/network); counted, not fatal. */
  onError?(what: string, err: unknown): void;
}

export class SimAgent {
  private state: SimAgentState = initialAgentState();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly socket: AgentSocket;
  private me: AgentMeBody | null = null;
  private stoppedResolve: (() => void) | null = null;
  readonly stopped: Promise<void>;

  constructor(
    readonly label: string,
    private readonly http: ApiClient,
    private readonly dice: SimAgentDice,
    private readonly hooks: SimAgentHooks = {},
  ) {
    this.socket = new AgentSocket(AgentSocket.urlFor(http.baseUrl), () => http.cookieHeader(), {
      onMessage: (m, at) => this.onMessage(m, at),
      onDown: () => this.feed({ type: 'disconnected' }),
      onError: (err) => hooks.onError?.('socket', err),
    }, http.timeoutMs);
    this.stopped = new Promise((resolve) => { this.stoppedResolve = resolve; });
  }

  /** The activity the server last reported (for the status line). */
  get activity(): AgentMeBody['activity'] | 'connecting' {
    return this.me?.activity ?? 'connecting';
  }
  get mode() {
    return this.state.mode;
  }
  get holding() {
    return Object.keys(this.state.contacts).length;
  }

  /** Opens the socket (the session must be signed in). The server's hello starts the cycle. */
  async start(): Promise<void> {
    await this.socket.connect();
  }

  /**
   * Resolves once every frame the server queued for this agent before now has been read: frames
   * go out in order, and the answer to a ping comes after them. (Before draining: a call the caller
   * just hung up is then known to be in wrap-up, not ended a second time.)
   */
  async sync(): Promise<void> {
    if (this.socket.isOpen) await this.socket.request({ type: 'ping' }).catch(() => undefined);
  }

  /** Finish what is held, take a break, log out. Resolves when logged out or after `timeoutMs`. */
  async drain(timeoutMs = 15_000): Promise<void> {
    if (!this.socket.isOpen && !this.state.online) {
      this.shutdown();
      return;
    }
    this.feed({ type: 'drain' });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.stopped, new Promise<void>((resolve) => { timer = setTimeout(resolve, timeoutMs); })]);
    clearTimeout(timer);
    this.shutdown();
  }

  /** Closes everything at once (no logout). */
  shutdown() {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.socket.close();
    this.state = { ...this.state, mode: 'stopped' };
    this.stoppedResolve?.();
  }

  private onMessage(m: ServerMessage, at: number) {
    switch (m.type) {
      case 'hello':
      case 'me':
        this.me = m.me;
        this.hooks.onWork?.(m.me.work);
        this.feed({ type: 'snapshot', me: toSimMe(m.me) });
        break;
      case 'offer':
        this.hooks.onOffer?.(m.item, at);
        this.feed({ type: 'offer', work: toSimWork(m.item) });
        break;
      case 'offer_cancelled':
        this.hooks.onOfferCancelled?.(m.contactId, m.reason);
        this.feed({ type: 'offer_cancelled', contactId: m.contactId });
        break;
      case 'error':
        this.hooks.onError?.('socket', new ApiError(m.problem.status, m.problem.code ?? 'error', m.problem.detail ?? 'socket error', false));
        break;
      default:
        break;
    }
  }

  private feed(event: SimAgentEvent) {
    const r = stepAgent(this.state, event, this.dice);
    this.state = r.state;
    for (const c of r.commands) this.run(c);
  }

  private run(c: SimAgentCommand) {
    switch (c.kind) {
      case 'set_timer': {
        const old = this.timers.get(c.key);
        if (old) clearTimeout(old);
        const fire = () => {
          this.timers.delete(c.key);
          if (this.state.mode !== 'stopped') this.feed({ type: 'timer', key: c.key });
        };
        if (c.ms <= 0) {
          this.timers.delete(c.key);
          queueMicrotask(fire);
        } else this.timers.set(c.key, setTimeout(fire, c.ms));
        return;
      }
      case 'cancel_timer': {
        const t = this.timers.get(c.key);
        if (t) clearTimeout(t);
        this.timers.delete(c.key);
        return;
      }
      case 'accept':
      case 'reject': {
        const kind = c.kind;
        this.send({ kind, contactId: c.contactId }, () => this.viaSocket({ type: kind, contactId: c.contactId }, `/api/v1/agent/offers/${c.contactId}/${kind}`));
        return;
      }
      case 'end':
        this.send({ kind: 'end', contactId: c.contactId }, () => this.viaSocket({ type: 'end', contactId: c.contactId }, `/api/v1/agent/contacts/${c.contactId}/end`));
        return;
      case 'wrap_up': {
        const body = c.disposition ? { disposition: c.disposition } : {};
        this.send({ kind: 'wrap_up', contactId: c.contactId }, () => this.viaSocket({ type: 'wrap_up', contactId: c.contactId, ...body }, `/api/v1/agent/contacts/${c.contactId}/wrap-up`, body));
        return;
      }
      case 'presence': {
        const body = { change: c.change, ...(c.reason ? { reason: c.reason } : {}) };
        this.send({ kind: 'presence', change: c.change }, () => this.viaSocket({ type: 'presence', ...body }, '/api/v1/agent/presence', body));
        return;
      }
      case 'stopped':
        this.shutdown();
        return;
    }
  }

  private viaSocket(req: Parameters<AgentSocket['request']>[0], path: string, body?: unknown): Promise<AgentMeBody> {
    return this.socket.isOpen ? this.socket.request(req) : this.http.post<AgentMeBody>(path, body);
  }

  private send(request: SimRequest, call: () => Promise<AgentMeBody>) {
    call().then(
      (me) => {
        if (request.kind !== 'presence') {
          if (request.kind === 'accept') this.hooks.onAnswered?.(request.contactId);
          else if (request.kind === 'end') this.hooks.onEnded?.(request.contactId);
          else if (request.kind === 'wrap_up') this.hooks.onWrappedUp?.(request.contactId);
        }
        this.feed({ type: 'result', request, ok: true, me: toSimMe(me) });
      },
      (err: unknown) => {
        if (this.state.mode === 'stopped') return; // shut down meanwhile: nobody is listening
        const transient = !(err instanceof ApiError) || err.transient;
        // Expected races (an offer that expired, or was abandoned while ringing: the contact is
        // then no longer in routing, 404) are not errors.
        const expected = err instanceof ApiError && (err.status === 409 || err.status === 404) && (request.kind === 'accept' || request.kind === 'reject');
        if (!expected) this.hooks.onError?.(request.kind, err);
        this.feed({ type: 'result', request, ok: false, transient });
      },
    );
  }
}
