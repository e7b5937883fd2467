import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import { ja } from '../../../ui/i18n/ja.js';
import { DIAL_REASONS, dialFailed, dialSucceeded } from './dial-outcome.js';

const problem = (status: number, code: string, detail: string, reason?: string, errors?: { path: string; message: string }[]) =>
  new ApiError({ type: 'x', title: 'x', status, code, detail, ...(reason ? { reason } : {}), ...(errors ? { errors } : {}) });

describe('what the 発信 button says', () => {
  it('tells whether the PBX was asked or the agent’s phone rings', () => {
    expect(dialSucceeded({ via: 'pbx' })).toEqual({ ok: true, key: 'calls.dial.requestedPbx' });
    expect(dialSucceeded({ via: 'twilio' })).toEqual({ ok: true, key: 'calls.dial.ringing' });
    expect(ja.calls.dial.requestedPbx).toBe('PBXに発信を依頼しました');
    expect(ja.calls.dial.ringing).toBe('電話を呼び出しています');
  });

  it('words each refusal, keeping the PBX’s or Twilio’s answer as the detail', () => {
    expect(dialFailed(problem(409, 'conflict', 'Click-to-call is not set up', 'click_to_call_not_configured'))).toEqual({ ok: false, key: 'calls.dial.errors.click_to_call_not_configured', detail: null });
    expect(dialFailed(problem(502, 'bad_gateway', 'Twilio refused the call: 20003 Authenticate', 'twilio_refused'))).toEqual({ ok: false, key: 'calls.dial.errors.twilio_refused', detail: 'Twilio refused the call: 20003 Authenticate' });
    expect(dialFailed(problem(400, 'validation_failed', 'Invalid request body', undefined, [{ path: 'body.to', message: 'not a phone number' }]))).toMatchObject({ key: 'calls.dial.errors.invalidNumber' });
    // Anything else: the server's detail as it is.
    expect(dialFailed(problem(404, 'not_found', 'Customer not found'))).toEqual({ ok: false, key: null, detail: null });
    for (const reason of DIAL_REASONS) expect(ja.calls.dial.errors[reason], reason).toBeTruthy();
  });
});
