import type { PaymentProcessor } from '../../features/telephony/telephony-settings.repository.js';

/** How long a caller's IVR step may wait for the payment processor. */
const TIMEOUT_MS = 5_000;

export type PaymentForwardResult = { ok: true; status: number } | { ok: false; status: number | null };

/**
 * Passes the payment digits an IVR gathered to the client's payment processor at once: one HTTPS
 * POST of `{ callId, tenantId, digits }` (JSON) with the configured Authorization header. The digits
 * live only in this request: nothing here stores or logs them, and neither may a caller of this
 * function (the result carries the HTTP status only). A refusal or timeout does not stop the call.
 */
export async function forwardPayment(processor: PaymentProcessor, payment: { callId: string; tenantId: string; digits: string }): Promise<PaymentForwardResult> {
  try {
    const res = await fetch(processor.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(processor.authorization ? { authorization: processor.authorization } : {}) },
      body: JSON.stringify(payment),
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await res.body?.cancel();
    return res.ok ? { ok: true, status: res.status } : { ok: false, status: res.status };
  } catch {
    return { ok: false, status: null };
  }
}
