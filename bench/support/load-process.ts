import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The load side of a bench in a process of its own (a TypeScript module run through tsx), as other
 * machines would be in a center: the server's event loop serves only the server. The parent sends
 * messages and awaits the child's answers one at a time; a `{ type: 'failed' }` answer throws.
 */

export interface LoadProcess<To, From extends { type: string }> {
  pid: number | undefined;
  tell(m: To): void;
  /** The next message of this type (earlier ones of other types are skipped). */
  next<T extends From['type']>(type: T): Promise<Extract<From, { type: T }>>;
  /** Asks the child to stop (`{ type: 'stop' }`), and kills it 2 s later if it has not exited. */
  stop(): void;
}

export function forkLoadProcess<To, From extends { type: string }>(moduleUrl: URL, first: To): LoadProcess<To | { type: 'stop' }, From> {
  const child = fork(fileURLToPath(moduleUrl), [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const inbox: From[] = [];
  let waiter: (() => void) | null = null;
  let exited = false;
  child.on('message', (m: From) => { inbox.push(m); waiter?.(); });
  child.on('exit', () => { exited = true; waiter?.(); });
  const tell = (m: To | { type: 'stop' }) => void child.send(m as object);
  async function next<T extends From['type']>(type: T): Promise<Extract<From, { type: T }>> {
    for (;;) {
      const m = inbox.shift();
      if (m?.type === 'failed') throw new Error(`load process: ${(m as unknown as { message: string }).message}`);
      if (m?.type === type) return m as Extract<From, { type: T }>;
      if (m) continue;
      if (exited) throw new Error('load process exited');
      await new Promise<void>((r) => { waiter = r; });
      waiter = null;
    }
  }
  tell(first);
  return {
    pid: child.pid,
    tell,
    next,
    stop() {
      if (!exited && child.connected) tell({ type: 'stop' });
      setTimeout(() => child.kill(), 2_000).unref();
    },
  };
}
