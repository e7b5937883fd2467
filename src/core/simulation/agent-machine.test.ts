import { describe, expect, it } from 'vitest';
import {
  contactTimer, createAgentDice, initialAgentState, PRESENCE_TIMER, RETRY_MS, stepAgent,
  type SimAgentCommand, type SimAgentDice, type SimAgentEvent, type SimAgentState, type SimMe, type SimWork,
} from './agent-machine.js';
import { resolveSimParams } from './sim-params.js';

const dice: SimAgentDice = {
  answerDelayMs: () => 1000,
  handleMs: () => 5000,
  acwMs: () => 2000,
  disposition: (codes) => codes[0] ?? null,
};

/** Feeds events one by one; keeps the state and the commands of the last step. */
class Driver {
  state: SimAgentState = initialAgentState();
  last: readonly SimAgentCommand[] = [];
  constructor(private readonly d: SimAgentDice = dice) {}
  send(e: SimAgentEvent) {
    const r = stepAgent(this.state, e, this.d);
    this.state = r.state;
    this.last = r.commands;
    return r.commands;
  }
  phase(id: string) {
    return this.state.contacts[id]?.phase ?? null;
  }
}

const work = (contactId: string, phase: SimWork['phase'] = 'offered', channel = 'voice'): SimWork => ({
  contactId, phase, channel, tenantSlug: 'sakura-denki', dispositions: ['resolved', 'callback'],
});
const me = (presence: SimMe['presence'], items: SimWork[] = []): SimMe => ({ presence, work: items, breakReasons: ['lunch'] });
const presenceOk = (change: 'ready' | 'break' | 'logout', m?: SimMe): SimAgentEvent => ({ type: 'result', request: { kind: 'presence', change }, ok: true, ...(m ? { me: m } : {}) });
const ok = (kind: 'accept' | 'reject' | 'end' | 'wrap_up', contactId: string, m?: SimMe): SimAgentEvent => ({ type: 'result', request: { kind, contactId }, ok: true, ...(m ? { me: m } : {}) });
const fail = (kind: 'accept' | 'reject' | 'end' | 'wrap_up', contactId: string, transient = false): SimAgentEvent => ({ type: 'result', request: { kind, contactId }, ok: false, transient });

/** An agent that said hello and is ready. */
function readyAgent(d = new Driver()) {
  expect(d.send({ type: 'snapshot', me: me('offline') })).toEqual([{ kind: 'presence', change: 'ready', reason: null }]);
  expect(d.send(presenceOk('ready'))).toEqual([]);
  expect(d.state.presence).toBe('available');
  return d;
}

describe('simulated agent state machine', () => {
  it('does nothing before the socket says hello', () => {
    const d = new Driver();
    expect(d.send({ type: 'offer_cancelled', contactId: 'x' })).toEqual([]);
    expect(d.state.online).toBe(false);
  });

  it('runs the whole cycle: ready → ring → accept → talk → end → ACW → wrap-up with a disposition', () => {
    const d = readyAgent();
    expect(d.send({ type: 'offer', work: work('c1') })).toEqual([{ kind: 'set_timer', key: contactTimer('c1'), ms: 1000 }]);
    expect(d.phase('c1')).toBe('ringing');
    expect(d.send({ type: 'timer', key: contactTimer('c1') })).toEqual([{ kind: 'accept', contactId: 'c1', tenantSlug: 'sakura-denki' }]);
    expect(d.send(ok('accept', 'c1'))).toEqual([{ kind: 'set_timer', key: contactTimer('c1'), ms: 5000 }]);
    expect(d.phase('c1')).toBe('talking');
    expect(d.send({ type: 'timer', key: contactTimer('c1') })).toEqual([{ kind: 'end', contactId: 'c1', tenantSlug: 'sakura-denki' }]);
    expect(d.send(ok('end', 'c1', me('available', [work('c1', 'wrap_up')])))).toEqual([{ kind: 'set_timer', key: contactTimer('c1'), ms: 2000 }]);
    expect(d.phase('c1')).toBe('acw');
    expect(d.send({ type: 'timer', key: contactTimer('c1') })).toEqual([{ kind: 'wrap_up', contactId: 'c1', tenantSlug: 'sakura-denki', disposition: 'resolved' }]);
    expect(d.send(ok('wrap_up', 'c1'))).toEqual([]);
    expect(d.state.contacts).toEqual({});
    expect(d.state.finished).toEqual(['c1']);
  });

  it('skips ACW when the queue has none (no wrap-up slot after the end) and when ACW samples to 0', () => {
    const d = readyAgent();
    d.send({ type: 'offer', work: work('c1') });
    d.send({ type: 'timer', key: contactTimer('c1') });
    d.send(ok('accept', 'c1'));
    d.send({ type: 'timer', key: contactTimer('c1') });
    expect(d.send(ok('end', 'c1', me('available', [])))).toEqual([]);
    expect(d.state.contacts).toEqual({});

    const noAcw = readyAgent(new Driver({ ...dice, acwMs: () => 0 }));
    noAcw.send({ type: 'offer', work: work('c2') });
    noAcw.send({ type: 'timer', key: contactTimer('c2') });
    noAcw.send(ok('accept', 'c2'));
    noAcw.send({ type: 'timer', key: contactTimer('c2') });
    expect(noAcw.send(ok('end', 'c2'))).toEqual([{ kind: 'wrap_up', contactId: 'c2', tenantSlug: 'sakura-denki', disposition: 'resolved' }]);
  });

  it('drops an offer cancelled while ringing, and one whose accept is refused', () => {
    const d = readyAgent();
    d.send({ type: 'offer', work: work('c1') });
    expect(d.send({ type: 'offer_cancelled', contactId: 'c1' })).toEqual([{ kind: 'cancel_timer', key: contactTimer('c1') }]);
    expect(d.state.contacts).toEqual({});
    // the timer firing late is ignored
    expect(d.send({ type: 'timer', key: contactTimer('c1') })).toEqual([]);

    d.send({ type: 'offer', work: work('c2') });
    d.send({ type: 'timer', key: contactTimer('c2') });
    expect(d.send(fail('accept', 'c2'))).toEqual([]);
    expect(d.state.contacts).toEqual({});
  });

  it('retries a transient failure of end and wrap-up, and gives up on a refusal', () => {
    const d = readyAgent();
    d.send({ type: 'offer', work: work('c1') });
    d.send({ type: 'timer', key: contactTimer('c1') });
    d.send(ok('accept', 'c1'));
    d.send({ type: 'timer', key: contactTimer('c1') });
    expect(d.send(fail('end', 'c1', true))).toEqual([{ kind: 'set_timer', key: contactTimer('c1'), ms: RETRY_MS }]);
    expect(d.phase('c1')).toBe('talking');
    d.send({ type: 'timer', key: contactTimer('c1') });
    d.send(ok('end', 'c1'));
    d.send({ type: 'timer', key: contactTimer('c1') });
    expect(d.send(fail('wrap_up', 'c1', true))).toEqual([{ kind: 'set_timer', key: contactTimer('c1'), ms: RETRY_MS }]);
    d.send({ type: 'timer', key: contactTimer('c1') });
    expect(d.send(fail('wrap_up', 'c1'))).toEqual([]); // the wrap-up limit ended it first
    expect(d.state.contacts).toEqual({});
  });

  it('adopts work from a snapshot after a reconnect, but never revives finished contacts', () => {
    const d = readyAgent();
    d.send({ type: 'disconnected' });
    expect(d.state.online).toBe(false);
    const cmds = d.send({ type: 'snapshot', me: me('available', [work('a'), work('b', 'connected'), work('c', 'wrap_up')]) });
    expect(cmds).toEqual([
      { kind: 'set_timer', key: contactTimer('a'), ms: 1000 },
      { kind: 'set_timer', key: contactTimer('b'), ms: 5000 },
      { kind: 'set_timer', key: contactTimer('c'), ms: 2000 },
    ]);
    expect([d.phase('a'), d.phase('b'), d.phase('c')]).toEqual(['ringing', 'talking', 'acw']);
    // the same snapshot again (a `me` frame) changes nothing
    expect(d.send({ type: 'snapshot', me: me('available', [work('a'), work('b', 'connected'), work('c', 'wrap_up')]) })).toEqual([]);
    d.send({ type: 'timer', key: contactTimer('c') });
    d.send(ok('wrap_up', 'c'));
    // a stale frame still listing c does not bring it back
    expect(d.send({ type: 'snapshot', me: me('available', [work('c', 'wrap_up')]) })).toEqual([]);
    expect(d.phase('c')).toBeNull();
    // duplicate offer frame of a contact already held: ignored
    expect(d.send({ type: 'offer', work: work('a') })).toEqual([]);
  });

  it('starts ACW when the caller hangs up while talking (the server lists the call in wrap-up), and only then', () => {
    const d = readyAgent();
    d.send({ type: 'offer', work: work('v') });
    d.send({ type: 'timer', key: contactTimer('v') });
    d.send(ok('accept', 'v'));
    expect(d.phase('v')).toBe('talking');
    // a stale frame still showing the call connected changes nothing
    expect(d.send({ type: 'snapshot', me: me('available', [work('v', 'connected')]) })).toEqual([]);
    expect(d.send({ type: 'snapshot', me: me('available', [work('v', 'wrap_up')]) })).toEqual([
      { kind: 'cancel_timer', key: contactTimer('v') },
      { kind: 'set_timer', key: contactTimer('v'), ms: 2000 },
    ]);
    expect(d.phase('v')).toBe('acw');
    // the same frame again: already in ACW
    expect(d.send({ type: 'snapshot', me: me('available', [work('v', 'wrap_up')]) })).toEqual([]);
    expect(d.send({ type: 'timer', key: contactTimer('v') })).toEqual([{ kind: 'wrap_up', contactId: 'v', tenantSlug: 'sakura-denki', disposition: 'resolved' }]);
  });

  it('goes ready again after a missed offer or a break, and backs off when ready is refused', () => {
    const d = readyAgent();
    expect(d.send({ type: 'snapshot', me: me('missed') })).toEqual([{ kind: 'presence', change: 'ready', reason: null }]);
    expect(d.send({ type: 'result', request: { kind: 'presence', change: 'ready' }, ok: false })).toEqual([{ kind: 'set_timer', key: PRESENCE_TIMER, ms: RETRY_MS }]);
    // no second request while backing off
    expect(d.send({ type: 'snapshot', me: me('missed') })).toEqual([]);
    expect(d.send({ type: 'timer', key: PRESENCE_TIMER })).toEqual([{ kind: 'presence', change: 'ready', reason: null }]);
    expect(d.send(presenceOk('ready', me('available')))).toEqual([]);
    // one request at a time
    expect(d.send({ type: 'snapshot', me: me('break') })).toEqual([{ kind: 'presence', change: 'ready', reason: null }]);
    expect(d.send({ type: 'snapshot', me: me('break') })).toEqual([]);
  });

  it('handles several chats at once, each on its own timers', () => {
    const d = readyAgent();
    d.send({ type: 'offer', work: work('x', 'offered', 'chat') });
    d.send({ type: 'offer', work: work('y', 'offered', 'chat') });
    d.send({ type: 'timer', key: contactTimer('y') });
    expect(d.phase('x')).toBe('ringing');
    expect(d.phase('y')).toBe('accepting');
    d.send(ok('accept', 'y'));
    d.send({ type: 'timer', key: contactTimer('x') });
    d.send(ok('accept', 'x'));
    expect([d.phase('x'), d.phase('y')]).toEqual(['talking', 'talking']);
  });

  it('drains: rejects ringing offers, ends calls, wraps up at once, takes a break, then logs out', () => {
    const d = readyAgent();
    d.send({ type: 'offer', work: work('ring') });
    d.send({ type: 'offer', work: work('talk') });
    d.send({ type: 'timer', key: contactTimer('talk') });
    d.send(ok('accept', 'talk'));
    d.send({ type: 'offer', work: work('acw', 'offered', 'chat') });
    d.send({ type: 'timer', key: contactTimer('acw') });
    d.send(ok('accept', 'acw'));
    d.send({ type: 'timer', key: contactTimer('acw') });
    d.send(ok('end', 'acw'));
    expect(d.phase('acw')).toBe('acw');

    const cmds = d.send({ type: 'drain' });
    expect(cmds).toEqual([
      { kind: 'cancel_timer', key: contactTimer('ring') },
      { kind: 'reject', contactId: 'ring', tenantSlug: 'sakura-denki' },
      { kind: 'cancel_timer', key: contactTimer('talk') },
      { kind: 'end', contactId: 'talk', tenantSlug: 'sakura-denki' },
      { kind: 'cancel_timer', key: contactTimer('acw') },
      { kind: 'wrap_up', contactId: 'acw', tenantSlug: 'sakura-denki', disposition: 'resolved' },
      { kind: 'presence', change: 'break', reason: 'lunch' },
    ]);
    expect(d.send(presenceOk('break'))).toEqual([]);
    // a new offer while draining is rejected
    expect(d.send({ type: 'offer', work: work('late') })).toEqual([{ kind: 'reject', contactId: 'late', tenantSlug: 'sakura-denki' }]);
    d.send(ok('reject', 'ring'));
    d.send(fail('reject', 'late'));
    expect(d.send(ok('end', 'talk'))).toEqual([{ kind: 'wrap_up', contactId: 'talk', tenantSlug: 'sakura-denki', disposition: 'resolved' }]);
    d.send(ok('wrap_up', 'acw'));
    expect(d.send(ok('wrap_up', 'talk'))).toEqual([{ kind: 'presence', change: 'logout', reason: null }]);
    expect(d.send(presenceOk('logout'))).toEqual([{ kind: 'stopped' }]);
    expect(d.state.mode).toBe('stopped');
    expect(d.send({ type: 'offer', work: work('after') })).toEqual([]);
  });

  it('drains even when the break is refused', () => {
    const d = readyAgent();
    expect(d.send({ type: 'drain' })).toEqual([{ kind: 'presence', change: 'break', reason: 'lunch' }]);
    expect(d.send({ type: 'result', request: { kind: 'presence', change: 'break' }, ok: false })).toEqual([{ kind: 'presence', change: 'logout', reason: null }]);
  });

  it('never mutates its input state', () => {
    const d = readyAgent();
    const before = d.state;
    const frozen = JSON.stringify(before);
    stepAgent(before, { type: 'offer', work: work('c1') }, dice);
    stepAgent(before, { type: 'drain' }, dice);
    expect(JSON.stringify(before)).toBe(frozen);
  });
});

describe('createAgentDice', () => {
  it('samples handle and ACW with the configured means, deterministically per agent', () => {
    const params = resolveSimParams({ seed: 5, handleMeanSec: 120, acwMeanSec: 20, answerDelaySec: '1,3' });
    const a = createAgentDice(params, 1);
    const n = 50_000;
    let h = 0, w = 0, r = 0;
    for (let i = 0; i < n; i++) {
      h += a.handleMs('voice');
      w += a.acwMs('voice');
      const delay = a.answerDelayMs('voice');
      expect(delay).toBeGreaterThanOrEqual(1000);
      expect(delay).toBeLessThanOrEqual(3000);
      r += delay;
    }
    expect(h / n / 120_000).toBeGreaterThan(0.98);
    expect(h / n / 120_000).toBeLessThan(1.02);
    expect(w / n / 20_000).toBeGreaterThan(0.98);
    expect(w / n / 20_000).toBeLessThan(1.02);
    expect(r / n / 2000).toBeCloseTo(1, 1);
    const b1 = createAgentDice(params, 2);
    const b2 = createAgentDice(params, 2);
    const seq = (x: SimAgentDice) => Array.from({ length: 5 }, () => x.handleMs('voice'));
    expect(seq(b1)).toEqual(seq(b2));
    expect(seq(createAgentDice(params, 3))).not.toEqual(seq(createAgentDice(params, 2)));
    expect(createAgentDice(resolveSimParams({ acwMeanSec: 0 }), 1).acwMs('voice')).toBe(0);
    expect(a.disposition([])).toBeNull();
  });
});
