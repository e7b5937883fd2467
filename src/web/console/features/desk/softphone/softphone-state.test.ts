import { describe, expect, it } from 'vitest';
import type { WorkItem } from '../../../api/routing-types.js';
import { newLine, shouldAutoAnswer, softphoneReducer, type SoftphoneEvent, type SoftphoneLine } from './softphone-state.js';

const run = (...events: SoftphoneEvent[]): SoftphoneLine => events.reduce(softphoneReducer, newLine('t1', 'さくら電機'));
const item = (phase: WorkItem['phase'], channel: string, tenantId = 't1') => ({ phase, contact: { channel, tenantId } }) as unknown as WorkItem;

describe('softphone line', () => {
  it('registers, rings, is answered, muted and ends back at ready', () => {
    const ringing = run({ type: 'registering' }, { type: 'registered' }, { type: 'incoming', from: 'client:madoguchi' });
    expect(ringing).toMatchObject({ registration: 'ready', call: { phase: 'ringing', from: 'client:madoguchi', since: null } });
    const talking = ([{ type: 'answered', at: 1000 }, { type: 'muted', muted: true }] as SoftphoneEvent[]).reduce(softphoneReducer, ringing);
    expect(talking.call).toEqual({ phase: 'in_call', from: 'client:madoguchi', muted: true, since: 1000 });
    expect(softphoneReducer(talking, { type: 'call_ended' })).toMatchObject({ registration: 'ready', call: null });
  });

  it('a failure before or between calls marks the line failed with the SDK code; during a call it keeps the call', () => {
    expect(run({ type: 'error', code: 31005, message: 'Connection error' })).toMatchObject({ registration: 'failed', error: { code: 31005, message: 'Connection error' } });
    const inCall = run({ type: 'registered' }, { type: 'incoming', from: '+81312345678' }, { type: 'answered', at: 5 }, { type: 'error', code: 31009, message: 'Transport error' });
    expect(inCall).toMatchObject({ registration: 'ready', call: { phase: 'in_call' }, error: { code: 31009 } });
    expect(run({ type: 'error', code: 1, message: 'x' }, { type: 'registered' })).toMatchObject({ registration: 'ready', error: null });
  });

  it('one call at a time: a second ring while busy changes nothing', () => {
    const first = run({ type: 'registered' }, { type: 'incoming', from: 'A' });
    expect(softphoneReducer(first, { type: 'incoming', from: 'B' })).toBe(first);
  });

  it('answers by itself only the agent leg of a voice contact accepted on the desk for the same client company', () => {
    const ringing = run({ type: 'registered' }, { type: 'incoming', from: 'A' });
    expect(shouldAutoAnswer(ringing, [item('connected', 'voice')])).toBe(true);
    expect(shouldAutoAnswer(ringing, [item('offered', 'voice')])).toBe(false); // not accepted yet
    expect(shouldAutoAnswer(ringing, [item('connected', 'chat')])).toBe(false);
    expect(shouldAutoAnswer(ringing, [item('connected', 'voice', 't2')])).toBe(false); // another client's call
    expect(shouldAutoAnswer(ringing, [])).toBe(false);
    const talking = softphoneReducer(ringing, { type: 'answered', at: 1 });
    expect(shouldAutoAnswer(talking, [item('connected', 'voice')])).toBe(false);
  });
});
