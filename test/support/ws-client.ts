import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { HttpSession } from './test-app.js';

export interface Frame { type: string; [key: string]: unknown }

/**
 * A WebSocket opened through app.injectWS with the session's cookie; collects every frame so a test
 * can wait for the next one of a type.
 */
export async function openSocket(app: FastifyInstance, session: HttpSession, path: string) {
  const frames: Frame[] = [];
  const waiters: { type: string; resolve: (f: Frame) => void; from: number }[] = [];
  let read = 0;
  const receive = (f: Frame) => {
    frames.push(f);
    for (const w of [...waiters]) {
      if (f.type === w.type) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(f);
      }
    }
  };
  // Listeners go on in onInit: the server may speak before injectWS resolves.
  const ws: WebSocket = await app.injectWS(path, { headers: { cookie: session.cookieHeader() } }, {
    onInit: (socket) => {
      socket.on('message', (raw) => receive(JSON.parse(String(raw)) as Frame));
      socket.on('close', (code, reason) => receive({ type: 'close', code, reason: String(reason) }));
    },
  });

  return {
    ws,
    frames,
    /** The next frame of this type not yet returned by `next` (already received or still to come). */
    next(type: string, timeoutMs = 5_000): Promise<Frame> {
      for (let i = read; i < frames.length; i++) {
        if (frames[i]!.type === type) {
          read = i + 1;
          return Promise.resolve(frames[i]!);
        }
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "${type}" frame within ${timeoutMs} ms; got ${frames.map((f) => f.type).join(',')}`)), timeoutMs);
        waiters.push({ type, from: frames.length, resolve: (f) => { clearTimeout(timer); read = frames.indexOf(f) + 1; resolve(f); } });
      });
    },
    send: (msg: object) => ws.send(JSON.stringify(msg)),
    close: () => ws.terminate(),
  };
}
