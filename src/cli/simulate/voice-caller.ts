import { QUEUE_POLL_SEC } from '../../server/channels/telephony/twilio/twiml-render.js';
import type { TwilioPhone, WebhookTransport } from './twilio-phone.js';

/**
 * One caller on a TwilioPhone, start to end, as the simulator and the voice bench place them:
 * dials, listens and keys through the IVR, waits in the queue while Twilio fetches the wait URL
 * every QUEUE_POLL_SEC, hangs up when out of patience, and once bridged to the agent talks, then
 * the call ends. Plus transports that time every webhook, and one that reaches the server at
 * another address than the public one it signs for.
 */

export type WebhookKind = 'voice' | 'status' | 'gather' | 'wait' | 'after-queue' | 'dial-done' | 'recording' | 'other';

export interface WebhookRecord {
  kind: WebhookKind;
  status: number;
  /** Response time as the caller saw it (ms). */
  ms: number;
}

export function webhookKind(url: string): WebhookKind {
  const path = new URL(url).pathname;
  const last = path.slice(path.lastIndexOf('/') + 1);
  return (['voice', 'status', 'gather', 'wait', 'after-queue', 'dial-done', 'recording'] as const).find((k) => k === last) ?? 'other';
}

/** Every webhook's kind, HTTP status and response time to `record` (network errors as status 0). */
export function recordingTransport(inner: WebhookTransport, record: (r: WebhookRecord) => void): WebhookTransport {
  return {
    async post(url, form, headers) {
      const t0 = performance.now();
      try {
        const res = await inner.post(url, form, headers);
        record({ kind: webhookKind(url), status: res.status, ms: performance.now() - t0 });
        return res;
      } catch (err) {
        record({ kind: webhookKind(url), status: 0, ms: performance.now() - t0 });
        throw err;
      }
    },
  };
}

/**
 * Signs for `publicBase` (MADOGUCHI_PUBLIC_URL, what the server checks signatures against and puts
 * in its TwiML) and posts to `actualBase`, where this machine reaches the server.
 */
export function rebasedTransport(inner: WebhookTransport, publicBase: string, actualBase: string): WebhookTransport {
  const from = publicBase.replace(/\/+$/, '');
  const to = actualBase.replace(/\/+$/, '');
  if (from === to) return inner;
  return { post: (url, form, headers) => inner.post(url.startsWith(from) ? `${to}${url.slice(from.length)}` : url, form, headers) };
}

export interface CallScript {
  /** Keys at the IVR's prompts, in order: a menu key, or digits ending in '#'. */
  keys: readonly string[];
  /** Pressed when the IVR still asks after the script (back at the menu after an unknown serial). */
  fallbackKey: string;
  /** ms the caller listens to a prompt before keying. */
  thinkMs(): number;
  /** Hangs up after this long in the queue (ms), during the wait music, unless an agent came first; null = never. */
  patienceMs: number | null;
  /** Talk time once bridged to the agent (ms). */
  talkMs: number;
}

/**
 * answered: talked to an agent; abandoned: hung up while queued; ivr: the IVR ended the call (closed,
 * no queue); dropped: left the queue without an agent; cut: the run stopped while it waited;
 * failed: a webhook was refused or unreachable.
 */
export type CallOutcome = 'answered' | 'abandoned' | 'ivr' | 'dropped' | 'cut' | 'failed';

export interface CallResult {
  callSid: string;
  outcome: CallOutcome;
  /** Epoch ms. */
  queuedAt: number | null;
  bridgedAt: number | null;
  endedAt: number;
  error: string | null;
}

export interface CallHooks {
  onQueued?(): void;
  onBridged?(): void;
  /** The caller hangs up after talking (before the server hears of it). */
  onTalkEnd?(): void;
}

/** Fallback keys before the caller gives up on an IVR that keeps asking. */
const MAX_FALLBACK_KEYS = 3;

/** Resolves after `ms`, or at once when `signal` aborts; the ms actually waited. */
function pause(ms: number, signal?: AbortSignal): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(0);
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve(performance.now() - t0);
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Places the call and follows it to its end. Never throws: a failure is the `failed` outcome. */
export async function runTwilioCall(phone: TwilioPhone, script: CallScript, opts: { signal?: AbortSignal; pollMs?: number; hooks?: CallHooks } = {}): Promise<CallResult> {
  const { signal, hooks } = opts;
  const pollMs = opts.pollMs ?? QUEUE_POLL_SEC * 1000;
  const result: CallResult = { callSid: phone.callSid, outcome: 'failed', queuedAt: null, bridgedAt: null, endedAt: 0, error: null };
  const end = (outcome: CallOutcome) => {
    result.outcome = outcome;
    result.endedAt = Date.now();
    return result;
  };
  try {
    let state = await phone.dial();
    let next = 0;
    let fallbacks = 0;
    while (state === 'gather') {
      await pause(script.thinkMs(), signal);
      const key = next < script.keys.length ? script.keys[next++]! : fallbacks++ < MAX_FALLBACK_KEYS ? script.fallbackKey : null;
      if (signal?.aborted || key === null) {
        await phone.hangUp();
        return end(signal?.aborted ? 'cut' : 'ivr');
      }
      state = await phone.press(key);
    }
    if (state !== 'queued') {
      // Closed, or a flow that ends here: Twilio hangs up and sends the final status.
      if (state === 'ended') await phone.statusCallback('completed');
      else await phone.hangUp();
      return end('ivr');
    }
    result.queuedAt = Date.now();
    hooks?.onQueued?.();
    const giveUpAt = script.patienceMs === null ? Infinity : Date.now() + script.patienceMs;
    for (;;) {
      if (signal?.aborted) {
        await phone.hangUp();
        return end('cut');
      }
      if (await phone.waitInQueue()) break;
      // The pause plays until Twilio's next fetch of the wait URL, or until the caller gives up.
      await pause(Math.min(pollMs, giveUpAt - Date.now()), signal);
      if (Date.now() >= giveUpAt && !signal?.aborted) {
        await phone.hangUp();
        return end('abandoned');
      }
    }
    if (phone.state !== 'ringing_agent') {
      if (phone.state !== 'ended') await phone.hangUp();
      else await phone.statusCallback('completed');
      return end('dropped');
    }
    result.bridgedAt = Date.now();
    hooks?.onBridged?.();
    const talked = await pause(script.talkMs, signal);
    hooks?.onTalkEnd?.();
    await phone.agentLeg({ answered: true, talkSec: Math.max(1, Math.round(talked / 1000)) });
    return end('answered');
  } catch (err) {
    result.error = err instanceof Error ? err.message : String(err);
    if (phone.state !== 'ended') await phone.hangUp().catch(() => undefined);
    return end('failed');
  }
}
