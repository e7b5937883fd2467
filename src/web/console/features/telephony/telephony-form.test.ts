import { describe, expect, it } from 'vitest';
import { blockedNumberLines, formToSettingsInput, refusedBlockedLines, settingsToForm, validateTelephonyForm, writeOnlyState } from './telephony-form.js';
import type { TelephonySettings } from './telephony.queries.js';

const ACCOUNT = `AC${'a'.repeat(32)}`;
const ARI = 'http://pbx.example:8088/ari/channels?endpoint=PJSIP/{extension}&extension={national}';
const settings: TelephonySettings = {
  twilio: { configured: true, accountSid: ACCOUNT, softphoneConfigured: false, callerId: '+81312340000', holdMusicUrl: null },
  cti: { tokenSet: true, webhookUrl: 'https://cc.example.jp/api/v1/cti/{token}', dialUrl: ARI, dialAuthorizationSet: true, queueId: null },
  payment: { url: null, authorizationSet: false },
  blockedNumbers: ['+81312345678', '+819011112222'],
  updatedAt: '2026-11-23T05:00:00.000Z',
};

describe('telephony settings form', () => {
  it('sends the hold music URL when changed, and refuses one that is not https', () => {
    const form = settingsToForm(settings);
    const url = 'https://cdn.example.jp/hold/loop-8s.mp3';
    expect(formToSettingsInput({ ...form, twilioHoldMusicUrl: ` ${url} ` }, settings)).toMatchObject({ twilioHoldMusicUrl: url });
    expect(validateTelephonyForm({ ...form, twilioHoldMusicUrl: 'http://cdn.example.jp/hold.mp3' })).toEqual({ twilioHoldMusicUrl: { key: 'httpsUrl' } });
    expect(validateTelephonyForm({ ...form, twilioHoldMusicUrl: url })).toEqual({});
  });

  it('sends the payment URL when changed and its Authorization only when typed', () => {
    const form = settingsToForm(settings);
    const url = 'https://pay.example.jp/ivr/cards';
    expect(formToSettingsInput({ ...form, paymentUrl: url, paymentAuthorization: 'Bearer pk_live_123' }, settings)).toMatchObject({ paymentUrl: url, paymentAuthorization: 'Bearer pk_live_123' });
    expect(validateTelephonyForm({ ...form, paymentUrl: 'pay.example.jp/ivr' })).toEqual({ paymentUrl: { key: 'dialUrl' } });
  });

  it('sends the CTI queue when chosen, and null when set back to none', () => {
    const form = settingsToForm(settings);
    const blockedNumbers = ['03-1234-5678', '090-1111-2222'];
    const queueId = '0b6f7c1e-4a77-4c55-9d3a-0d3f4e2b9a11';
    expect(formToSettingsInput({ ...form, ctiQueueId: queueId }, settings)).toEqual({ blockedNumbers, ctiQueueId: queueId });
    const withQueue: TelephonySettings = { ...settings, cti: { ...settings.cti, queueId } };
    expect(settingsToForm(withQueue).ctiQueueId).toBe(queueId);
    expect(formToSettingsInput({ ...settingsToForm(withQueue), ctiQueueId: '' }, withQueue)).toEqual({ blockedNumbers, ctiQueueId: null });
  });

  it('starts with the account SID and the blocked numbers as dialled at home, secrets empty', () => {
    expect(settingsToForm(settings)).toEqual({
      twilioAccountSid: ACCOUNT, twilioAuthToken: '', twilioApiKeySid: '', twilioApiKeySecret: '', twilioTwimlAppSid: '',
      twilioCallerId: '03-1234-0000', twilioHoldMusicUrl: '', ctiDialUrl: ARI, ctiDialAuthorization: '', clearCtiDialAuthorization: false, ctiQueueId: '', paymentUrl: '', paymentAuthorization: '',
      blockedNumbers: '03-1234-5678\n090-1111-2222',
    });
    expect(writeOnlyState(settings)).toEqual({ twilioAuthToken: true, twilioApiKeySid: false, twilioApiKeySecret: false, twilioTwimlAppSid: false, ctiDialAuthorization: true, paymentAuthorization: false });
  });

  it('sends secrets only when typed and the account SID only when changed', () => {
    const form = settingsToForm(settings);
    expect(formToSettingsInput(form, settings)).toEqual({ blockedNumbers: ['03-1234-5678', '090-1111-2222'] });
    expect(formToSettingsInput({ ...form, twilioAuthToken: ' secret-token-0123456789 ', twilioAccountSid: '' }, settings)).toEqual({
      blockedNumbers: ['03-1234-5678', '090-1111-2222'],
      twilioAccountSid: null,
      twilioAuthToken: 'secret-token-0123456789',
    });
  });

  it('sends the caller id and dial URL when changed, the dial Authorization when typed, and null to remove it', () => {
    const form = settingsToForm(settings);
    const blockedNumbers = ['03-1234-5678', '090-1111-2222'];
    expect(formToSettingsInput({ ...form, twilioCallerId: '+81 3-1234-9999', ctiDialUrl: ` ${ARI}&priority=1 ` }, settings)).toEqual({
      blockedNumbers, twilioCallerId: '+81 3-1234-9999', ctiDialUrl: `${ARI}&priority=1`,
    });
    expect(formToSettingsInput({ ...form, twilioCallerId: '', ctiDialUrl: '' }, settings)).toEqual({ blockedNumbers, twilioCallerId: null, ctiDialUrl: null });
    expect(formToSettingsInput({ ...form, ctiDialAuthorization: 'Basic YTpi' }, settings)).toEqual({ blockedNumbers, ctiDialAuthorization: 'Basic YTpi' });
    expect(formToSettingsInput({ ...form, clearCtiDialAuthorization: true }, settings)).toEqual({ blockedNumbers, ctiDialAuthorization: null });
    // Typed while marked to be removed: the typed value wins.
    expect(formToSettingsInput({ ...form, clearCtiDialAuthorization: true, ctiDialAuthorization: 'Basic Yzpk' }, settings)).toEqual({ blockedNumbers, ctiDialAuthorization: 'Basic Yzpk' });
  });

  it('keeps the line number of each blocked number, skipping blank lines', () => {
    expect(blockedNumberLines('03-1234-5678\n\n  \nabc\r\n090-1111-2222\n')).toEqual({ numbers: ['03-1234-5678', 'abc', '090-1111-2222'], lines: [1, 4, 5] });
    // The server named the second and third entries it got: lines 4 and 5.
    expect(refusedBlockedLines({ 'blockedNumbers.2': 'x', 'blockedNumbers.1': 'y', twilioAccountSid: 'z' }, [1, 4, 5])).toEqual([4, 5]);
    expect(refusedBlockedLines({ blockedNumbers: 'too many' }, [1])).toEqual([]);
  });

  it('checks Twilio SIDs and secrets before sending', () => {
    const form = settingsToForm(settings);
    expect(validateTelephonyForm(form)).toEqual({});
    expect(
      validateTelephonyForm({ ...form, twilioAccountSid: 'AC123', twilioApiKeySid: `AP${'b'.repeat(32)}`, twilioTwimlAppSid: `AP${'c'.repeat(32)}`, twilioAuthToken: 'short', twilioApiKeySecret: 'has a space in it!!' }),
    ).toEqual({
      twilioAccountSid: { key: 'sid', prefix: 'AC' },
      twilioApiKeySid: { key: 'sid', prefix: 'SK' },
      twilioAuthToken: { key: 'secret' },
      twilioApiKeySecret: { key: 'secret' },
    });
    expect(validateTelephonyForm({ ...form, twilioCallerId: 'main line', ctiDialUrl: 'pbx.example/{number}' })).toEqual({
      twilioCallerId: { key: 'phone' },
      ctiDialUrl: { key: 'dialUrl' },
    });
  });
});
