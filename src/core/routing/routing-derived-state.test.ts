/**
 * The state's derived structures always agree with its records: matching trusts them without
 * re-reading every agent (free-agent sets), queue (non-empty set) or timer (the timer set, and
 * `nextDueAt`, which must be exact).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { freeOn } from './free-agents.js';
import { createRoutingState, snapshotRoutingState, step, type RoutingState } from './routing-engine.js';
import { canTake } from './routing-matching.js';
import { nextOverflowAt } from './routing-timers.js';
import { SEC, T0, agentConfig, aid, cid, ev, queueConfig, tid } from './routing-test-kit.js';
import { timersDue } from './timer-set.js';
import { CHANNELS, type Channel, type Millis, type RoutingConfig, type RoutingEvent } from './routing.types.js';

const AGENTS = ['a1', 'a2', 'a3', 'a4'];
const QUEUES = ['q1', 'q2', 'q3'];

const arbConfig = fc
  .record({
    capacities: fc.array(
      fc.record({ voice: fc.integer({ min: 0, max: 1 }), chat: fc.integer({ min: 0, max: 2 }), email: fc.integer({ min: 0, max: 2 }) }),
      { minLength: AGENTS.length, maxLength: AGENTS.length },
    ),
    blocking: fc.array(fc.tuple(fc.boolean(), fc.boolean()), { minLength: AGENTS.length, maxLength: AGENTS.length }),
    wrapUp: fc.array(fc.constantFrom(0, 10, 30), { minLength: QUEUES.length, maxLength: QUEUES.length }),
  })
  .map(
    ({ capacities, blocking, wrapUp }): RoutingConfig => ({
      agents: AGENTS.map((id, i) =>
        agentConfig(id, { capacity: capacities[i], voiceBlocksOthers: blocking[i]?.[0] ?? false, othersBlockVoice: blocking[i]?.[1] ?? false }),
      ),
      queues: QUEUES.map((id, i) =>
        queueConfig(id, {
          offerTimeoutSec: 15,
          wrapUpLimitSec: wrapUp[i] ?? 0,
          overflow: i === 0 ? [{ afterSec: 20, kind: 'add_queue', queueId: 'q2' as never }, { afterSec: 40, kind: 'relax_level', by: 1 }] : [],
        }),
      ),
    }),
  );

type Op =
  | { kind: 'event'; pick: number; variant: number; channel: Channel; dt: number }
  | { kind: 'restore' }
  | { kind: 'reconfigure' };

const arbOp: fc.Arbitrary<Op> = fc.oneof(
  { weight: 20, arbitrary: fc.record({ kind: fc.constant('event' as const), pick: fc.nat(), variant: fc.nat({ max: 9 }), channel: fc.constantFrom<Channel>('voice', 'chat', 'email'), dt: fc.constantFrom(0, 1, 5, 16, 31) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restore' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reconfigure' as const }) },
);

/** An event that usually applies: an agent's presence, an arrival, or something about a live contact. */
function eventOf(state: RoutingState, op: Extract<Op, { kind: 'event' }>, n: number): RoutingEvent {
  const agent = AGENTS[op.pick % AGENTS.length] as string;
  const live = [...state.contacts.values()].sort((a, b) => a.seq - b.seq);
  const c = live[op.pick % Math.max(1, live.length)];
  switch (op.variant) {
    case 0:
      return ev.ready(agent);
    case 1:
      return ev.break(agent);
    case 2:
    case 3:
      return ev.arrive(`c${n}`, QUEUES[op.pick % QUEUES.length] as string, { channel: op.channel });
    case 4:
      return c && c.status.kind === 'offered' ? ev.accept(c.id, c.status.agentId) : ev.tick();
    case 5:
      return c && c.status.kind === 'offered' ? ev.reject(c.id, c.status.agentId) : ev.tick();
    case 6:
      return c ? ev.close(c.id) : ev.tick();
    case 7:
      return c ? ev.hangUp(c.id) : ev.tick();
    case 8:
      return ev.wrapUpDone(agent);
    default:
      return c && c.status.kind === 'waiting' ? ev.transfer(c.id, null, { kind: 'queue', queueId: QUEUES[op.pick % 2] as never }) : ev.logout(agent);
  }
}

function checkDerived(state: RoutingState): void {
  for (const entry of state.index.agentsByOrdinal) {
    const runtime = state.agents.get(entry.config.id);
    if (!runtime) throw new Error('agent missing');
    for (const ch of CHANNELS) expect(freeOn(state.free, ch).has(entry.ordinal), `${entry.config.id} ${ch}`).toBe(canTake(entry.config, runtime, ch));
  }
  for (const q of state.index.queuesByOrdinal) expect(state.nonEmpty.has(q.ordinal)).toBe((state.waiting.get(q.config.id) ?? []).length > 0);
  // The timer set is exactly the timers of the records.
  const want: string[] = [];
  for (const a of state.agents.values()) for (const s of a.slots) if (s.until !== null) want.push(`${s.until} ${a.id} ${s.contactId} ${s.since}`);
  for (const c of state.contacts.values()) {
    const at = c.status.kind === 'waiting' ? nextOverflowAt(state.index, c) : null;
    if (at !== null) want.push(`${at} - ${c.id} 0`);
  }
  const have = timersDue(state.timers, Infinity).map((e) => `${e.at} ${e.agentId ?? '-'} ${e.contactId} ${e.since}`);
  expect([...have].sort()).toEqual([...new Set(want)].sort());
  const earliest = want.map((w) => Number(w.split(' ')[0])).reduce((m, x) => Math.min(m, x), Infinity);
  expect(state.nextDueAt).toBe(earliest === Infinity ? null : earliest);
}

describe('derived state', () => {
  it('free agents, non-empty queues, timers and nextDueAt always match the records', () => {
    fc.assert(
      fc.property(arbConfig, fc.array(arbOp, { maxLength: 120 }), (config, ops) => {
        let state = createRoutingState(config, { now: T0 });
        let now: number = T0;
        ops.forEach((op, n) => {
          if (op.kind === 'restore') {
            const restored = createRoutingState(config, { snapshot: JSON.parse(JSON.stringify(snapshotRoutingState(state))) });
            checkDerived(restored);
            const r = step(restored, ev.tick(), now as Millis);
            state = r.state;
          } else if (op.kind === 'reconfigure') {
            const r = step(state, { type: 'reconfigure', config }, now as Millis);
            state = r.state;
          } else {
            now += op.dt * SEC;
            const r = step(state, eventOf(state, op, n), now as Millis);
            state = r.state;
          }
          checkDerived(state);
        });
      }),
    );
  });

  it('a restored state is complete before its first step', () => {
    const config: RoutingConfig = { agents: [agentConfig('a1')], queues: [queueConfig('q1', { wrapUpLimitSec: 30 })] };
    let state = createRoutingState(config, { now: T0 });
    for (const e of [ev.ready('a1'), ev.arrive('c1', 'q1'), ev.accept('c1', 'a1'), ev.close('c1'), ev.arrive('c2', 'q1', { channel: 'chat' })]) {
      state = step(state, e, T0).state;
    }
    const restored = createRoutingState(config, { snapshot: snapshotRoutingState(state) });
    checkDerived(restored);
    expect(restored.agents.get(aid('a1'))?.slots.map((s) => s.contactId)).toEqual([cid('c1')]);
    expect(restored.contacts.get(cid('c2'))?.tenantId).toBe(tid('t1'));
  });
});
