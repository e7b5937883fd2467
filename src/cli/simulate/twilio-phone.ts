import { randomBytes } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import twilio from 'twilio';

/**
 * A phone call as Twilio would place it, for the simulator, the benchmark and the tests: it posts
 * the Voice webhooks with the parameters Twilio documents, signed with the account's auth token by
 * Twilio's own library, and follows the TwiML it gets back (Say, Gather, Enqueue, Leave, Dial,
 * Record, Hangup) the way Twilio does. The phone network is outside this machine; this speaks its
 * public contract, and nothing more.
 */

export interface WebhookTransport {
  post(url: string, form: Record<string, string>, headers: Record<string, string>): Promise<{ status: number; body: string }>;
}

/** Over HTTP to a running server. */
export const fetchTransport: WebhookTransport = {
  async post(url, form, headers) {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form).toString() });
    return { status: res.status, body: await res.text() };
  },
};

export interface TwilioPhoneOptions {
  transport: WebhookTransport;
  /** The base URL the number's webhooks were configured with (e.g. http://127.0.0.1:3000). */
  baseUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
  to: string;
  callSid?: string;
  /**
   * `outbound-api`: a call placed through Twilio's REST API (click-to-call): `to` is the party Twilio
   * rang first (the agent), `from` the caller id, and Twilio fetches the call's own Url (`answered`).
   */
  direction?: 'inbound' | 'outbound-api';
  /** Where the status callback goes: the call's StatusCallback; default the number's `/status` webhook. */
  statusCallbackUrl?: string;
}

/** Where the call stands after the last answer. */
export type PhoneState = 'gather' | 'queued' | 'ringing_agent' | 'recording' | 'ended';

export class TwilioWebhookError extends Error {
  constructor(readonly status: number, readonly body: string, readonly url: string) {
    super(`Webhook ${url} answered ${status}: ${body.slice(0, 300)}`);
  }
}

/** The little of a DOM element the phone reads. */
interface Verb {
  tagName: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  getElementsByTagName(name: string): ArrayLike<Verb>;
}

const sid = (prefix: string) => prefix + randomBytes(16).toString('hex');

export class TwilioPhone {
  readonly callSid: string;
  /** Everything the caller heard (Say), in order. */
  readonly heard: string[] = [];
  /** The audio played to the caller in the queue (Play URLs), in order. */
  readonly played: string[] = [];
  state: PhoneState = 'ended';
  /** Milliseconds each webhook took to answer, in order (for the benchmark). */
  readonly latencies: number[] = [];
  private gatherUrl: string | null = null;
  private waitUrl: string | null = null;
  private afterQueueUrl: string | null = null;
  private agentDial: { action: string | null; recording: string | null; target: string; callerId: string | null } | null = null;
  private recordUrl: string | null = null;
  private queueSince = 0;
  private readonly queueSid = sid('QU');

  constructor(private readonly o: TwilioPhoneOptions) {
    this.callSid = o.callSid ?? sid('CA');
  }

  /** An outbound-api call: the party Twilio rang picked up, and Twilio fetches the call's Url. */
  async answered(url: string): Promise<PhoneState> {
    return this.follow(await this.post(url, { CallStatus: 'in-progress' }));
  }

  /** The caller dials: the number's Voice URL. */
  async dial(): Promise<PhoneState> {
    return this.follow(await this.post(`${this.o.baseUrl}/api/v1/telephony/twilio/voice`, { CallStatus: 'ringing' }));
  }

  /** Keys at the current Gather; Twilio leaves out the finishing '#'. */
  async press(keys: string): Promise<PhoneState> {
    const url = this.expect(this.gatherUrl, 'gather');
    const digits = keys.endsWith('#') ? keys.slice(0, -1) : keys;
    return this.follow(await this.post(url, { CallStatus: 'in-progress', Digits: digits, ...(keys.endsWith('#') ? { FinishedOnKey: '#' } : {}) }));
  }

  /** Says nothing until the Gather times out (actionOnEmptyResult: Twilio posts empty Digits). */
  async silence(): Promise<PhoneState> {
    return this.follow(await this.post(this.expect(this.gatherUrl, 'gather'), { CallStatus: 'in-progress', Digits: '' }));
  }

  /** Twilio fetches the wait URL; true when the caller left the queue for an agent. */
  async waitInQueue(queueTimeSec?: number): Promise<boolean> {
    const url = this.expect(this.waitUrl, 'queued');
    const queueTime = queueTimeSec ?? Math.round((Date.now() - this.queueSince) / 1000);
    const twiml = await this.post(url, { CallStatus: 'in-progress', QueueSid: this.queueSid, QueueTime: String(queueTime), QueuePosition: '1', AvgQueueTime: '0', CurrentQueueSize: '1', MaxQueueSize: '100' });
    const verbs = this.verbs(twiml);
    for (const v of verbs) {
      if (v.tagName === 'Say') this.heard.push(v.textContent ?? '');
      if (v.tagName === 'Play') this.played.push(v.textContent ?? '');
    }
    if (!verbs.some((v) => v.tagName === 'Leave')) return false;
    this.follow(await this.post(this.expect(this.afterQueueUrl, 'queued'), { CallStatus: 'in-progress', QueueResult: 'leave', QueueSid: this.queueSid, QueueTime: String(queueTime) }));
    return true;
  }

  /** Where the `<Dial>` rings (a `client:` identity or a number: the agent, or for click-to-call the customer). */
  get agentTarget(): string | null {
    return this.agentDial?.target ?? null;
  }

  /** The number the `<Dial>` shows to the party it rings (its `callerId`), while ringing; null: the call's own. */
  get dialCallerId(): string | null {
    return this.agentDial?.callerId ?? null;
  }

  /** The agent leg: answered and talked for `talkSec`, then ended; or not answered at all. */
  async agentLeg(result: { answered: true; talkSec: number } | { answered: false }): Promise<PhoneState> {
    const dial = this.expect(this.agentDial, 'ringing_agent');
    if (result.answered && dial.recording) {
      await this.post(dial.recording, { RecordingSid: sid('RE'), RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${this.o.accountSid}/Recordings/${sid('RE')}`, RecordingStatus: 'completed', RecordingDuration: String(result.talkSec), RecordingChannels: '2', RecordingSource: 'DialVerb' });
    }
    if (!dial.action) return this.hangUp();
    const status: Record<string, string> = result.answered ? { DialCallStatus: 'completed', DialCallDuration: String(result.talkSec) } : { DialCallStatus: 'no-answer' };
    const state = await this.follow(await this.post(dial.action, { CallStatus: 'in-progress', DialCallSid: sid('CA'), ...status }));
    if (state === 'ended') await this.statusCallback('completed');
    return state;
  }

  /** Speaks a message after the beep; Twilio posts the Record action with the recording. */
  async leaveMessage(sec: number): Promise<PhoneState> {
    const url = this.expect(this.recordUrl, 'recording');
    const recordingSid = sid('RE');
    const state = await this.follow(await this.post(url, {
      CallStatus: 'in-progress', RecordingSid: recordingSid, RecordingDuration: String(sec), Digits: 'hangup',
      RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${this.o.accountSid}/Recordings/${recordingSid}`,
    }));
    if (state === 'ended') await this.statusCallback('completed');
    return state;
  }

  /** The caller hangs up wherever they are: a queued caller leaves the queue, then the final status. */
  async hangUp(): Promise<PhoneState> {
    if (this.state === 'queued' && this.afterQueueUrl) {
      await this.post(this.afterQueueUrl, { CallStatus: 'completed', QueueResult: 'hangup', QueueSid: this.queueSid, QueueTime: '1' });
    }
    await this.statusCallback('completed');
    this.state = 'ended';
    return this.state;
  }

  /** Twilio's status callback (sent once more when `resend`: Twilio retries). */
  async statusCallback(status: 'completed' | 'busy' | 'no-answer' | 'failed' | 'canceled'): Promise<void> {
    await this.post(this.o.statusCallbackUrl ?? `${this.o.baseUrl}/api/v1/telephony/twilio/status`, { CallStatus: status, CallDuration: '30', SequenceNumber: '0' });
  }

  /** Posts signed as Twilio signs: the full URL, then the parameters sorted by name. */
  async post(url: string, extra: Record<string, string>, opts: { signature?: string } = {}): Promise<string> {
    const form: Record<string, string> = {
      AccountSid: this.o.accountSid, ApiVersion: '2010-04-01', CallSid: this.callSid, Direction: this.o.direction ?? 'inbound',
      From: this.o.from, To: this.o.to, Caller: this.o.from, Called: this.o.to, ...extra,
    };
    const signature = opts.signature ?? twilio.getExpectedTwilioSignature(this.o.authToken, url, form);
    const started = performance.now();
    const res = await this.o.transport.post(url, form, { 'x-twilio-signature': signature });
    this.latencies.push(performance.now() - started);
    if (res.status >= 300) throw new TwilioWebhookError(res.status, res.body, url);
    return res.body;
  }

  private expect<T>(value: T | null, state: PhoneState): T {
    if (value === null || this.state !== state) throw new Error(`The call is ${this.state}, not ${state}`);
    return value;
  }

  private verbs(twiml: string): Verb[] {
    if (twiml.trim() === '') return [];
    const doc = new DOMParser().parseFromString(twiml, 'text/xml');
    const root = doc.documentElement;
    if (!root || root.tagName !== 'Response') throw new Error(`Not TwiML: ${twiml.slice(0, 200)}`);
    return Array.from(root.childNodes as ArrayLike<{ nodeType: number }>).filter((n) => n.nodeType === 1) as unknown as Verb[];
  }

  /** Runs the TwiML's verbs in order until one waits for the caller, Twilio or the agent. */
  private follow(twiml: string): PhoneState {
    this.gatherUrl = this.waitUrl = this.afterQueueUrl = this.recordUrl = null;
    this.agentDial = null;
    for (const v of this.verbs(twiml)) {
      switch (v.tagName) {
        case 'Say':
          this.heard.push(v.textContent ?? '');
          break;
        case 'Gather':
          for (const say of Array.from(v.getElementsByTagName('Say'))) this.heard.push(say.textContent ?? '');
          this.gatherUrl = v.getAttribute('action');
          return (this.state = 'gather');
        case 'Enqueue':
          this.waitUrl = v.getAttribute('waitUrl');
          this.afterQueueUrl = v.getAttribute('action');
          this.queueSince = Date.now();
          return (this.state = 'queued');
        case 'Record':
          this.recordUrl = v.getAttribute('action');
          return (this.state = 'recording');
        case 'Dial': {
          const target = v.getElementsByTagName('Client')[0] ?? v.getElementsByTagName('Number')[0];
          this.agentDial = {
            action: v.getAttribute('action') || null, recording: v.getAttribute('recordingStatusCallback') || null, callerId: v.getAttribute('callerId') || null,
            target: target ? `${target.tagName === 'Client' ? 'client:' : ''}${target.textContent ?? ''}` : (v.textContent ?? ''),
          };
          return (this.state = 'ringing_agent');
        }
        case 'Hangup':
          return (this.state = 'ended');
      }
    }
    // Twilio ends the call when the document runs out.
    return (this.state = 'ended');
  }
}
