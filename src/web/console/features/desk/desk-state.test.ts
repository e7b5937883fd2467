import { describe, expect, it } from 'vitest';
import type { AgentMe, WorkItem } from '../../api/routing-types.js';
import type { ConsultMessage } from '../../api/routing-types.js';
import { applyAgentMessage, breakReasonLabel, consultOf, heldContacts, isAgentServerMessage, pendingOffers, uniqueBreakReasons } from './desk-state.js';

function item(id: string, phase: WorkItem['phase'], extra: Partial<WorkItem> = {}, answeredAt: string | null = null): WorkItem {
  return {
    contact: {
      id, tenantId: 't1', interactionId: `i-${id}`, customerId: null, channel: 'voice', kind: 'inbound', queueId: 'q1',
      status: phase === 'wrap_up' ? 'wrap_up' : phase, outcome: null, agentUserId: 'a1', arrivedAt: '2026-11-23T05:00:00Z',
      answeredAt, endedAt: null, externalId: null, from: '090-1234-5678', serial: null, subject: null, afterHours: false, nextOpening: null,
    },
    phase, expiresAt: null, wrapUpUntil: null, queueName: 'サポート', tenantSlug: 'sakura-denki', tenantName: 'さくら電機',
    screenPop: null, transferNotes: [], interactionNotes: null, dispositions: [], ...extra,
  };
}

function me(work: WorkItem[] = []): AgentMe {
  return {
    agentId: 'a1', displayName: '佐藤', presence: 'available', reason: null, activity: 'available', since: '2026-11-23T05:00:00Z',
    breakReasons: [], work,
  };
}

describe('applyAgentMessage', () => {
  it('replaces the state on hello, me and a successful result', () => {
    const next = me([item('c1', 'connected')]);
    expect(applyAgentMessage(me(), { type: 'hello', me: next })).toBe(next);
    expect(applyAgentMessage(undefined, { type: 'me', me: next })).toBe(next);
    expect(applyAgentMessage(me(), { type: 'result', id: 'r1', ok: true, me: next })).toBe(next);
    const before = me();
    expect(applyAgentMessage(before, { type: 'result', id: 'r1', ok: false, problem: { type: 'x', title: 'x', status: 409, code: 'conflict', detail: '' } })).toBe(before);
  });

  it('adds an offer once, replacing a re-sent one with the same contact', () => {
    const first = applyAgentMessage(me(), { type: 'offer', item: item('c1', 'offered', { expiresAt: '2026-11-23T05:00:20Z' }) });
    const again = applyAgentMessage(first, { type: 'offer', item: item('c1', 'offered', { expiresAt: '2026-11-23T05:00:20Z' }) });
    expect(again?.work.map((w) => w.contact.id)).toEqual(['c1']);
  });

  it('removes a cancelled offer but never a contact already answered', () => {
    const state = me([item('c1', 'offered'), item('c2', 'connected')]);
    expect(applyAgentMessage(state, { type: 'offer_cancelled', contactId: 'c1', reason: 'expired' })?.work.map((w) => w.contact.id)).toEqual(['c2']);
    expect(applyAgentMessage(state, { type: 'offer_cancelled', contactId: 'c2', reason: 'expired' })).toBe(state);
  });

  it('keeps no state before the first hello', () => {
    expect(applyAgentMessage(undefined, { type: 'offer', item: item('c1', 'offered') })).toBeUndefined();
  });
});

describe('isAgentServerMessage', () => {
  it('accepts the contract frames and rejects anything else', () => {
    expect(isAgentServerMessage({ type: 'hello', me: me() })).toBe(true);
    expect(isAgentServerMessage({ type: 'offer', item: item('c1', 'offered') })).toBe(true);
    expect(isAgentServerMessage({ type: 'offer_cancelled', contactId: 'c1', reason: 'expired' })).toBe(true);
    expect(isAgentServerMessage({ type: 'consult', contactId: 'c1', fromName: '鈴木', note: '', item: item('c1', 'connected') })).toBe(true);
    expect(isAgentServerMessage({ type: 'hello' })).toBe(false);
    expect(isAgentServerMessage({ type: 'pong' })).toBe(false);
    expect(isAgentServerMessage('hello')).toBe(false);
    expect(isAgentServerMessage(null)).toBe(false);
  });
});

describe('consultOf', () => {
  it('reads the contact of a consult from its item (the screen pop is inside)', () => {
    const held = item('c1', 'connected', { screenPop: null });
    const frame = { type: 'consult', contactId: 'c1', fromName: '鈴木', note: 'E-21 の対応を教えてください', item: held } as const;
    expect(consultOf(frame)).toEqual(frame);
  });

  it('keeps the note when the item is missing or unreadable', () => {
    const bare = { type: 'consult', contactId: 'c1', fromName: '鈴木', note: '至急' } as unknown as ConsultMessage;
    expect(consultOf(bare)).toEqual({ type: 'consult', contactId: 'c1', fromName: '鈴木', note: '至急', item: null });
    const odd = { type: 'consult', contactId: 'c1', fromName: 7, note: null, item: { nope: true } } as unknown as ConsultMessage;
    expect(consultOf(odd)).toEqual({ type: 'consult', contactId: 'c1', fromName: '', note: '', item: null });
  });
});

describe('selectors', () => {
  it('lists offers by expiry and held contacts by answer time', () => {
    const state = me([
      item('late', 'offered', { expiresAt: '2026-11-23T05:00:30Z' }),
      item('soon', 'offered', { expiresAt: '2026-11-23T05:00:10Z' }),
      item('second', 'wrap_up', {}, '2026-11-23T05:02:00Z'),
      item('first', 'connected', {}, '2026-11-23T05:01:00Z'),
    ]);
    expect(pendingOffers(state).map((w) => w.contact.id)).toEqual(['soon', 'late']);
    expect(heldContacts(state).map((w) => w.contact.id)).toEqual(['first', 'second']);
    expect(pendingOffers(undefined)).toEqual([]);
  });

  it('merges break reasons of several tenants by code', () => {
    const reasons = [
      { tenantId: 't1', code: 'lunch', label: '昼休憩' },
      { tenantId: 't2', code: 'lunch', label: '昼休憩' },
      { tenantId: 't2', code: 'training', label: '研修' },
      { tenantId: 't1', code: 'training', label: 'トレーニング' },
    ];
    expect(uniqueBreakReasons(reasons)).toEqual([
      { code: 'lunch', label: '昼休憩' },
      { code: 'training', label: '研修 / トレーニング' },
    ]);
    expect(breakReasonLabel({ reason: 'lunch', breakReasons: reasons })).toBe('昼休憩');
    expect(breakReasonLabel({ reason: 'gone', breakReasons: reasons })).toBe('gone');
    expect(breakReasonLabel({ reason: null, breakReasons: reasons })).toBeNull();
  });
});
