import type { Call, Device } from '@twilio/voice-sdk';
import type { SoftphoneEvent } from './softphone-state.js';

/** What the desk asks of one registered softphone. */
export interface SoftphoneHandle {
  answer(): void;
  decline(): void;
  hangUp(): void;
  setMuted(muted: boolean): void;
  destroy(): void;
}

/**
 * A Twilio Voice JS SDK `Device` for one client company, registered for incoming calls with the
 * token the server signed (POST /api/v1/agent/softphone-token), its events reported as
 * SoftphoneEvents. The SDK (a large bundle) is loaded only when a tenant has a softphone.
 * `refreshToken` is asked before the token expires (the SDK warns 10 s ahead by default).
 */
export async function openTwilioSoftphone(token: string, refreshToken: () => Promise<string>, report: (e: SoftphoneEvent) => void): Promise<SoftphoneHandle> {
  const { Device } = await import('@twilio/voice-sdk');
  const device: Device = new Device(token, { closeProtection: true });
  let call: Call | null = null;

  device.on('registering', () => report({ type: 'registering' }));
  device.on('registered', () => report({ type: 'registered' }));
  device.on('unregistered', () => report({ type: 'unregistered' }));
  device.on('error', (err: { code?: number; message?: string }) => report({ type: 'error', code: err.code ?? null, message: err.message ?? String(err) }));
  device.on('tokenWillExpire', () => {
    refreshToken().then((next) => device.updateToken(next), (err: unknown) => report({ type: 'error', code: null, message: `token refresh failed: ${String(err)}` }));
  });
  device.on('incoming', (incoming: Call) => {
    if (call) {
      incoming.reject(); // one call at a time
      return;
    }
    call = incoming;
    const ended = () => {
      if (call === incoming) call = null;
      report({ type: 'call_ended' });
    };
    incoming.on('accept', () => report({ type: 'answered', at: Date.now() }));
    incoming.on('mute', (muted: boolean) => report({ type: 'muted', muted }));
    for (const event of ['disconnect', 'cancel', 'reject'] as const) incoming.on(event, ended);
    incoming.on('error', (err: { code?: number; message?: string }) => report({ type: 'error', code: err.code ?? null, message: err.message ?? String(err) }));
    report({ type: 'incoming', from: incoming.parameters.From ?? '' });
  });

  report({ type: 'registering' });
  device.register().catch((err: { code?: number; message?: string }) => report({ type: 'error', code: err.code ?? null, message: err.message ?? String(err) }));

  return {
    answer: () => call?.accept(),
    decline: () => call?.reject(),
    hangUp: () => call?.disconnect(),
    setMuted: (muted) => call?.mute(muted),
    destroy: () => device.destroy(),
  };
}
