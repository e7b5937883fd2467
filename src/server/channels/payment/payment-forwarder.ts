import { isSuccess, postOutbound } from '../../platform/outbound-post.js';

/** A tenant's payment processor: where payment digits go, with the Authorization value to send. */
export interface PaymentProcessor { url: string; authorization: string | null }

/** How long a caller's IVR step may wait for the payment processor. */
const TIMEOUT_MS = 5_000;

export type PaymentForwardResult = { ok: boolean; status: number | null };

/**
 * Passes the payment digits an IVR gathered to the client's payment processor at once: one POST of
 * `{ callId, tenantId, digits }` (JSON) with the configured Authorization header. The digits live only
 * in this request: nothing here stores or logs them, and neither may a caller of this function (the
 * result carries the HTTP status only). A refusal or timeout does not stop the call.
 */
export async function forwardPayment(processor: PaymentProcessor, payment: { callId: string; tenantId: string; digits: string }): Promise<PaymentForwardResult> {
  const answer = await postOutbound(processor.url, { authorization: processor.authorization, json: payment, timeoutMs: TIMEOUT_MS });
  return { ok: isSuccess(answer), status: answer.status };
}
