import { toLocalTime, zoneOffsetMs } from '../routing/business-hours.js';
import type { Millis, QueueId } from '../routing/routing.types.js';
import {
  contactMetricsFromTally,
  mergeContactTallies,
  tallyContacts,
  type ContactMetrics,
  type ContactRecord,
  type ContactTally,
  type ServiceLevelFormula,
} from './contact-metrics.js';

/**
 * Interval reports (インターバルレポート): contacts bucketed into 15/30/60-minute intervals of the
 * tenant's local time by `offeredAt`, then rolled up per queue/day, per tenant/interval and per
 * tenant/day. A contact belongs wholly to the interval it was offered in, even when its answer,
 * talk or 後処理 run into later intervals.
 *
 * Pure: the zone is resolved with Intl (deterministic for an ICU version); no clock is read.
 */

export const INTERVAL_MINUTES = [15, 30, 60] as const;
export type IntervalMinutes = (typeof INTERVAL_MINUTES)[number];

export const DEFAULT_TIME_ZONE = 'Asia/Tokyo';

export interface LocalInterval {
  /** First instant of the interval (inclusive). */
  readonly start: Millis;
  /** First instant after it (exclusive). */
  readonly end: Millis;
  /** Local date "YYYY-MM-DD" of `start` in the zone. */
  readonly date: string;
  /** Local wall-clock start "HH:MM". */
  readonly startTime: string;
}

const MINUTE = 60_000;

function hhmm(minuteOfDay: number): string {
  const m = Math.floor(minuteOfDay);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/**
 * The local interval holding an instant. Boundaries are on the local wall clock (a 60-minute
 * interval in India starts at :30 UTC). Around a DST change the offset of the instant is used, so
 * the repeated hour of a fall-back gives two distinct intervals; zones change offset on whole hours,
 * which are interval boundaries for 15, 30 and 60 minutes.
 */
export function intervalOf(options: { readonly instant: number; readonly minutes: IntervalMinutes; readonly timeZone?: string }): LocalInterval {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const size = options.minutes * MINUTE;
  const local = options.instant + zoneOffsetMs(options.instant, timeZone);
  const intoInterval = ((local % size) + size) % size;
  const start = options.instant - intoInterval;
  const lt = toLocalTime(start, timeZone);
  return { start: start as Millis, end: (start + size) as Millis, date: lt.date, startTime: hhmm(lt.minuteOfDay) };
}

/** The local date "YYYY-MM-DD" of an instant (JST by default). */
export function localDateOf(instant: number, timeZone: string = DEFAULT_TIME_ZONE): string {
  return toLocalTime(instant, timeZone).date;
}

/** Local midnight at or before an instant: "today so far" on the wallboard starts here. */
export function startOfLocalDay(instant: number, timeZone: string = DEFAULT_TIME_ZONE): Millis {
  const lt = toLocalTime(instant, timeZone);
  return (instant - Math.round(lt.minuteOfDay * MINUTE)) as Millis;
}

export interface IntervalBucket<R extends ContactRecord = ContactRecord> extends LocalInterval {
  readonly queueId: QueueId;
  readonly records: readonly R[];
}

/**
 * Buckets records by (queue, local interval of offeredAt). A partition: every record is in exactly
 * one bucket. Buckets are sorted by start, then queue id; records keep their input order.
 */
export function bucketContactsByInterval<R extends ContactRecord>(options: {
  readonly records: readonly R[];
  readonly minutes: IntervalMinutes;
  readonly timeZone?: string;
}): IntervalBucket<R>[] {
  const buckets = new Map<string, { interval: LocalInterval; queueId: QueueId; records: R[] }>();
  for (const r of options.records) {
    const interval = intervalOf({ instant: r.offeredAt, minutes: options.minutes, timeZone: options.timeZone });
    const key = `${interval.start}\u0000${r.queueId}`;
    let b = buckets.get(key);
    if (!b) {
      b = { interval, queueId: r.queueId, records: [] };
      buckets.set(key, b);
    }
    b.records.push(r);
  }
  return [...buckets.values()]
    .map((b) => ({ ...b.interval, queueId: b.queueId, records: b.records }))
    .sort((a, b) => a.start - b.start || compareStrings(a.queueId, b.queueId));
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface IntervalReportOptions {
  /** One tenant's records (one time zone per tenant). */
  readonly records: readonly ContactRecord[];
  readonly minutes: IntervalMinutes;
  readonly timeZone?: string;
  /** T per queue (`QueueConfig.serviceLevelSec`); queues missing here use `defaultServiceLevelSec`. */
  readonly serviceLevelSecByQueue?: Readonly<Record<string, number>>;
  /** Default 20 (the 20 of 80/20). */
  readonly defaultServiceLevelSec?: number;
  readonly shortAbandonSec?: number;
  readonly serviceLevelFormula?: ServiceLevelFormula;
}

export interface QueueIntervalRow extends LocalInterval {
  readonly queueId: QueueId;
  readonly tally: ContactTally;
  readonly metrics: ContactMetrics;
}

export interface TenantIntervalRow extends LocalInterval {
  readonly tally: ContactTally;
  readonly metrics: ContactMetrics;
}

export interface QueueDayRow {
  readonly date: string;
  readonly queueId: QueueId;
  readonly tally: ContactTally;
  readonly metrics: ContactMetrics;
}

export interface TenantDayRow {
  readonly date: string;
  readonly tally: ContactTally;
  readonly metrics: ContactMetrics;
}

export interface IntervalReport {
  readonly timeZone: string;
  readonly minutes: IntervalMinutes;
  /** Per queue and interval; only intervals with records (the report layer pads empty ones). */
  readonly queueIntervals: readonly QueueIntervalRow[];
  /** Per interval, all queues merged (each queue's records judged with its own T). */
  readonly tenantIntervals: readonly TenantIntervalRow[];
  /** Per queue and local day (by the interval's date). */
  readonly queueDays: readonly QueueDayRow[];
  readonly tenantDays: readonly TenantDayRow[];
  /** Everything. */
  readonly total: { readonly tally: ContactTally; readonly metrics: ContactMetrics };
}

export const DEFAULT_SERVICE_LEVEL_SEC = 20;

/** Groups items by a key, keeping first-seen key order. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = m.get(k);
    if (list) list.push(item);
    else m.set(k, [item]);
  }
  return m;
}

/**
 * Interval report of one tenant. Only queue×interval rows are computed from records; every other
 * row merges their tallies, so a day equals the sum of its intervals and the tenant equals the sum
 * of its queues — for counts, sums, maxima and therefore for every rate.
 */
export function computeIntervalReport(options: IntervalReportOptions): IntervalReport {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const formula = { serviceLevelFormula: options.serviceLevelFormula };
  const slFor = (q: QueueId): number => options.serviceLevelSecByQueue?.[q] ?? options.defaultServiceLevelSec ?? DEFAULT_SERVICE_LEVEL_SEC;
  const withMetrics = (tally: ContactTally) => ({ tally, metrics: contactMetricsFromTally(tally, formula) });

  const queueIntervals: QueueIntervalRow[] = bucketContactsByInterval({ records: options.records, minutes: options.minutes, timeZone }).map((b) => {
    const tally = tallyContacts({ records: b.records, serviceLevelSec: slFor(b.queueId), shortAbandonSec: options.shortAbandonSec });
    return { start: b.start, end: b.end, date: b.date, startTime: b.startTime, queueId: b.queueId, ...withMetrics(tally) };
  });

  const tenantIntervals: TenantIntervalRow[] = [...groupBy(queueIntervals, (r) => String(r.start)).values()].map((rows) => {
    const first = rows[0] as QueueIntervalRow;
    return { start: first.start, end: first.end, date: first.date, startTime: first.startTime, ...withMetrics(mergeContactTallies(rows.map((r) => r.tally))) };
  });

  const queueDays: QueueDayRow[] = [...groupBy(queueIntervals, (r) => `${r.date}\u0000${r.queueId}`).values()]
    .map((rows) => {
      const first = rows[0] as QueueIntervalRow;
      return { date: first.date, queueId: first.queueId, ...withMetrics(mergeContactTallies(rows.map((r) => r.tally))) };
    })
    .sort((a, b) => compareStrings(a.date, b.date) || compareStrings(a.queueId, b.queueId));

  const tenantDays: TenantDayRow[] = [...groupBy(tenantIntervals, (r) => r.date).values()].map((rows) => ({
    date: (rows[0] as TenantIntervalRow).date,
    ...withMetrics(mergeContactTallies(rows.map((r) => r.tally))),
  }));

  return {
    timeZone,
    minutes: options.minutes,
    queueIntervals,
    tenantIntervals,
    queueDays,
    tenantDays,
    total: withMetrics(mergeContactTallies(tenantIntervals.map((r) => r.tally))),
  };
}
