import WebSocket from 'ws';
import type { AgentMeBody, ServerMessage } from './api-types.js';
import { ApiError } from './http-client.js';

/**
 * The agent WebSocket (`GET /api/v1/agent/ws`) as a client: connects with the session cookie,
 * hands every server frame to `onMessage` with the instant it arrived, correlates `result` frames
 * with the requests sent (`accept`, `reject`, `end`, `wrap_up`, `presence`, `ping`), and reconnects with back-off when
 * the connection drops (the server's `hello` then re-sends pending offers).
 */

export interface AgentSocketHandlers {
  onMessage(msg: ServerMessage, receivedAt: number): void;
  /** The connection went down (a reconnect follows unless closed on purpose). */
  onDown?(code: number, reason: string): void;
  onError?(err: Error): void;
}

type ClientRequest =
  | { type: 'accept' | 'reject' | 'end'; contactId: string }
  | { type: 'wrap_up'; contactId: string; disposition?: string }
  | { type: 'presence'; change: 'login' | 'ready' | 'break' | 'logout'; reason?: string }
  | { type: 'ping' };

interface Pending {
  resolve(me: AgentMeBody): void;
  reject(err: ApiError): void;
  timer: NodeJS.Timeout;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;
const BACKOFF_MS = [250, 500, 1000, 2000, 5000];

export class AgentSocket {
  private ws: WebSocket | null = null;
  private readonly pending = new Map<string, Pending>();
  private nextId = 1;
  private closing = false;
  private attempts = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly cookieHeader: () => string,
    private readonly handlers: AgentSocketHandlers,
    private readonly requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
  ) {}

  /** `http://host:port` → `ws://host:port/api/v1/agent/ws`. */
  static urlFor(baseUrl: string): string {
    const u = new URL('/api/v1/agent/ws', baseUrl);
    u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
    return u.toString();
  }

  get isOpen() {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  /** Resolves once the first connection is open; later drops reconnect by themselves. */
  connect(): Promise<void> {
    this.closing = false;
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.url, { headers: { cookie: this.cookieHeader() }, perMessageDeflate: false });
      this.ws = ws;
      let opened = false;
      ws.on('open', () => {
        opened = true;
        this.attempts = 0;
        resolve();
      });
      ws.on('message', (data) => {
        const at = performance.now();
        let msg: ServerMessage;
        try {
          msg = JSON.parse(String(data)) as ServerMessage;
        } catch {
          return;
        }
        if (msg.type === 'result' && msg.id !== null) {
          const p = this.pending.get(msg.id);
          if (p) {
            this.pending.delete(msg.id);
            clearTimeout(p.timer);
            if (msg.ok) p.resolve(msg.me);
            else p.reject(ApiError.of(msg.problem));
          }
        }
        this.handlers.onMessage(msg, at);
      });
      ws.on('unexpected-response', (_req, res) => {
        const err = new ApiError(res.statusCode ?? 0, `http_${res.statusCode}`, `agent socket refused: HTTP ${res.statusCode}`, (res.statusCode ?? 0) >= 500);
        if (!opened) reject(err);
        else this.handlers.onError?.(err);
        ws.terminate();
      });
      ws.on('error', (err) => {
        if (!opened) reject(new ApiError(0, 'network', `agent socket: ${err.message}`, true));
        else this.handlers.onError?.(err);
      });
      ws.on('close', (code, reason) => {
        this.failPending(new ApiError(0, 'socket_closed', 'agent socket closed', true));
        if (this.ws === ws) this.ws = null;
        if (!opened) return;
        this.handlers.onDown?.(code, String(reason));
        if (!this.closing) this.scheduleReconnect();
      });
    });
  }

  private scheduleReconnect() {
    const delay = BACKOFF_MS[Math.min(this.attempts, BACKOFF_MS.length - 1)]!;
    this.attempts++;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.closing) return;
      this.connect().catch((err: unknown) => {
        this.handlers.onError?.(err instanceof Error ? err : new Error(String(err)));
        if (!this.closing) this.scheduleReconnect();
      });
    }, delay);
  }

  /** Sends a command; resolves with the agent's new state, rejects with the problem (nothing changed). */
  request(req: ClientRequest): Promise<AgentMeBody> {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return Promise.reject(new ApiError(0, 'socket_closed', 'agent socket is not open', true));
    const id = `r${this.nextId++}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new ApiError(0, 'timeout', `agent socket: no answer to ${req.type} in ${this.requestTimeoutMs} ms`, true));
      }, this.requestTimeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      ws.send(JSON.stringify({ id, ...req }), (err) => {
        if (!err) return;
        const p = this.pending.get(id);
        if (!p) return;
        this.pending.delete(id);
        clearTimeout(p.timer);
        p.reject(new ApiError(0, 'network', `agent socket: ${err.message}`, true));
      });
    });
  }

  private failPending(err: ApiError) {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(err);
      this.pending.delete(id);
    }
  }

  close() {
    this.closing = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.failPending(new ApiError(0, 'socket_closed', 'agent socket closed', true));
    const ws = this.ws;
    this.ws = null;
    if (ws && (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING)) ws.close(1000, 'simulation over');
  }
}
