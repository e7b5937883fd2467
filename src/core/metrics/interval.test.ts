import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeContactTallies, tallyContacts, type ContactRecord } from './contact-metrics.js';
import { bucketContactsByInterval, computeIntervalReport, intervalOf, localDateOf, startOfLocalDay } from './interval.js';
import { MIN, arbContactRecords, contact, jst } from './metrics-test-kit.js';

describe('intervalOf (tenant time zone, JST by default)', () => {
  it('15 min: 23:59:59 JST is in 23:45–24:00 of that JST day', () => {
    const sut = intervalOf({ instant: jst('2026-04-01T23:59:59'), minutes: 15 });
    expect(sut).toEqual({ start: jst('2026-04-01T23:45:00'), end: jst('2026-04-02T00:00:00'), date: '2026-04-01', startTime: '23:45' });
  });

  it('JST midnight starts the next day although UTC is still on the same date (15:00Z)', () => {
    const sut = intervalOf({ instant: jst('2026-04-02T00:00:00'), minutes: 30 });
    expect(sut).toMatchObject({ start: Date.parse('2026-04-01T15:00:00Z'), date: '2026-04-02', startTime: '00:00' });
    expect(localDateOf(jst('2026-04-02T00:00:00'))).toBe('2026-04-02');
    expect(localDateOf(jst('2026-04-02T00:00:00'), 'UTC')).toBe('2026-04-01');
  });

  it('30 and 60 min boundaries', () => {
    expect(intervalOf({ instant: jst('2026-04-01T09:44:59'), minutes: 30 }).startTime).toBe('09:30');
    expect(intervalOf({ instant: jst('2026-04-01T09:59:59.999'), minutes: 60 }).startTime).toBe('09:00');
    expect(intervalOf({ instant: jst('2026-04-01T10:00:00'), minutes: 60 }).startTime).toBe('10:00');
  });

  it('local boundaries in half- and quarter-hour zones: 60 min in India start at :30 UTC', () => {
    const india = intervalOf({ instant: Date.parse('2026-04-01T10:10:00+05:30'), minutes: 60, timeZone: 'Asia/Kolkata' });
    expect(india).toMatchObject({ start: Date.parse('2026-04-01T04:30:00Z'), startTime: '10:00' });
    const nepal = intervalOf({ instant: Date.parse('2026-04-01T10:10:00+05:45'), minutes: 15, timeZone: 'Asia/Kathmandu' });
    expect(nepal).toMatchObject({ start: Date.parse('2026-04-01T10:00:00+05:45'), startTime: '10:00' });
  });

  it('a DST fall-back hour happens twice: two intervals with the same label, distinct instants', () => {
    // 2026-11-01 New York: 01:30 EDT (05:30Z), then clocks go back, 01:30 EST (06:30Z)
    const first = intervalOf({ instant: Date.parse('2026-11-01T05:30:00Z'), minutes: 60, timeZone: 'America/New_York' });
    const second = intervalOf({ instant: Date.parse('2026-11-01T06:30:00Z'), minutes: 60, timeZone: 'America/New_York' });
    expect(first).toMatchObject({ start: Date.parse('2026-11-01T05:00:00Z'), startTime: '01:00' });
    expect(second).toMatchObject({ start: Date.parse('2026-11-01T06:00:00Z'), startTime: '01:00' });
  });

  it('startOfLocalDay: the wallboard\'s "today" begins at JST midnight', () => {
    expect(startOfLocalDay(jst('2026-04-01T08:30:15'))).toBe(Date.parse('2026-03-31T15:00:00Z'));
    expect(startOfLocalDay(jst('2026-04-01T00:00:00'))).toBe(jst('2026-04-01T00:00:00'));
  });
});

/**
 * Worked example (30-minute intervals, JST). support: T = 20 s; billing: T = 30 s.
 *
 * | id | queue   | offered (JST)       | answered | ended  | wrap-up end | outcome                         | interval      |
 * |----|---------|---------------------|----------|--------|-------------|---------------------------------|---------------|
 * | s1 | support | 04-01 09:29:50      | +20 s    | +320 s | +380 s      | answered in 20 s (≤ 20: within) | 09:00 support |
 * | s2 | support | 04-01 09:30:00      | –        | +40 s  | –           | abandoned after 40 s (> 20)     | 09:30 support |
 * | s3 | support | 04-01 09:45:00      | +25 s    | +325 s | +325 s      | answered in 25 s (> 20)         | 09:30 support |
 * | b1 | billing | 04-01 09:40:00      | +25 s    | +265 s | +325 s      | answered in 25 s (≤ 30: within) | 09:30 billing |
 * | b2 | billing | 04-01 23:50:00      | –        | +10 s  | –           | abandoned after 10 s (≤ 30)     | 23:30 billing |
 * | b3 | billing | 04-02 00:05:00      | +5 s     | +305 s | +305 s      | answered in 5 s                 | 00:00 billing (next JST day) |
 *
 * s1 is answered at 09:30:10, in the next interval, but belongs to 09:00 (bucketed by offeredAt).
 */
const RECORDS: readonly ContactRecord[] = [
  contact('s1', jst('2026-04-01T09:29:50'), { offered: 0, answered: 20, ended: 320, wrapUpEnded: 380, reason: 'answered', queue: 'support' }),
  contact('s2', jst('2026-04-01T09:30:00'), { offered: 0, ended: 40, reason: 'abandoned', queue: 'support' }),
  contact('s3', jst('2026-04-01T09:45:00'), { offered: 0, answered: 25, ended: 325, wrapUpEnded: 325, reason: 'answered', queue: 'support' }),
  contact('b1', jst('2026-04-01T09:40:00'), { offered: 0, answered: 25, ended: 265, wrapUpEnded: 325, reason: 'answered', queue: 'billing' }),
  contact('b2', jst('2026-04-01T23:50:00'), { offered: 0, ended: 10, reason: 'abandoned', queue: 'billing' }),
  contact('b3', jst('2026-04-02T00:05:00'), { offered: 0, answered: 5, ended: 305, wrapUpEnded: 305, reason: 'answered', queue: 'billing' }),
];
const SL = { support: 20, billing: 30 };

describe('computeIntervalReport — the hand-computed example', () => {
  const sut = computeIntervalReport({ records: RECORDS, minutes: 30, serviceLevelSecByQueue: SL });

  it('queue × interval rows, sorted by start then queue', () => {
    const rows = sut.queueIntervals.map((r) => [r.date, r.startTime, r.queueId, r.metrics.offered, r.metrics.answered, r.metrics.abandoned, r.metrics.serviceLevel]);
    expect(rows).toEqual([
      // s1: 1 answered within 20 s → SL 1 / (1 + 0) = 1
      ['2026-04-01', '09:00', 'support', 1, 1, 0, 1],
      // b1: within billing's 30 s → 1 / 1
      ['2026-04-01', '09:30', 'billing', 1, 1, 0, 1],
      // s2 late abandon, s3 late answer → 0 / (1 + 1) = 0
      ['2026-04-01', '09:30', 'support', 2, 1, 1, 0],
      // b2 abandoned within T: default SL has no denominator → null
      ['2026-04-01', '23:30', 'billing', 1, 0, 1, null],
      ['2026-04-02', '00:00', 'billing', 1, 1, 0, 1],
    ]);
    const s0930 = sut.queueIntervals[2];
    expect(s0930?.metrics.answerRate).toBe(0.5); // 1 / 2
    expect(s0930?.start).toBe(jst('2026-04-01T09:30:00'));
    expect(s0930?.end).toBe(jst('2026-04-01T10:00:00'));
  });

  it('a contact answered in the next interval stays in the interval it was offered in', () => {
    const s1 = sut.queueIntervals[0];
    expect(s1?.metrics).toMatchObject({ answered: 1, asaMs: 20_000, ahtMs: 360_000 }); // talk 300 + ACW 60
  });

  it('tenant intervals merge queues, each judged by its own T', () => {
    const t0930 = sut.tenantIntervals.find((r) => r.startTime === '09:30' && r.date === '2026-04-01');
    // b1, s2, s3: offered 3, answered 2 (b1, s3), within 1 (b1: 25 ≤ 30), late abandons 1 (s2)
    // SL = 1 / (2 + 1) = 1/3 — with support's 20 s for everyone it would be 0 / 3
    expect(t0930?.metrics).toMatchObject({ offered: 3, answered: 2, abandoned: 1, answeredWithinSl: 1, abandonedAfterSl: 1 });
    expect(t0930?.metrics.serviceLevel).toBeCloseTo(1 / 3, 12);
    // ASA = (25 + 25) / 2 = 25 s
    expect(t0930?.metrics.asaMs).toBe(25_000);
    expect(sut.tenantIntervals.map((r) => `${r.date} ${r.startTime}`)).toEqual(['2026-04-01 09:00', '2026-04-01 09:30', '2026-04-01 23:30', '2026-04-02 00:00']);
  });

  it('days split at JST midnight: b2 (23:50) and b3 (00:05) fall on different days', () => {
    expect(sut.tenantDays.map((d) => [d.date, d.metrics.offered, d.metrics.answered])).toEqual([
      ['2026-04-01', 5, 3],
      ['2026-04-02', 1, 1],
    ]);
    // 04-01: within = s1, b1 = 2; late abandons = s2 = 1 (b2 hung up within 30 s) → 2 / (3 + 1) = 0.5
    expect(sut.tenantDays[0]?.metrics.serviceLevel).toBe(0.5);
    expect(sut.tenantDays[0]?.metrics.answerRate).toBe(0.6); // 3 / 5
    expect(sut.queueDays.map((d) => [d.date, d.queueId, d.metrics.offered])).toEqual([
      ['2026-04-01', 'billing', 2],
      ['2026-04-01', 'support', 3],
      ['2026-04-02', 'billing', 1],
    ]);
    // In UTC, 23:50 and 00:05 JST are 14:50Z and 15:05Z of the same date.
    const utc = computeIntervalReport({ records: RECORDS, minutes: 30, timeZone: 'UTC', serviceLevelSecByQueue: SL });
    expect(utc.tenantDays.map((d) => [d.date, d.metrics.offered])).toEqual([['2026-04-01', 6]]);
  });

  it('total equals the union', () => {
    expect(sut.total.metrics).toMatchObject({ offered: 6, answered: 4, abandoned: 2 });
  });

  it('no records: no rows and a total with null rates', () => {
    const empty = computeIntervalReport({ records: [], minutes: 15 });
    expect(empty.queueIntervals).toEqual([]);
    expect(empty.total.metrics.answerRate).toBeNull();
    expect(empty.timeZone).toBe('Asia/Tokyo');
  });
});

describe('properties', () => {
  // 22:00 JST to 02:00 JST the next day: crosses JST midnight and many intervals.
  const arb = arbContactRecords(jst('2026-04-01T22:00:00'), 4 * 60 * MIN);
  const arbMinutes = fc.constantFrom(15 as const, 30 as const, 60 as const);
  const arbZone = fc.constantFrom('Asia/Tokyo', 'UTC', 'Asia/Kolkata');
  const slFor = (q: string): number => (q === 'billing' ? 30 : q === 'orders' ? 60 : 20);

  it('bucketing partitions the input: each record in exactly one bucket, inside its interval', () => {
    fc.assert(
      fc.property(arb, arbMinutes, arbZone, (records, minutes, timeZone) => {
        const buckets = bucketContactsByInterval({ records, minutes, timeZone });
        const seen = buckets.flatMap((b) => b.records.map((r) => r.contactId)).sort();
        expect(seen).toEqual(records.map((r) => r.contactId).sort());
        for (const b of buckets) {
          expect(b.end - b.start).toBe(minutes * MIN);
          for (const r of b.records) {
            expect(r.queueId).toBe(b.queueId);
            expect(r.offeredAt).toBeGreaterThanOrEqual(b.start);
            expect(r.offeredAt).toBeLessThan(b.end);
          }
        }
        const keys = buckets.map((b) => `${b.start}|${b.queueId}`);
        expect(new Set(keys).size).toBe(keys.length);
      }),
    );
  });

  it('roll-ups equal computing over the union: per queue/day, per tenant/day and in total', () => {
    fc.assert(
      fc.property(arb, arbMinutes, (records, minutes) => {
        const sut = computeIntervalReport({ records, minutes, serviceLevelSecByQueue: { billing: 30, orders: 60 }, shortAbandonSec: 5 });
        const tally = (rs: readonly ContactRecord[]) =>
          mergeContactTallies(
            [...new Set(rs.map((r) => r.queueId))].map((q) =>
              tallyContacts({ records: rs.filter((r) => r.queueId === q), serviceLevelSec: slFor(q), shortAbandonSec: 5 }),
            ),
          );
        for (const d of sut.queueDays) {
          expect(d.tally).toEqual(tally(records.filter((r) => r.queueId === d.queueId && localDateOf(r.offeredAt) === d.date)));
        }
        for (const d of sut.tenantDays) {
          expect(d.tally).toEqual(tally(records.filter((r) => localDateOf(r.offeredAt) === d.date)));
        }
        expect(sut.total.tally).toEqual(tally(records));
        expect(sut.tenantDays.reduce((n, d) => n + d.metrics.offered, 0)).toBe(sut.total.metrics.offered);
        expect(sut.queueIntervals.reduce((n, r) => n + r.metrics.answered, 0)).toBe(sut.total.metrics.answered);
      }),
    );
  });
});
