import { describe, expect, it } from 'vitest';
import { IVR_TEXTS, startIvrCall, stepIvrCall } from './ivr-interpreter.js';
import { supportFlow } from './ivr-test-kit.js';
import { IVR_LIMITS, type IvrAction, type IvrCallState, type IvrEvent, type IvrFlow, type IvrStep } from './ivr.types.js';

const call = { from: '09012345678', to: '0120000000' };
const open = { isOpen: () => true };
const closed = { isOpen: () => false };

function ok(step: IvrStep): { state: IvrCallState; actions: IvrAction[] } {
  if (!step.ok) throw new Error(`${step.error}: ${step.message}`);
  return step;
}
/** Starts the support line and applies the events in turn; returns the last step and every action. */
function run(events: IvrEvent[], env = open, flow: IvrFlow = supportFlow()) {
  let { state, actions } = ok(startIvrCall(flow, call, env));
  const all = [...actions];
  for (const e of events) {
    ({ state, actions } = ok(stepIvrCall(flow, state, e, env)));
    all.push(...actions);
  }
  return { state, actions, all };
}
const said = (actions: IvrAction[]) => actions.flatMap((a) => (a.type === 'say' ? [a.text] : []));

describe('the IVR interpreter', () => {
  it('greets, offers the menu and waits for one key', () => {
    const { state, actions } = run([]);
    expect(said(actions)).toEqual(['お電話ありがとうございます。さくら電機サポートセンターです。']);
    expect(actions.at(-1)).toMatchObject({ type: 'gather', nodeId: 'main', mode: 'menu', minDigits: 1, maxDigits: 1, timeoutSec: 5 });
    expect(state).toMatchObject({ status: 'waiting_input', nodeId: 'main', prompts: 1, path: ['hours', 'welcome', 'main'] });
  });

  it('after hours takes a message instead', () => {
    const { state, actions } = run([], closed);
    expect(actions.map((a) => a.type)).toEqual(['say', 'record_message']);
    expect(state.outcome).toEqual({ kind: 'voicemail', queueId: 'q-support' });
  });

  it('gathers a serial, looks the customer up and queues a VIP with a higher priority', () => {
    const { state, actions, all } = run([
      { type: 'digits', digits: '1' },
      { type: 'digits', digits: '450123004#' },
      { type: 'lookup_result', found: true, customerId: 'cust-1', attributes: { vip: true } },
    ]);
    expect(all.find((a) => a.type === 'lookup')).toEqual({ type: 'lookup', by: 'serial', value: '450123004' });
    expect(actions.at(-1)).toEqual({ type: 'enqueue', queueId: 'q-support', priority: 5, skills: [], customerId: 'cust-1', entered: { serial: '450123004' } });
    expect(state.outcome).toEqual({ kind: 'enqueue', queueId: 'q-support' });
    expect(state.path).toEqual(['hours', 'welcome', 'main', 'serial', 'find', 'vip', 'priority', 'queue']);
  });

  it('queues a known customer who is not a VIP at the queue’s own priority', () => {
    const { actions } = run([{ type: 'digits', digits: '1' }, { type: 'digits', digits: '45012300' }, { type: 'lookup_result', found: true, customerId: 'c2', attributes: { vip: false } }]);
    expect(actions.at(-1)).toMatchObject({ type: 'enqueue', priority: null, customerId: 'c2' });
  });

  it('retries a wrong key and a silence, then follows onFail', () => {
    const first = run([{ type: 'digits', digits: '7' }]);
    expect(said(first.actions)).toEqual([IVR_TEXTS.retry]);
    expect(first.state).toMatchObject({ nodeId: 'main', attempts: 1, prompts: 2 });
    const last = run([{ type: 'digits', digits: '7' }, { type: 'timeout' }, { type: 'timeout' }]);
    expect(said(last.actions)).toEqual(['お電話ありがとうございました。']);
    expect(last.state.outcome).toEqual({ kind: 'hangup', reason: 'flow' });
  });

  it('refuses an entry with too few digits, then queues without a serial when retries run out', () => {
    const { state, actions } = run([{ type: 'digits', digits: '1' }, { type: 'digits', digits: '123#' }, { type: 'digits', digits: '' }]);
    expect(actions.at(-1)).toMatchObject({ type: 'enqueue', customerId: null, entered: {} });
    expect(state.entered).toEqual({});
  });

  it('goes back to the menu when the serial is unknown, and a repeat key plays it again', () => {
    const notFound = run([{ type: 'digits', digits: '1' }, { type: 'digits', digits: '99999999' }, { type: 'lookup_result', found: false }]);
    expect(said(notFound.actions)).toEqual(['製造番号が見つかりませんでした。']);
    expect(notFound.state).toMatchObject({ nodeId: 'main', attempts: 0 });
    const repeat = run([{ type: 'digits', digits: '9' }]);
    expect(repeat.actions.at(-1)).toMatchObject({ type: 'gather', nodeId: 'main' });
  });

  it('schedules a callback to the calling number, and transfers to the dealer', () => {
    expect(run([{ type: 'digits', digits: '2' }]).actions.slice(1)).toEqual([{ type: 'schedule_callback', queueId: 'q-support', number: '09012345678' }, { type: 'hangup' }]);
    expect(run([{ type: 'digits', digits: '3' }]).actions.at(-1)).toEqual({ type: 'transfer', number: '0312345678' });
  });

  it('passes payment digits through and never keeps them', () => {
    const flow: IvrFlow = {
      start: 'card',
      nodes: [
        { type: 'gather', id: 'card', prompt: 'カード番号を入力してください。', into: 'payment', minDigits: 13, maxDigits: 19, luhn: true, timeoutSec: 20, retries: 1, next: 'done', onFail: 'done' },
        { type: 'hangup', id: 'done' },
      ],
    };
    const wrong = run([{ type: 'digits', digits: '4111111111111112#' }], open, flow);
    expect(wrong.state.status).toBe('waiting_input'); // not Luhn-valid: asked again
    const { state, all } = run([{ type: 'digits', digits: '4111111111111111#' }], open, flow);
    expect(all).toContainEqual({ type: 'pass_through', into: 'payment', digits: '4111111111111111' });
    expect(JSON.stringify(state)).not.toContain('4111111111111111');
  });

  it('does not keep a card number keyed where a serial was asked: it asks again', () => {
    const flow = supportFlow();
    flow.nodes = flow.nodes.map((n) => (n.type === 'gather' ? { ...n, maxDigits: 19 } : n));
    const { state, actions } = run([{ type: 'digits', digits: '1' }, { type: 'digits', digits: '4111111111111111#' }], open, flow);
    expect(said(actions)).toEqual([IVR_TEXTS.retry]);
    expect(state).toMatchObject({ status: 'waiting_input', nodeId: 'serial', entered: {} });
    expect(JSON.stringify(state)).not.toContain('4111111111111111');
  });

  it('ends a call that keeps pressing the repeat key at the prompt limit', () => {
    const { state, actions } = run(Array.from({ length: IVR_LIMITS.maxPrompts }, () => ({ type: 'digits', digits: '9' }) as IvrEvent));
    expect(actions).toEqual([{ type: 'say', text: IVR_TEXTS.tooManyPrompts, language: 'ja-JP' }, { type: 'hangup' }]);
    expect(state.outcome).toEqual({ kind: 'hangup', reason: 'too_many_prompts' });
  });

  it('ends on the caller’s hang-up, refuses events it does not wait for, and changes no input state', () => {
    const waiting = run([{ type: 'digits', digits: '1' }, { type: 'digits', digits: '45012300' }]).state;
    const before = JSON.stringify(waiting);
    expect(stepIvrCall(supportFlow(), waiting, { type: 'digits', digits: '1' }, open)).toMatchObject({ ok: false, error: 'unexpected_event' });
    const hung = ok(stepIvrCall(supportFlow(), waiting, { type: 'hangup' }, open));
    expect(hung.state.outcome).toEqual({ kind: 'hangup', reason: 'caller' });
    expect(JSON.stringify(waiting)).toBe(before);
    expect(stepIvrCall(supportFlow(), hung.state, { type: 'timeout' }, open)).toMatchObject({ ok: false, error: 'call_ended' });
  });

  it('refuses to start a flow that does not validate', () => {
    expect(startIvrCall({ start: 'x', nodes: [] }, call, open)).toMatchObject({ ok: false, error: 'invalid_flow' });
  });
});
