import twilio from 'twilio';
import type { IvrAction } from '../../../../core/ivr/ivr.types.js';

/**
 * TwiML for the IVR interpreter's actions, built with Twilio's own library (it escapes the text and
 * spells the attributes as Twilio documents them). Lookups, callbacks and payment digits are the
 * server's to carry out before it answers Twilio, so they are not actions this renders.
 */
export type TwimlAction = Exclude<IvrAction, { type: 'lookup' | 'schedule_callback' | 'pass_through' }>;

/** Where Twilio comes back to, per call (the adapter signs call and node into these URLs). */
export interface TwimlLinks {
  /** Receives the keys of the gather at `nodeId` — or, after its timeout, an empty `Digits`. */
  gather(nodeId: string): string;
  /** TwiML Twilio plays while the caller waits in the queue: the estimated wait, then music. */
  queueWait(queueId: string): string;
  /** The Twilio queue the caller waits in until routing picks an agent. */
  queueName(queueId: string): string;
  /** Receives the finished message recording of a voicemail for `queueId`. */
  recording(queueId: string): string;
  /** Receives how the caller left the queue (`QueueResult`): to an agent, or hung up. */
  afterQueue(): string;
}

const JA = { language: 'ja-JP' } as const;

export function twimlOf(actions: readonly TwimlAction[], links: TwimlLinks): string {
  const response = new twilio.twiml.VoiceResponse();
  for (const a of actions) {
    switch (a.type) {
      case 'say':
        response.say(JA, a.text);
        break;
      case 'gather': {
        // A menu ends on its one key; digits end on '#' (or the timeout). actionOnEmptyResult: a
        // silence comes back to us as empty Digits (the interpreter's timeout), not to the next verb.
        const keys = a.mode === 'menu' ? { numDigits: 1 } : { finishOnKey: '#' };
        response.gather({ input: ['dtmf'], action: links.gather(a.nodeId), method: 'POST', timeout: a.timeoutSec, actionOnEmptyResult: true, ...keys }).say(JA, a.prompt);
        break;
      }
      case 'enqueue':
        response.enqueue({ waitUrl: links.queueWait(a.queueId), waitUrlMethod: 'POST', action: links.afterQueue(), method: 'POST' }, links.queueName(a.queueId));
        break;
      case 'record_message':
        response.say(JA, a.prompt);
        response.record({ maxLength: a.maxSec, playBeep: true, finishOnKey: '#', action: links.recording(a.queueId), method: 'POST' });
        break;
      case 'transfer':
        response.dial({}, a.number);
        break;
      case 'hangup':
        response.hangup();
        break;
    }
  }
  return response.toString();
}

/** Seconds between two fetches of the wait URL: how long an answered caller may still hear music. */
export const QUEUE_POLL_SEC = 3;

/**
 * What a waiting caller hears each time Twilio fetches the queue's wait URL. On the first fetch,
 * their estimated wait in minutes (or that it will not be long); then the music, or a short pause:
 * Twilio fetches the URL again when it ends, and that is when a caller an agent took leaves the
 * queue (`leaveQueueTwiml`), so the pause bounds the delay.
 */
export function queueWaitTwiml(wait: { estimatedWaitSec: number | null; musicUrl: string | null; announce: boolean }): string {
  const response = new twilio.twiml.VoiceResponse();
  // Under a minute (or unknown), a number of minutes would promise more than we know.
  const minutes = wait.estimatedWaitSec !== null && wait.estimatedWaitSec >= 60 ? Math.round(wait.estimatedWaitSec / 60) : null;
  if (wait.announce) {
    response.say(JA, minutes === null
      ? 'ただいま電話が大変混み合っております。このままお待ちください。'
      : `ただいま電話が大変混み合っております。あと約${minutes}分でおつなぎできる見込みです。このままお待ちください。`);
  }
  if (wait.musicUrl) response.play({}, wait.musicUrl);
  else response.pause({ length: QUEUE_POLL_SEC });
  return response.toString();
}

/** The wait URL's answer once routing connected the caller: leave the queue (Enqueue's action follows). */
export function leaveQueueTwiml(): string {
  const response = new twilio.twiml.VoiceResponse();
  response.leave();
  return response.toString();
}

/** Where the agent leg rings: the agent's softphone (Voice JS SDK client) or a phone number. */
export type AgentEndpoint = { kind: 'client'; identity: string } | { kind: 'number'; number: string };

/**
 * Rings the agent routing chose. The caller hears ringing until the agent answers (answerOnBridge);
 * the conversation is recorded from the answer, and Twilio reports the recording and how the leg
 * ended to the given URLs.
 */
export function agentLegTwiml(agent: AgentEndpoint, links: DialLinks, timeoutSec: number): string {
  return recordedDialTwiml(agent, links, { timeout: timeoutSec, answerOnBridge: true });
}

/**
 * Click-to-call, once the agent picked up: rings the customer showing the tenant's caller id, records
 * from the answer, and reports how the customer leg ended to `dialDone`.
 */
export function customerLegTwiml(customer: string, callerId: string, links: DialLinks, timeoutSec: number): string {
  return recordedDialTwiml({ kind: 'number', number: customer }, links, { callerId, timeout: timeoutSec });
}

export interface DialLinks { dialDone: string; recording: string }

function recordedDialTwiml(to: AgentEndpoint, links: DialLinks, attrs: { timeout: number; answerOnBridge?: boolean; callerId?: string }): string {
  const response = new twilio.twiml.VoiceResponse();
  const dial = response.dial({
    ...(attrs.callerId ? { callerId: attrs.callerId } : {}),
    action: links.dialDone, method: 'POST', timeout: attrs.timeout, ...(attrs.answerOnBridge ? { answerOnBridge: true } : {}),
    record: 'record-from-answer-dual', recordingStatusCallback: links.recording, recordingStatusCallbackMethod: 'POST', recordingStatusCallbackEvent: ['completed'],
  });
  if (to.kind === 'client') dial.client({}, to.identity);
  else dial.number({}, to.number);
  return response.toString();
}

/** A closing sentence (or none) and the end of the call. */
export function hangupTwiml(text: string | null): string {
  const response = new twilio.twiml.VoiceResponse();
  if (text) response.say(JA, text);
  response.hangup();
  return response.toString();
}

/** Nothing more to do (answers to callbacks after the call ended). */
export function emptyTwiml(): string {
  return new twilio.twiml.VoiceResponse().toString();
}
