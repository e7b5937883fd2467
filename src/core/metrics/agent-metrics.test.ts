import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AgentActivity, AgentId } from '../routing/routing.types.js';
import {
  computeAgentStateTimes,
  computeAgentStatesAt,
  countAgentsByActivity,
  sumAgentStateTimes,
  type AgentStateChange,
  type AgentStateTimes,
} from './agent-metrics.js';
import { MIN, jst, ms } from './metrics-test-kit.js';

const aid = (s: string): AgentId => s as AgentId;
const change = (agent: string, local: string, activity: AgentActivity, reason?: string): AgentStateChange => ({
  agentId: aid(agent),
  at: jst(`2026-04-01T${local}`),
  activity,
  ...(reason === undefined ? {} : { reason }),
});

/**
 * Window 09:00–10:00 JST.
 *
 * a1: available since 08:50 (before the window) → 09:10 busy → 09:25 acw → 09:30 available
 *     → 09:35 available again (no-op) → 09:40 break "lunch" → 09:50 available → 09:55 offline
 *   available 09:00–09:10 (10) + 09:30–09:40 (10) + 09:50–09:55 (5) = 25 min
 *   on contact 09:10–09:25 = 15 min; ACW 09:25–09:30 = 5 min; lunch 09:40–09:50 = 10 min
 *   offline 09:55–10:00 = 5 min; total 25 + 15 + 5 + 10 + 5 = 60 ✓
 *   occupancy = (15 + 5) / (15 + 5 + 25) = 20 / 45 = 0.444…
 * a2: no change before the window (offline) → 09:30 available → 09:45 break without a reason
 *   offline 30, available 15, break "unspecified" 15; occupancy = 0 / 15 = 0
 * a3: listed, no changes: offline 60; occupancy null (0 / 0)
 */
const CHANGES: readonly AgentStateChange[] = [
  change('a1', '09:10:00', 'busy'),
  change('a1', '08:50:00', 'available'), // out of order on purpose
  change('a1', '09:25:00', 'acw'),
  change('a1', '09:30:00', 'available'),
  change('a1', '09:35:00', 'available'),
  change('a1', '09:40:00', 'break', 'lunch'),
  change('a1', '09:50:00', 'available'),
  change('a1', '09:55:00', 'offline'),
  change('a2', '09:30:00', 'available'),
  change('a2', '09:45:00', 'break'),
  change('a2', '10:30:00', 'offline'), // after the window: ignored
];
const FROM = jst('2026-04-01T09:00:00');
const TO = jst('2026-04-01T10:00:00');

describe('computeAgentStateTimes — hand-computed', () => {
  const sut = computeAgentStateTimes({ changes: CHANGES, from: FROM, to: TO, agentIds: [aid('a3')] });

  it('a1', () => {
    expect(sut[0]).toEqual({
      agentId: 'a1',
      availableMs: 25 * MIN,
      onContactMs: 15 * MIN,
      acwMs: 5 * MIN,
      breakMs: 10 * MIN,
      breakByReason: { lunch: 10 * MIN },
      missedMs: 0,
      offlineMs: 5 * MIN,
      loggedInMs: 55 * MIN,
      occupancy: 20 / 45,
    });
  });

  it('a2 starts offline (no earlier change) and takes an unspecified break', () => {
    expect(sut[1]).toMatchObject({ agentId: 'a2', offlineMs: 30 * MIN, availableMs: 15 * MIN, breakMs: 15 * MIN, breakByReason: { unspecified: 15 * MIN }, occupancy: 0 });
  });

  it('a3 has no changes: offline all hour, occupancy null', () => {
    expect(sut[2]).toMatchObject({ agentId: 'a3', offlineMs: 60 * MIN, loggedInMs: 0, occupancy: null });
  });

  it('team totals: occupancy = (15 + 5) / (15 + 5 + 25 + 15) = 20 / 60', () => {
    const team = sumAgentStateTimes(sut);
    expect(team).toMatchObject({ agents: 3, availableMs: 40 * MIN, onContactMs: 15 * MIN, acwMs: 5 * MIN, breakMs: 25 * MIN, breakByReason: { lunch: 10 * MIN, unspecified: 15 * MIN } });
    expect(team.occupancy).toBeCloseTo(1 / 3, 12);
  });

  it('break reasons are split; "missed" (unanswered offer) is its own state', () => {
    const rows = computeAgentStateTimes({
      changes: [change('m', '09:00:00', 'break', 'meeting'), change('m', '09:20:00', 'break', 'training'), change('m', '09:30:00', 'missed'), change('m', '09:32:00', 'available')],
      from: FROM,
      to: TO,
    });
    // meeting 20, training 10, missed 2, available 28
    expect(rows[0]).toMatchObject({ breakMs: 30 * MIN, breakByReason: { meeting: 20 * MIN, training: 10 * MIN }, missedMs: 2 * MIN, availableMs: 28 * MIN, occupancy: 0 });
  });

  it('changes at the same instant: the last one in input order wins', () => {
    const rows = computeAgentStateTimes({ changes: [change('x', '09:00:00', 'available'), change('x', '09:00:00', 'busy')], from: FROM, to: TO });
    expect(rows[0]).toMatchObject({ availableMs: 0, onContactMs: 60 * MIN, occupancy: 1 });
  });

  it('an empty window gives zeros and null occupancy', () => {
    expect(computeAgentStateTimes({ changes: CHANGES, from: FROM, to: FROM })[0]).toMatchObject({ availableMs: 0, loggedInMs: 0, occupancy: null });
  });
});

describe('computeAgentStatesAt — the wallboard agent list', () => {
  it('at 09:47: a1 on lunch for 7 min, a2 on break for 2 min, a3 offline (since unknown)', () => {
    const sut = computeAgentStatesAt({ changes: CHANGES, at: jst('2026-04-01T09:47:00'), agentIds: [aid('a3')] });
    expect(sut).toEqual([
      { agentId: 'a1', activity: 'break', reason: 'lunch', since: jst('2026-04-01T09:40:00'), timeInStateMs: 7 * MIN },
      { agentId: 'a2', activity: 'break', reason: 'unspecified', since: jst('2026-04-01T09:45:00'), timeInStateMs: 2 * MIN },
      { agentId: 'a3', activity: 'offline', reason: null, since: null, timeInStateMs: null },
    ]);
    expect(countAgentsByActivity(sut)).toEqual({ offline: 1, available: 0, busy: 0, acw: 0, break: 2, missed: 0 });
  });

  it('a repeated "available" does not reset time in state: at 09:38 a1 is available since 09:30 (8 min)', () => {
    const sut = computeAgentStatesAt({ changes: CHANGES, at: jst('2026-04-01T09:38:00') });
    expect(sut[0]).toMatchObject({ activity: 'available', since: jst('2026-04-01T09:30:00'), timeInStateMs: 8 * MIN });
  });

  it('a change from one break reason to another is a new state', () => {
    const sut = computeAgentStatesAt({
      changes: [change('m', '09:00:00', 'break', 'meeting'), change('m', '09:20:00', 'break', 'training')],
      at: jst('2026-04-01T09:25:00'),
    });
    expect(sut[0]).toMatchObject({ reason: 'training', timeInStateMs: 5 * MIN });
  });
});

describe('properties', () => {
  const ACTIVITIES: AgentActivity[] = ['offline', 'available', 'busy', 'acw', 'break', 'missed'];
  const arbChanges = fc.array(
    fc.record({
      agent: fc.constantFrom('a', 'b', 'c'),
      offset: fc.integer({ min: -30 * MIN, max: 120 * MIN }),
      activity: fc.constantFrom(...ACTIVITIES),
      reason: fc.constantFrom('lunch', 'training', undefined),
    }),
    { maxLength: 40 },
  );
  const toChanges = (rows: { agent: string; offset: number; activity: AgentActivity; reason: string | undefined }[]): AgentStateChange[] =>
    rows.map((r) => ({ agentId: aid(r.agent), at: ms(FROM + r.offset), activity: r.activity, reason: r.reason ?? null }));
  const total = (t: AgentStateTimes): number => t.offlineMs + t.availableMs + t.onContactMs + t.acwMs + t.breakMs + t.missedMs;

  it('states sum to the window; breaks by reason sum to breaks; occupancy is null or in [0, 1]', () => {
    fc.assert(
      fc.property(arbChanges, fc.integer({ min: 0, max: 90 * MIN }), (rows, len) => {
        for (const t of computeAgentStateTimes({ changes: toChanges(rows), from: FROM, to: ms(FROM + len) })) {
          expect(total(t)).toBe(len);
          expect(Object.values(t.breakByReason).reduce((a, b) => a + b, 0)).toBe(t.breakMs);
          if (t.occupancy !== null) {
            expect(t.occupancy).toBeGreaterThanOrEqual(0);
            expect(t.occupancy).toBeLessThanOrEqual(1);
          }
        }
      }),
    );
  });

  it('two adjacent windows add up to the whole window', () => {
    fc.assert(
      fc.property(arbChanges, fc.integer({ min: 0, max: 60 * MIN }), fc.integer({ min: 0, max: 60 * MIN }), (rows, a, b) => {
        const changes = toChanges(rows);
        const mid = ms(FROM + a);
        const end = ms(FROM + a + b);
        const whole = computeAgentStateTimes({ changes, from: FROM, to: end });
        const first = computeAgentStateTimes({ changes, from: FROM, to: mid });
        const second = computeAgentStateTimes({ changes, from: mid, to: end });
        whole.forEach((w, i) => {
          expect(w.availableMs).toBe((first[i]?.availableMs ?? NaN) + (second[i]?.availableMs ?? NaN));
          expect(w.onContactMs).toBe((first[i]?.onContactMs ?? NaN) + (second[i]?.onContactMs ?? NaN));
          expect(w.breakMs).toBe((first[i]?.breakMs ?? NaN) + (second[i]?.breakMs ?? NaN));
        });
      }),
    );
  });

  it('the state at an instant is the state the window accounting is in just after it', () => {
    fc.assert(
      fc.property(arbChanges, fc.integer({ min: 0, max: 90 * MIN }), (rows, offset) => {
        const changes = toChanges(rows);
        const at = ms(FROM + offset);
        const states = computeAgentStatesAt({ changes, at });
        const oneMs = computeAgentStateTimes({ changes, from: at, to: ms(at + 1) });
        states.forEach((s, i) => {
          const t = oneMs[i];
          const key = ({ offline: 'offlineMs', available: 'availableMs', busy: 'onContactMs', acw: 'acwMs', break: 'breakMs', missed: 'missedMs' } as const)[s.activity];
          expect(t?.[key]).toBe(1);
          if (s.timeInStateMs !== null) expect(s.timeInStateMs).toBeGreaterThanOrEqual(0);
        });
      }),
    );
  });
});
