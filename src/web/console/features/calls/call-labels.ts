import type { Call } from './call.queries.js';

/**
 * How a call of the log reads: its outcome once it has ended (応答, 不在着信 …), else where it is now
 * (呼出中, 通話中 …), with a badge color. Pure, so the words are tested without a browser.
 */

/** Outcomes the server writes (CTI: answered, missed, rejected; Twilio and the IVR: the others; failed: a click-to-call Twilio refused). */
export const CALL_OUTCOMES = ['answered', 'missed', 'abandoned', 'voicemail', 'callback', 'rejected', 'transfer', 'hangup', 'enqueue', 'failed'] as const;
export const CALL_STATUSES = ['ringing', 'answered', 'ivr', 'queued', 'ended'] as const;

const OUTCOME_COLORS: Record<(typeof CALL_OUTCOMES)[number], string> = {
  answered: 'teal',
  missed: 'red',
  abandoned: 'orange',
  voicemail: 'grape',
  callback: 'violet',
  rejected: 'gray',
  transfer: 'blue',
  hangup: 'gray',
  enqueue: 'yellow',
  failed: 'red',
};

export interface CallResult {
  /** The message key (`calls.outcomes.missed`, `calls.statuses.ringing`). */
  key: string;
  /** The value itself: shown as it is when a newer server sends one we have no words for. */
  value: string;
  color: string;
  /** Still going: ringing, in the IVR, waiting or talking. */
  live: boolean;
}

const isOutcome = (v: string): v is (typeof CALL_OUTCOMES)[number] => (CALL_OUTCOMES as readonly string[]).includes(v);

export function callResult(call: Pick<Call, 'status' | 'outcome'>): CallResult {
  if (call.outcome) {
    return { key: `calls.outcomes.${call.outcome}`, value: call.outcome, color: isOutcome(call.outcome) ? OUTCOME_COLORS[call.outcome] : 'gray', live: false };
  }
  const live = call.status !== 'ended';
  return { key: `calls.statuses.${call.status}`, value: call.status, color: live ? 'blue' : 'gray', live };
}

/** The value for `data-outcome` (tests, styling): the outcome, else the status. */
export function callOutcomeAttr(call: Pick<Call, 'status' | 'outcome'>): string {
  return call.outcome ?? call.status;
}
