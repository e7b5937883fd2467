import type { FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';

const HEARTBEAT_MS = 25_000;

/**
 * Cross-site WebSocket hijacking guard: browsers always send Origin on a WebSocket handshake, and a
 * page of another site must not ride on the session cookie. Non-browser clients send none.
 */
export function originAllowed(request: FastifyRequest, allowed: readonly string[]): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    const o = new URL(origin);
    return o.host === request.headers.host || allowed.includes(origin);
  } catch {
    return false;
  }
}

/**
 * One socket's outgoing messages: JSON frames sent in the order they were queued (an async body,
 * e.g. an offer with its screen pop, never overtakes an earlier message), plus a heartbeat.
 */
export function socketChannel(socket: WebSocket, onError: (err: unknown) => void) {
  let chain: Promise<void> = Promise.resolve();
  let alive = true;
  const beat = setInterval(() => {
    if (!alive) return void socket.terminate();
    alive = false;
    socket.ping();
  }, HEARTBEAT_MS);
  beat.unref();
  socket.on('pong', () => { alive = true; });
  socket.on('close', () => clearInterval(beat));
  return {
    /** Queues a message; `body` may be a promise (built when its turn comes). */
    send(body: () => unknown) {
      chain = chain.then(async () => {
        if (socket.readyState !== socket.OPEN) return;
        const value = await body();
        if (value !== undefined && socket.readyState === socket.OPEN) socket.send(JSON.stringify(value));
      }).catch(onError);
    },
    get open() {
      return socket.readyState === socket.OPEN;
    },
  };
}
export type SocketChannel = ReturnType<typeof socketChannel>;
