import { ApiError } from '../../api/client.js';
import type { DialResult } from './call.queries.js';

/**
 * What the 発信 button says after the server answered, pure (tested without a browser): a message
 * key, and for a refusal the server's own words when we have none (or, for the PBX and Twilio, as
 * the technical detail after ours).
 */

/** Refusals of click-to-call the console words itself (problem `reason`). */
export const DIAL_REASONS = [
  'click_to_call_not_configured', 'agent_unreachable', 'number_blocked', 'pbx_refused', 'pbx_unreachable', 'twilio_refused', 'twilio_unreachable',
] as const;
type DialReason = (typeof DIAL_REASONS)[number];
const UPSTREAM: ReadonlySet<DialReason> = new Set(['pbx_refused', 'pbx_unreachable', 'twilio_refused', 'twilio_unreachable']);

export type DialOutcome =
  | { ok: true; key: 'calls.dial.requestedPbx' | 'calls.dial.ringing' }
  | { ok: false; key: string | null; detail: string | null };

export function dialSucceeded(result: Pick<DialResult, 'via'>): DialOutcome {
  return { ok: true, key: result.via === 'pbx' ? 'calls.dial.requestedPbx' : 'calls.dial.ringing' };
}

/** `key` null: say `detail` (or the generic error words) as it is. */
export function dialFailed(error: unknown): DialOutcome {
  if (error instanceof ApiError && error.reason && (DIAL_REASONS as readonly string[]).includes(error.reason)) {
    const reason = error.reason as DialReason;
    return { ok: false, key: `calls.dial.errors.${reason}`, detail: UPSTREAM.has(reason) && error.detail ? error.detail : null };
  }
  if (error instanceof ApiError && error.fieldErrors.to) return { ok: false, key: 'calls.dial.errors.invalidNumber', detail: null };
  return { ok: false, key: null, detail: null };
}
