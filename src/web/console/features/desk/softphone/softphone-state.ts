import type { WorkItem } from '../../../api/routing-types.js';

/**
 * One browser softphone line (Twilio Voice JS SDK) per client company whose Twilio account the agent
 * answers for. Pure: the SDK adapter (twilio-device.ts) turns the SDK's events into `SoftphoneEvent`s.
 */
export interface SoftphoneLine {
  tenantId: string;
  tenantName: string;
  /** Registration with Twilio: calls can ring only while `ready`. */
  registration: 'connecting' | 'ready' | 'offline' | 'failed';
  /** The SDK's error code and message of the last failure (e.g. 31005 no connection to Twilio). */
  error: { code: number | null; message: string } | null;
  call: SoftphoneCall | null;
}

export interface SoftphoneCall {
  phase: 'ringing' | 'in_call';
  /** The caller as Twilio gives it (the agent leg's From). */
  from: string;
  muted: boolean;
  /** When the call was answered (epoch ms), for the talk timer. */
  since: number | null;
}

export type SoftphoneEvent =
  | { type: 'registering' }
  | { type: 'registered' }
  | { type: 'unregistered' }
  | { type: 'error'; code: number | null; message: string }
  | { type: 'incoming'; from: string }
  | { type: 'answered'; at: number }
  | { type: 'muted'; muted: boolean }
  | { type: 'call_ended' };

export function newLine(tenantId: string, tenantName: string): SoftphoneLine {
  return { tenantId, tenantName, registration: 'connecting', error: null, call: null };
}

export function softphoneReducer(line: SoftphoneLine, e: SoftphoneEvent): SoftphoneLine {
  switch (e.type) {
    case 'registering':
      return { ...line, registration: 'connecting' };
    case 'registered':
      return { ...line, registration: 'ready', error: null };
    case 'unregistered':
      return { ...line, registration: 'offline' };
    case 'error':
      // A call in progress has its own media path: a signalling hiccup does not end it.
      return line.call?.phase === 'in_call' ? { ...line, error: { code: e.code, message: e.message } } : { ...line, registration: 'failed', error: { code: e.code, message: e.message } };
    case 'incoming':
      // One call at a time (voice capacity is 1): a second ring while busy is left to Twilio (busy).
      return line.call ? line : { ...line, call: { phase: 'ringing', from: e.from, muted: false, since: null } };
    case 'answered':
      return line.call ? { ...line, call: { ...line.call, phase: 'in_call', since: e.at } } : line;
    case 'muted':
      return line.call ? { ...line, call: { ...line.call, muted: e.muted } } : line;
    case 'call_ended':
      return { ...line, call: null };
  }
}

/**
 * Answer the ringing softphone without a click when it is the agent leg of a call the agent already
 * accepted on the desk (a connected voice contact of that client company): accepting the offer was
 * the agent's answer, and Twilio dials the softphone only then. Any other ring waits for a click.
 */
export function shouldAutoAnswer(line: SoftphoneLine, work: readonly WorkItem[]): boolean {
  if (line.call?.phase !== 'ringing') return false;
  return work.some((w) => w.phase === 'connected' && w.contact.channel === 'voice' && w.contact.tenantId === line.tenantId);
}
