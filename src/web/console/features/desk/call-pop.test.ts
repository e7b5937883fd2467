import { describe, expect, it } from 'vitest';
import type { CallPop } from '../../api/routing-types.js';
import type { WorkItem } from '../../api/routing-types.js';
import { callIdsOfWork, callPopNumber, isCallPop, upsertCallPop } from './call-pop.js';
import { isAgentServerMessage } from './desk-state.js';

function pop(id: string, extra: Partial<CallPop> = {}): CallPop {
  return {
    id, tenantId: 't1', provider: 'cti', callId: `pbx-${id}`, direction: 'in', from: '+819012345678', to: '0312345678', queue: null,
    status: 'ringing', outcome: null, customerId: 'c1', customerName: '山田 太郎', interactionId: 'i1', ...extra,
  };
}

describe('call pops', () => {
  it('knows the calls the desk holds as work items (a PBX call counted in routing)', () => {
    const item = (context: Record<string, unknown> | null) => ({ contact: { context } }) as unknown as WorkItem;
    expect(callIdsOfWork([item({ call: { id: 'call-1', provider: 'cti' } }), item(null), item({ call: 'x' }), item({ ivr: {} })])).toEqual(['call-1']);
  });

  it('reads a call_pop frame of the agent socket', () => {
    expect(isAgentServerMessage({ type: 'call_pop', call: pop('a') })).toBe(true);
    expect(isAgentServerMessage({ type: 'call_pop', call: { ...pop('a'), status: 'ended', outcome: 'missed' } })).toBe(true);
    expect(isAgentServerMessage({ type: 'call_pop', call: { ...pop('a'), status: 'on_hold' } })).toBe(false);
    expect(isAgentServerMessage({ type: 'call_pop', call: { ...pop('a'), status: 'ended', outcome: 'lost' } })).toBe(false);
    expect(isAgentServerMessage({ type: 'call_pop', call: { ...pop('a'), tenantId: undefined } })).toBe(false);
    expect(isAgentServerMessage({ type: 'call_pop' })).toBe(false);
  });

  it('accepts an unknown caller', () => {
    expect(isCallPop(pop('a', { customerId: null, customerName: null }))).toBe(true);
    expect(isCallPop({ ...pop('a'), customerName: 42 })).toBe(false);
  });

  it('replaces the ringing pop of a call by the answered one, newest call first', () => {
    const first = upsertCallPop([], pop('a'));
    const both = upsertCallPop(first, pop('b'));
    expect(both.map((p) => p.id)).toEqual(['b', 'a']);
    const answered = upsertCallPop(both, pop('a', { status: 'answered' }));
    expect(answered.map((p) => `${p.id}:${p.status}`)).toEqual(['a:answered', 'b:ringing']);
    // An ended call keeps its place: it never pushes the ringing one down.
    const ended = upsertCallPop(upsertCallPop(answered, pop('b')), pop('a', { status: 'ended', outcome: 'answered' }));
    expect(ended.map((p) => `${p.id}:${p.status}`)).toEqual(['b:ringing', 'a:ended']);
  });

  it('shows the other party: the caller of an inbound call, the called number of an outbound one', () => {
    expect(callPopNumber(pop('a'))).toBe('+819012345678');
    expect(callPopNumber(pop('a', { direction: 'out', from: '201' }))).toBe('0312345678');
  });
});
