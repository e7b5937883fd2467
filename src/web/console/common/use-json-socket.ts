import { useCallback, useEffect, useRef, useState } from 'react';
import { reconnectDelay, sameOriginSocketUrl } from './reconnect.js';

export type SocketStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface JsonSocketOptions {
  /** Same-origin path with its query (`/api/v1/agent/ws`); null keeps the socket closed. */
  path: string | null;
  /** Each frame, parsed; frames that are not JSON objects are dropped. */
  onMessage: (message: unknown) => void;
  /** A frame sent every `keepAliveMs` while open, so idle proxies do not cut the line. */
  keepAlive?: () => unknown;
  keepAliveMs?: number;
  /**
   * Close codes after which retrying cannot help (the server refused this user): the socket stays
   * closed until `reconnect()` or another path. Default: 4401, 4403, 4404.
   */
  finalCloseCodes?: readonly number[];
}

const FINAL_CLOSE_CODES = [4401, 4403, 4404] as const;

export interface JsonSocket {
  status: SocketStatus;
  /** The code of the last close the server gave up with (4403 forbidden, 4404 no agent profile …), else null. */
  refusedWith: number | null;
  /** Sends a frame when open; returns false when it could not. */
  send: (message: unknown) => boolean;
  /** Reconnect now (after the user fixed the network, or a manual retry). */
  reconnect: () => void;
}

/**
 * A same-origin WebSocket (session cookie) carrying JSON frames, reconnecting with exponential
 * backoff and jitter, and at once when the browser comes back online. The server re-sends the full
 * state on every connect, so nothing needs replaying here.
 */
export function useJsonSocket({ path, onMessage, keepAlive, keepAliveMs = 25_000, finalCloseCodes = FINAL_CLOSE_CODES }: JsonSocketOptions): JsonSocket {
  const [status, setStatus] = useState<SocketStatus>(path ? 'connecting' : 'closed');
  const [refusedWith, setRefusedWith] = useState<number | null>(null);
  const finalCodes = useRef(finalCloseCodes);
  const socketRef = useRef<WebSocket | null>(null);
  const handlers = useRef({ onMessage, keepAlive });
  useEffect(() => {
    handlers.current = { onMessage, keepAlive };
  });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!path) {
      setStatus('closed');
      return undefined;
    }
    let disposed = false;
    let attempt = 0;
    setRefusedWith(null);
    let retryTimer: number | undefined;
    let pingTimer: number | undefined;

    const connect = () => {
      if (disposed) return;
      setStatus(attempt === 0 ? 'connecting' : 'reconnecting');
      let socket: WebSocket;
      try {
        socket = new WebSocket(sameOriginSocketUrl(path, window.location));
      } catch {
        scheduleRetry();
        return;
      }
      socketRef.current = socket;
      socket.onopen = () => {
        attempt = 0;
        setStatus('open');
        window.clearInterval(pingTimer);
        pingTimer = window.setInterval(() => {
          const frame = handlers.current.keepAlive?.();
          if (frame !== undefined && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
        }, keepAliveMs);
      };
      socket.onmessage = (event: MessageEvent) => {
        if (typeof event.data !== 'string') return;
        let message: unknown;
        try {
          message = JSON.parse(event.data);
        } catch {
          return;
        }
        if (typeof message === 'object' && message !== null) handlers.current.onMessage(message);
      };
      socket.onclose = (event: CloseEvent) => {
        window.clearInterval(pingTimer);
        if (socketRef.current === socket) socketRef.current = null;
        if (finalCodes.current.includes(event.code)) {
          setRefusedWith(event.code);
          setStatus('closed');
          return;
        }
        scheduleRetry();
      };
      // An error is always followed by close, which schedules the retry.
      socket.onerror = () => undefined;
    };

    const scheduleRetry = () => {
      if (disposed) return;
      setStatus('reconnecting');
      window.clearTimeout(retryTimer);
      retryTimer = window.setTimeout(connect, reconnectDelay(attempt));
      attempt += 1;
    };

    const retryNow = () => {
      if (disposed || socketRef.current) return;
      window.clearTimeout(retryTimer);
      attempt = 0;
      connect();
    };

    connect();
    window.addEventListener('online', retryNow);
    return () => {
      disposed = true;
      window.removeEventListener('online', retryNow);
      window.clearTimeout(retryTimer);
      window.clearInterval(pingTimer);
      const socket = socketRef.current;
      socketRef.current = null;
      if (socket) {
        socket.onclose = null;
        socket.onmessage = null;
        socket.close();
      }
    };
  }, [path, keepAliveMs, generation]);

  const send = useCallback((message: unknown) => {
    const socket = socketRef.current;
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(message));
    return true;
  }, []);

  const reconnect = useCallback(() => setGeneration((g) => g + 1), []);

  return { status, refusedWith, send, reconnect };
}
