import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_CONTACT_TALLY,
  classifyContact,
  computeContactMetrics,
  computeWaitingAt,
  contactMetricsFromTally,
  mergeContactTallies,
  tallyContacts,
  type ContactRecord,
} from './contact-metrics.js';
import { MIN, SEC, arbContactRecords, contact, jst, ms } from './metrics-test-kit.js';

const T0 = jst('2026-04-01T10:00:00');

/**
 * The worked example of docs/metrics.md. Queue "support", T = 20 s. Seconds after 10:00:00 JST.
 *
 * | id  | offered | answered | ended | wrap-up end | reason      | wait | talk | ACW |
 * |-----|---------|----------|-------|-------------|-------------|------|------|-----|
 * | c1  | 0       | 10       | 190   | 220         | answered    | 10   | 180  | 30  |
 * | c2  | 5       | 35       | 275   | 275         | answered    | 30   | 240  | 0   |
 * | c3  | 20      | –        | 23    | –           | abandoned   | 3    |      |     |
 * | c4  | 30      | –        | 45    | –           | abandoned   | 15   |      |     |
 * | c5  | 40      | –        | 100   | –           | abandoned   | 60   |      |     |
 * | c6  | 50      | 70       | 170   | (in ACW)    | answered    | 20   | (100, not handled yet) |
 * | c7  | 60      | 75       | 135   | 165         | transferred | 15   | 60   | 30  |
 * | c8  | 80      | –        | 110   | –           | transferred | 30   | (moved away unanswered) |
 * | c9  | 90      | –        | –     | –           | (waiting)   |      |      |     |
 * | c10 | 95      | –        | 95    | –           | closed      |      | (closed-hours reply) |
 */
const EXAMPLE: readonly ContactRecord[] = [
  contact('c1', T0, { offered: 0, answered: 10, ended: 190, wrapUpEnded: 220, reason: 'answered' }),
  contact('c2', T0, { offered: 5, answered: 35, ended: 275, wrapUpEnded: 275, reason: 'answered' }),
  contact('c3', T0, { offered: 20, ended: 23, reason: 'abandoned' }),
  contact('c4', T0, { offered: 30, ended: 45, reason: 'abandoned' }),
  contact('c5', T0, { offered: 40, ended: 100, reason: 'abandoned' }),
  contact('c6', T0, { offered: 50, answered: 70, ended: 170, reason: 'answered' }),
  contact('c7', T0, { offered: 60, answered: 75, ended: 135, wrapUpEnded: 165, reason: 'transferred' }),
  contact('c8', T0, { offered: 80, ended: 110, reason: 'transferred' }),
  contact('c9', T0, { offered: 90 }),
  contact('c10', T0, { offered: 95, ended: 95, reason: 'closed' }),
];

describe('computeContactMetrics — the hand-computed example', () => {
  it('counts, rates and averages without a short-abandon threshold', () => {
    const sut = computeContactMetrics({ records: EXAMPLE, serviceLevelSec: 20 });
    // answered: c1 c2 c6 c7 = 4 (c7 was answered here before its transfer)
    // abandoned: c3 c4 c5 = 3; transferred out unanswered: c8 = 1; still waiting: c9 = 1
    // offered = 4 + 3 + 1 + 1 = 9; c10 (closed, never queued) is not offered
    expect(sut).toMatchObject({ offered: 9, answered: 4, abandoned: 3, shortAbandoned: 0, transferredOut: 1, inQueue: 1, closedUnanswered: 1, inconsistent: 0 });
    expect(sut.answerRate).toBeCloseTo(4 / 9, 12); // 0.444…
    expect(sut.abandonRate).toBeCloseTo(3 / 9, 12); // 0.333…
    // answered within 20 s (wait ≤ 20): c1 (10), c6 (20, exactly T), c7 (15) = 3; c2 waited 30
    // abandoned after 20 s: c5 (60) = 1; c3 (3) and c4 (15) hung up within T
    // default SL = 3 / (4 + 1) = 0.6
    expect(sut.answeredWithinSl).toBe(3);
    expect(sut.abandonedAfterSl).toBe(1);
    expect(sut.serviceLevelFormula).toBe('answered_plus_late_abandons');
    expect(sut.serviceLevel).toBe(0.6);
    // ASA = (10 + 30 + 20 + 15) / 4 = 75 / 4 = 18.75 s
    expect(sut.asaMs).toBe(18_750);
    // handled (talk and ACW finished): c1, c2, c7 = 3 (c6 is still in 後処理)
    // talk = 180 + 240 + 60 = 480 s → 160 s; ACW = 30 + 0 + 30 = 60 s → 20 s; AHT = 540 / 3 = 180 s
    expect(sut.handled).toBe(3);
    expect(sut.avgTalkMs).toBe(160_000);
    expect(sut.avgAcwMs).toBe(20_000);
    expect(sut.ahtMs).toBe(180_000);
    // longest finished wait: c5 abandoned after 60 s
    expect(sut.maxWaitMs).toBe(60_000);
  });

  it('service level over offered: 3 / 9', () => {
    const sut = computeContactMetrics({ records: EXAMPLE, serviceLevelSec: 20, serviceLevelFormula: 'offered' });
    expect(sut.serviceLevel).toBeCloseTo(3 / 9, 12);
  });

  it('a 5 s short-abandon threshold drops c3 (3 s) from offered and abandoned', () => {
    const sut = computeContactMetrics({ records: EXAMPLE, serviceLevelSec: 20, shortAbandonSec: 5 });
    // offered 9 − 1 = 8, abandoned 3 − 1 = 2
    expect(sut).toMatchObject({ offered: 8, abandoned: 2, shortAbandoned: 1 });
    expect(sut.answerRate).toBe(0.5); // 4 / 8
    expect(sut.abandonRate).toBe(0.25); // 2 / 8
    expect(sut.serviceLevel).toBe(0.6); // 3 / (4 + 1): c3 was within T anyway
    expect(computeContactMetrics({ records: EXAMPLE, serviceLevelSec: 20, shortAbandonSec: 5, serviceLevelFormula: 'offered' }).serviceLevel).toBe(0.375); // 3 / 8
  });

  it('short abandon is strictly below the threshold: a 15 s abandon with a 15 s threshold stays', () => {
    const sut = computeContactMetrics({ records: EXAMPLE, serviceLevelSec: 20, shortAbandonSec: 15 });
    // c3 (3 s) is short; c4 (15 s) is not (15 < 15 is false)
    expect(sut.shortAbandoned).toBe(1);
    expect(sut.abandoned).toBe(2);
  });

  it('T changes which answers count: with T = 30, c2 (30 s) is within and c5 (60 s) still late', () => {
    const sut = computeContactMetrics({ records: EXAMPLE, serviceLevelSec: 30 });
    // within: c1 c2 c6 c7 = 4; late abandons: c5 = 1 → 4 / 5
    expect(sut.serviceLevel).toBe(0.8);
  });
});

describe('edge cases', () => {
  it('an empty interval has null rates and averages, not NaN and not 0', () => {
    const sut = computeContactMetrics({ records: [], serviceLevelSec: 20 });
    expect(sut.offered).toBe(0);
    for (const key of ['answerRate', 'abandonRate', 'serviceLevel', 'asaMs', 'ahtMs', 'avgTalkMs', 'avgAcwMs', 'maxWaitMs'] as const) {
      expect(sut[key], key).toBeNull();
    }
  });

  it('only closed-hours contacts: nothing offered, rates null', () => {
    const sut = computeContactMetrics({ records: [contact('x', T0, { offered: 0, ended: 0, reason: 'closed' })], serviceLevelSec: 20 });
    expect(sut.offered).toBe(0);
    expect(sut.closedUnanswered).toBe(1);
    expect(sut.answerRate).toBeNull();
  });

  it('everything abandoned: 応答率 0, 放棄率 1, SL 0 when someone waited past T, ASA and AHT null', () => {
    const records = [contact('a', T0, { offered: 0, ended: 10, reason: 'abandoned' }), contact('b', T0, { offered: 0, ended: 45, reason: 'abandoned' })];
    const sut = computeContactMetrics({ records, serviceLevelSec: 20 });
    expect(sut).toMatchObject({ offered: 2, answered: 0, abandoned: 2, answerRate: 0, abandonRate: 1, asaMs: null, ahtMs: null, maxWaitMs: 45_000 });
    // default SL = 0 / (0 + 1): b waited 45 s > 20 s
    expect(sut.serviceLevel).toBe(0);
  });

  it('everything abandoned within T: the default SL has no denominator (null), the offered SL is 0', () => {
    const records = [contact('a', T0, { offered: 0, ended: 10, reason: 'abandoned' })];
    expect(computeContactMetrics({ records, serviceLevelSec: 20 }).serviceLevel).toBeNull();
    expect(computeContactMetrics({ records, serviceLevelSec: 20, serviceLevelFormula: 'offered' }).serviceLevel).toBe(0);
  });

  it('all short abandons: offered 0 and null rates', () => {
    const records = [contact('a', T0, { offered: 0, ended: 2, reason: 'abandoned' })];
    const sut = computeContactMetrics({ records, serviceLevelSec: 20, shortAbandonSec: 5 });
    expect(sut).toMatchObject({ offered: 0, abandoned: 0, shortAbandoned: 1, answerRate: null, abandonRate: null });
  });

  it('a transfer counts once in each queue it entered', () => {
    // Answered in "support" after 10 s, transferred at 70 s to "billing", answered there after 5 s.
    const legs = [
      contact('t', T0, { offered: 0, answered: 10, ended: 70, wrapUpEnded: 80, reason: 'transferred', queue: 'support' }),
      contact('t', T0, { offered: 70, answered: 75, ended: 200, wrapUpEnded: 230, reason: 'answered', queue: 'billing' }),
    ];
    const support = computeContactMetrics({ records: legs.filter((l) => l.queueId === 'support'), serviceLevelSec: 20 });
    const billing = computeContactMetrics({ records: legs.filter((l) => l.queueId === 'billing'), serviceLevelSec: 20 });
    expect(support).toMatchObject({ offered: 1, answered: 1, asaMs: 10_000, ahtMs: 70_000 }); // talk 60 + ACW 10
    expect(billing).toMatchObject({ offered: 1, answered: 1, asaMs: 5_000, ahtMs: 155_000 }); // talk 125 + ACW 30
  });

  it('clock skew (answered before offered) is clamped to a 0 s wait', () => {
    const r = contact('s', T0, { offered: 5, answered: 3, ended: 10, wrapUpEnded: 10, reason: 'answered' });
    expect(computeContactMetrics({ records: [r], serviceLevelSec: 20 }).asaMs).toBe(0);
  });

  it('answeredAt decides answered; endReason "answered" without answeredAt is inconsistent and left out', () => {
    const bad = contact('bad', T0, { offered: 0, ended: 30, reason: 'answered' });
    expect(classifyContact(bad)).toBe('inconsistent');
    expect(computeContactMetrics({ records: [bad], serviceLevelSec: 20 })).toMatchObject({ offered: 0, inconsistent: 1 });
    const talking = contact('talking', T0, { offered: 0, answered: 4 });
    expect(classifyContact(talking)).toBe('answered');
    expect(computeContactMetrics({ records: [talking], serviceLevelSec: 20 })).toMatchObject({ answered: 1, handled: 0, asaMs: 4_000, ahtMs: null });
  });
});

describe('computeWaitingAt', () => {
  it('at 10:01:40 (t0 + 100 s): c8 (20 s) and c9 (10 s) wait; c5 abandoned exactly then', () => {
    // c5 ended at 100 (ended ≤ at → gone); c8 is transferred away only at 110; c9 waits since 90
    expect(computeWaitingAt({ records: EXAMPLE, at: ms(T0 + 100 * SEC) })).toEqual({ waiting: 2, longestWaitMs: 20_000, longestWaitingContactId: 'c8' });
  });

  it('at t0 + 50 s: c5 (10 s) and c6 (0 s, offered this instant) wait', () => {
    expect(computeWaitingAt({ records: EXAMPLE, at: ms(T0 + 50 * SEC) })).toEqual({ waiting: 2, longestWaitMs: 10_000, longestWaitingContactId: 'c5' });
  });

  it('nobody waiting: null longest wait', () => {
    expect(computeWaitingAt({ records: EXAMPLE, at: ms(T0 - MIN) })).toEqual({ waiting: 0, longestWaitMs: null, longestWaitingContactId: null });
  });
});

describe('properties', () => {
  const arb = arbContactRecords(jst('2026-04-01T22:00:00'), 4 * 60 * MIN);
  const arbOptions = fc.record({
    serviceLevelSec: fc.constantFrom(0, 10, 20, 30, 60),
    shortAbandonSec: fc.constantFrom(0, 3, 5, 10),
    serviceLevelFormula: fc.constantFrom('answered_plus_late_abandons' as const, 'offered' as const),
  });

  it('rates are null or within [0, 1]; answered + abandoned ≤ offered; the classes partition the input', () => {
    fc.assert(
      fc.property(arb, arbOptions, (records, options) => {
        const m = computeContactMetrics({ records, ...options });
        for (const rate of [m.answerRate, m.abandonRate, m.serviceLevel]) {
          if (rate !== null) {
            expect(rate).toBeGreaterThanOrEqual(0);
            expect(rate).toBeLessThanOrEqual(1);
          }
        }
        expect(m.answered + m.abandoned).toBeLessThanOrEqual(m.offered);
        expect(m.answered + m.abandoned + m.transferredOut + m.inQueue).toBe(m.offered);
        expect(m.offered + m.shortAbandoned + m.closedUnanswered + m.inconsistent).toBe(records.length);
        expect(m.answerRate === null).toBe(m.offered === 0);
      }),
    );
  });

  it('AHT = average talk + average ACW, and ASA ≤ the longest wait', () => {
    fc.assert(
      fc.property(arb, (records) => {
        const m = computeContactMetrics({ records, serviceLevelSec: 20 });
        if (m.ahtMs === null) expect(m.handled).toBe(0);
        else expect(m.ahtMs).toBeCloseTo((m.avgTalkMs ?? NaN) + (m.avgAcwMs ?? NaN), 6);
        if (m.asaMs !== null) expect(m.asaMs).toBeLessThanOrEqual(m.maxWaitMs ?? -1);
      }),
    );
  });

  it('merging the tallies of any split equals the tally of the whole', () => {
    fc.assert(
      fc.property(arb, fc.array(fc.nat({ max: 3 }), { minLength: 60, maxLength: 60 }), arbOptions, (records, parts, options) => {
        const groups: ContactRecord[][] = [[], [], [], []];
        records.forEach((r, i) => groups[parts[i] ?? 0]?.push(r));
        const merged = mergeContactTallies(groups.map((g) => tallyContacts({ records: g, ...options })));
        expect(merged).toEqual(tallyContacts({ records, ...options }));
        expect(contactMetricsFromTally(merged, options)).toEqual(computeContactMetrics({ records, ...options }));
      }),
    );
  });

  it('merging nothing is the empty tally', () => {
    expect(mergeContactTallies([])).toEqual(EMPTY_CONTACT_TALLY);
  });
});
