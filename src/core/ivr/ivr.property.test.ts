/**
 * Every flow that validates ends, whatever the caller keys in: random flows (valid by
 * construction, and arbitrary ones that happen to validate), random key sequences, random lookup
 * answers and business hours. After every step: the input state is unchanged, payment digits are
 * nowhere in the state, and a waiting call waits at an input or lookup node.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startIvrCall, stepIvrCall } from './ivr-interpreter.js';
import { validateIvrFlow } from './ivr-validator.js';
import { DTMF_KEYS, IVR_LIMITS, ivrLinksOf, ivrNodeIndex, type IvrEvent, type IvrFlow, type IvrNode } from './ivr.types.js';

const TYPES = ['say', 'menu', 'gather', 'lookup', 'hours', 'branch', 'set', 'enqueue', 'voicemail', 'callback', 'transfer', 'hangup'] as const;
const TERMINALS = ['enqueue', 'voicemail', 'callback', 'transfer', 'hangup'] as const;
const PAYMENT = '4111111111111111';

/** A node of `type` whose links come from `link(k)` (the k-th link of the node). */
function nodeOf(type: (typeof TYPES)[number], id: string, link: (k: number) => string, r: number[]): IvrNode {
  const pick = <T>(xs: readonly T[], k: number) => xs[r[k]! % xs.length]!;
  switch (type) {
    case 'say': return { type, id, text: `案内 ${id}`, next: link(0) };
    case 'set': return { type, id, priority: r[0]! % 5, next: link(0) };
    case 'menu': {
      const keys = DTMF_KEYS.slice(0, 1 + (r[1]! % 4));
      return { type, id, prompt: `メニュー ${id}`, options: keys.map((key, k) => ({ key, next: link(k + 1) })), timeoutSec: 5, retries: r[2]! % 3, onFail: link(0) };
    }
    case 'gather':
      return { type, id, prompt: `番号 ${id}`, into: pick(['serial', 'phone', 'member', 'payment'] as const, 3), minDigits: 2, maxDigits: 16, timeoutSec: 5, retries: r[2]! % 3, next: link(1), onFail: link(0) };
    case 'lookup': return { type, id, by: pick(['caller', 'serial', 'phone', 'member'] as const, 3), found: link(0), notFound: link(1) };
    case 'hours': return { type, id, calendar: pick(['qa', 'qb'], 3), open: link(0), closed: link(1) };
    case 'branch': return { type, id, attribute: 'vip', equals: true, then: link(0), else: link(1) };
    case 'enqueue': return { type, id, queueId: 'q' };
    case 'voicemail': return { type, id, prompt: '録音', maxSec: 60, queueId: 'q' };
    case 'callback': return { type, id, text: '折り返します', queueId: 'q' };
    case 'transfer': return { type, id, number: '0312345678' };
    case 'hangup': return { type, id };
  }
}

const arbSpec = fc.array(fc.record({ type: fc.constantFrom(...TYPES), links: fc.array(fc.nat(), { minLength: 6, maxLength: 6 }), r: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }) }), { minLength: 1, maxLength: 14 });

/**
 * Valid by construction: links point forward (so every path reaches the last node, a terminal),
 * except a menu's options and a gather's `next`, which may point anywhere (every loop passes the
 * input node it starts from). Nodes the start cannot reach are dropped.
 */
const arbValidFlow = arbSpec.map((spec) => {
  const n = spec.length;
  const nodes = spec.map((s, i) => {
    const type = i === n - 1 ? TERMINALS[s.r[0]! % TERMINALS.length]! : s.type;
    const forward = (k: number) => `n${i + 1 + (s.links[k]! % Math.max(1, n - i - 1))}`;
    const anywhere = (k: number) => `n${s.links[k]! % n}`;
    const backOk = type === 'menu' || type === 'gather';
    return nodeOf(type, `n${i}`, (k) => (backOk && k >= 1 ? anywhere(k) : forward(k)), s.r);
  });
  const flow: IvrFlow = { start: 'n0', nodes };
  const byId = ivrNodeIndex(flow);
  const seen = new Set(['n0']);
  const todo = ['n0'];
  while (todo.length) {
    for (const l of ivrLinksOf(byId.get(todo.pop()!)!)) {
      if (seen.has(l.next)) continue;
      seen.add(l.next);
      todo.push(l.next);
    }
  }
  return { start: 'n0', nodes: nodes.filter((x) => seen.has(x.id)) };
});

/** Anything: links to any node, or to none. */
const arbAnyFlow = arbSpec.map((spec) => ({
  start: 'n0',
  nodes: spec.map((s, i) => nodeOf(s.type, `n${i}`, (k) => `n${s.links[k]! % (spec.length + 1)}`, s.r)),
}));

const arbCaller = fc.array(
  fc.oneof(
    fc.constantFrom(...DTMF_KEYS).map((digits): IvrEvent => ({ type: 'digits', digits })),
    fc.constantFrom('12', '12345678#', `${PAYMENT}#`, '', '*#').map((digits): IvrEvent => ({ type: 'digits', digits })),
    fc.constant<IvrEvent>({ type: 'timeout' }),
  ),
  { minLength: 1, maxLength: 40 },
);
const arbWorld = fc.record({ open: fc.boolean(), found: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), hangupAt: fc.option(fc.nat(200), { nil: null }) });

/** Runs a call: the caller's events in a loop, the lookups answered by the world. Returns the events it took. */
function runCall(flow: IvrFlow, caller: IvrEvent[], world: { open: boolean; found: boolean[]; hangupAt: number | null }): number {
  const env = { isOpen: (calendar: string) => (calendar === 'qa' ? world.open : !world.open) };
  const started = startIvrCall(flow, { from: '0312345678', to: '0120000000' }, env);
  if (!started.ok) throw new Error(started.message);
  let state = started.state;
  const byId = ivrNodeIndex(flow);
  const bound = (IVR_LIMITS.maxPrompts + 1) * (flow.nodes.length + 1);
  let events = 0;
  let lookups = 0;
  while (state.status !== 'ended') {
    if (events > bound) throw new Error(`no end after ${events} events`);
    const waitingAt = byId.get(state.nodeId)!;
    expect(state.status === 'waiting_lookup' ? waitingAt.type === 'lookup' : ['menu', 'gather'].includes(waitingAt.type)).toBe(true);
    const event: IvrEvent =
      world.hangupAt === events ? { type: 'hangup' }
      : state.status === 'waiting_lookup' ? { type: 'lookup_result', found: world.found[lookups++ % world.found.length]!, customerId: 'c', attributes: { vip: lookups % 2 === 0 } }
      : caller[events % caller.length]!;
    const before = JSON.stringify(state);
    const r = stepIvrCall(flow, state, event, env);
    if (!r.ok) throw new Error(`${r.error}: ${r.message}`);
    expect(JSON.stringify(state)).toBe(before);
    expect(JSON.stringify(r.state)).not.toContain(PAYMENT);
    state = r.state;
    events++;
  }
  return events;
}

describe('IVR flows (properties)', () => {
  it('a flow built valid validates, and ends for every sequence of keys', () => {
    fc.assert(
      fc.property(arbValidFlow, arbCaller, arbWorld, (flow, caller, world) => {
        expect(validateIvrFlow(flow)).toEqual([]);
        runCall(flow, caller, world);
      }),
      { numRuns: 400 },
    );
  });

  it('any flow that validates ends for every sequence of keys (and some do)', () => {
    let valid = 0;
    fc.assert(
      fc.property(arbAnyFlow, arbCaller, arbWorld, (flow, caller, world) => {
        if (validateIvrFlow(flow).length > 0) {
          expect(startIvrCall(flow, { from: '1', to: '2' }, { isOpen: () => true }).ok).toBe(false);
          return;
        }
        valid++;
        runCall(flow, caller, world);
      }),
      { numRuns: 1500 },
    );
    expect(valid).toBeGreaterThan(20);
  });
});
