import { randomUUID } from 'node:crypto';

/**
 * A simulated PBX with its own ACD, reporting every call to Madoguchi's generic CTI webhook exactly
 * as a PBX set up for Zammad's generic CTI would (newCall, answer, hangup; `POST /api/v1/cti/{token}`
 * with JSON). A caller's call is reported at once (`newCall`, with the PBX queue's name); it waits
 * for a free extension (first come, first served), rings it, is answered, talks and hangs up —
 * or hangs up first when out of patience (`cause: cancel`).
 *
 * "Free" is what a PBX queue sees: an extension not on one of its calls whose agent is logged in
 * and ready (the simulated agent's state, as a PBX queue login mirrors it).
 */

export interface PbxExtension {
  readonly extension: string;
  /** Logged in and ready for calls now. */
  available(): boolean;
}

export interface PbxCall {
  /** The caller's number as the PBX writes it (national form, or "anonymous"). */
  from: string;
  /** The dialled number. */
  to: string;
  /** The PBX queue's name (Madoguchi counts the call in its queue of that name). */
  queue: string;
  /** null: waits as long as it takes. */
  patienceMs: number | null;
  ringMs: number;
  talkMs: number;
}

export interface PbxCallHooks {
  onNewCall?(callId: string, at: number): void;
  onAnswered?(callId: string, extension: string, at: number): void;
  onHungUp?(callId: string, at: number): void;
}

export type PbxOutcome =
  | { outcome: 'answered'; callId: string; extension: string }
  | { outcome: 'abandoned' | 'cut'; callId: string }
  | { outcome: 'failed'; callId: string; error: string };

/** How the PBX reaches the webhook: one event, answered 2xx or thrown. */
export type CtiPost = (event: Record<string, unknown>) => Promise<void>;

const POLL_MS = 200;
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
  });

export class SimPbx {
  /** Extensions on one of this PBX's calls (ringing or talking). */
  private readonly busy = new Set<string>();
  /** Calls waiting for an extension, oldest first. */
  private readonly line: string[] = [];

  constructor(private readonly post: CtiPost, private readonly extensions: readonly PbxExtension[]) {}

  /** The oldest waiting call takes the first free extension (checked on every poll of the waiters). */
  private claim(callId: string): string | null {
    if (this.line[0] !== callId) return null;
    const free = this.extensions.find((x) => !this.busy.has(x.extension) && x.available());
    if (!free) return null;
    this.line.shift();
    this.busy.add(free.extension);
    return free.extension;
  }

  /** One call from arrival to hang-up; `signal` ends it early (a waiting caller is cut off, a talk ends). */
  async place(call: PbxCall, signal: AbortSignal, hooks: PbxCallHooks = {}): Promise<PbxOutcome> {
    const callId = randomUUID();
    const base = { callId, from: call.from, to: call.to, direction: 'in' };
    try {
      await this.post({ event: 'newCall', ...base, queue: call.queue, user: [] });
    } catch (err) {
      return { outcome: 'failed', callId, error: String(err) };
    }
    hooks.onNewCall?.(callId, Date.now());
    const arrived = Date.now();
    this.line.push(callId);
    let extension: string | null = null;
    try {
      while ((extension = this.claim(callId)) === null) {
        const waited = Date.now() - arrived;
        if (signal.aborted || (call.patienceMs !== null && waited >= call.patienceMs)) {
          this.line.splice(this.line.indexOf(callId), 1);
          await this.post({ event: 'hangup', ...base, cause: 'cancel' });
          hooks.onHungUp?.(callId, Date.now());
          return { outcome: signal.aborted ? 'cut' : 'abandoned', callId };
        }
        await sleep(call.patienceMs === null ? POLL_MS : Math.min(POLL_MS, call.patienceMs - waited), signal);
      }
      await sleep(call.ringMs, signal);
      await this.post({ event: 'answer', ...base, user: extension, answeringNumber: extension });
      hooks.onAnswered?.(callId, extension, Date.now());
      await sleep(call.talkMs, signal);
      await this.post({ event: 'hangup', ...base, answeringNumber: extension, cause: 'normalClearing' });
      hooks.onHungUp?.(callId, Date.now());
      return { outcome: 'answered', callId, extension };
    } catch (err) {
      return { outcome: 'failed', callId, error: String(err) };
    } finally {
      if (extension !== null) this.busy.delete(extension);
      const i = this.line.indexOf(callId);
      if (i >= 0) this.line.splice(i, 1);
    }
  }
}
