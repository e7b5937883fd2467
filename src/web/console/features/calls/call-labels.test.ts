import { describe, expect, it } from 'vitest';
import { ja } from '../../../ui/i18n/ja.js';
import { CALL_OUTCOMES, CALL_STATUSES, callOutcomeAttr, callResult } from './call-labels.js';

describe('call results', () => {
  it('reads an ended call by its outcome', () => {
    expect(callResult({ status: 'ended', outcome: 'missed' })).toEqual({ key: 'calls.outcomes.missed', value: 'missed', color: 'red', live: false });
    expect(callResult({ status: 'ended', outcome: 'answered' }).color).toBe('teal');
    expect(callOutcomeAttr({ status: 'ended', outcome: 'rejected' })).toBe('rejected');
  });

  it('reads a call that is still going by its status', () => {
    expect(callResult({ status: 'ringing', outcome: null })).toEqual({ key: 'calls.statuses.ringing', value: 'ringing', color: 'blue', live: true });
    expect(callOutcomeAttr({ status: 'answered', outcome: null })).toBe('answered');
  });

  it('keeps an outcome it has no words for', () => {
    expect(callResult({ status: 'ended', outcome: 'future_kind' })).toMatchObject({ value: 'future_kind', color: 'gray' });
  });

  it('has Japanese words for every outcome and status', () => {
    expect(CALL_OUTCOMES.map((o) => ja.calls.outcomes[o])).toEqual(['応答', '不在着信', '放棄', '留守電', '折り返し予約', '拒否', '転送', 'IVR で終了', 'キュー待ち', '発信失敗']);
    for (const s of CALL_STATUSES) expect(ja.calls.statuses[s]).toBeTruthy();
  });
});
