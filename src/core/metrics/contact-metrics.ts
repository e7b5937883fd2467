import type { Channel, ContactId, ContactOutcome, Millis, QueueId } from '../routing/routing.types.js';

/**
 * Queue metrics for the wallboard and interval reports: offered, answered, abandoned, 応答率,
 * サービスレベル, ASA, AHT, talk, 後処理 (ACW), waits. Definitions and worked examples: docs/metrics.md.
 *
 * Pure: instants are given (epoch ms); nothing reads the clock. Every function is total: bad
 * timestamps are clamped, inconsistent records are counted apart instead of throwing, and a rate
 * whose denominator is 0 is `null` (never NaN, never 0).
 *
 * Computation is two steps so that roll-ups are exact: `tallyContacts` turns records into counts
 * and sums (a `ContactTally`), tallies add with `mergeContactTallies`, and `contactMetricsFromTally`
 * divides. Merging the tallies of intervals gives the same figures as tallying their union.
 */

/**
 * How one queue leg ended. `ContactOutcome` of the routing engine, plus `transferred`: the contact
 * left this queue for another queue or agent (it then has a new record for the queue it entered).
 */
export type ContactEndReason = ContactOutcome | 'transferred';

/**
 * One contact's stay in one queue (a "queue leg"). A contact transferred from queue A to queue B has
 * two records: A (endReason `transferred`) and B. Times are epoch ms (UTC).
 */
export interface ContactRecord {
  readonly contactId: ContactId;
  readonly queueId: QueueId;
  readonly channel: Channel;
  /** Entered this queue (for a transfer: entered the new queue). Intervals bucket by this. */
  readonly offeredAt: Millis;
  /** Connected to an agent of this queue; null = never answered here (yet). */
  readonly answeredAt: Millis | null;
  /** The leg ended: hang-up, abandon, close, or the transfer away. null = still in progress. */
  readonly endedAt: Millis | null;
  /** The agent finished 後処理 for this leg. Equals `endedAt` when the queue has no ACW. null = not yet. */
  readonly wrapUpEndedAt: Millis | null;
  /** null while the leg is in progress. */
  readonly endReason: ContactEndReason | null;
}

/**
 * - `answered_plus_late_abandons` (default): answered within T / (answered + abandoned after T).
 *   Callers who hang up within T neither help nor hurt.
 * - `offered`: answered within T / offered. Every offered contact that was not answered within T
 *   hurts, including quick hang-ups, transfers out and contacts still waiting.
 */
export type ServiceLevelFormula = 'answered_plus_late_abandons' | 'offered';

export const DEFAULT_SERVICE_LEVEL_FORMULA: ServiceLevelFormula = 'answered_plus_late_abandons';

export interface TallyContactsOptions {
  readonly records: readonly ContactRecord[];
  /** T of "80/20": the queue's `QueueConfig.serviceLevelSec`. Answered within T means wait ≤ T. */
  readonly serviceLevelSec: number;
  /**
   * Short abandons: abandoned with a wait strictly below this many seconds are left out of both
   * offered and abandoned (misdials, instant hang-ups). Default 0 = off (nothing waits < 0 s).
   */
  readonly shortAbandonSec?: number;
}

/** Counts and sums from which every metric is derived. Additive: see `mergeContactTallies`. */
export interface ContactTally {
  /** answered + abandoned + transferredOut + inQueue (short abandons, closed and inconsistent excluded). */
  readonly offered: number;
  readonly answered: number;
  /** Abandoned (放棄呼), short abandons excluded. */
  readonly abandoned: number;
  /** Abandoned in less than `shortAbandonSec`: excluded from offered and abandoned, counted here. */
  readonly shortAbandoned: number;
  /** Left this queue unanswered by a transfer (a supervisor moved it while waiting). */
  readonly transferredOut: number;
  /** No outcome yet: waiting or ringing now (at the time the records were read). */
  readonly inQueue: number;
  /** Closed by the system without being answered (closed-hours reply, closed as spam): never offered. */
  readonly closedUnanswered: number;
  /** endReason `answered` without `answeredAt`: left out of every figure, counted so it shows. */
  readonly inconsistent: number;
  readonly answeredWithinSl: number;
  /** Abandoned (not short) with a wait > T. */
  readonly abandonedAfterSl: number;
  /** Sum of answer waits (answeredAt − offeredAt) of answered contacts. */
  readonly answerWaitMsSum: number;
  /** Longest wait that ended in this tally (answered, abandoned, transferred out); null = none. */
  readonly maxWaitMs: number | null;
  /** Answered legs with talk and 後処理 both finished. */
  readonly handled: number;
  /** Sum of talk (endedAt − answeredAt) over handled. */
  readonly talkMsSum: number;
  /** Sum of 後処理 (wrapUpEndedAt − endedAt) over handled. */
  readonly acwMsSum: number;
}

export interface ContactMetrics extends ContactTally {
  /** 応答率 = answered / offered. */
  readonly answerRate: number | null;
  /** 放棄率 = abandoned / offered. */
  readonly abandonRate: number | null;
  /** サービスレベル by the chosen formula. */
  readonly serviceLevel: number | null;
  readonly serviceLevelFormula: ServiceLevelFormula;
  /** 平均応答時間 ASA = answerWaitMsSum / answered. */
  readonly asaMs: number | null;
  /** 平均処理時間 AHT = (talkMsSum + acwMsSum) / handled. */
  readonly ahtMs: number | null;
  /** 平均通話時間 = talkMsSum / handled. */
  readonly avgTalkMs: number | null;
  /** 平均後処理時間 = acwMsSum / handled. */
  readonly avgAcwMs: number | null;
}

export const EMPTY_CONTACT_TALLY: ContactTally = Object.freeze({
  offered: 0,
  answered: 0,
  abandoned: 0,
  shortAbandoned: 0,
  transferredOut: 0,
  inQueue: 0,
  closedUnanswered: 0,
  inconsistent: 0,
  answeredWithinSl: 0,
  abandonedAfterSl: 0,
  answerWaitMsSum: 0,
  maxWaitMs: null,
  handled: 0,
  talkMsSum: 0,
  acwMsSum: 0,
});

/** The class of a record in a tally. Answered is decided by `answeredAt` alone. */
export type ContactClass = 'answered' | 'abandoned' | 'short_abandoned' | 'transferred_out' | 'in_queue' | 'closed_unanswered' | 'inconsistent';

/** A duration between two instants, never negative (clock skew between nodes is clamped to 0). */
function span(from: number, to: number): number {
  return Math.max(0, to - from);
}

/** How long the record waited in this queue before it was answered or ended; null while waiting. */
export function waitOf(record: ContactRecord): number | null {
  if (record.answeredAt !== null) return span(record.offeredAt, record.answeredAt);
  if (record.endedAt !== null) return span(record.offeredAt, record.endedAt);
  return null;
}

export function classifyContact(record: ContactRecord, shortAbandonSec = 0): ContactClass {
  if (record.answeredAt !== null) return 'answered';
  switch (record.endReason) {
    case null:
      return 'in_queue';
    case 'abandoned': {
      // An abandon without endedAt has no known wait: it cannot be judged short.
      const wait = waitOf(record);
      return wait !== null && wait < shortAbandonSec * 1000 ? 'short_abandoned' : 'abandoned';
    }
    case 'transferred':
      return 'transferred_out';
    case 'closed':
      return 'closed_unanswered';
    case 'answered':
      return 'inconsistent';
  }
}

function maxOrNull(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

export function tallyContacts(options: TallyContactsOptions): ContactTally {
  const slMs = options.serviceLevelSec * 1000;
  const shortAbandonSec = options.shortAbandonSec ?? 0;
  const t = { ...EMPTY_CONTACT_TALLY };
  for (const r of options.records) {
    const cls = classifyContact(r, shortAbandonSec);
    const wait = waitOf(r);
    switch (cls) {
      case 'answered': {
        const answerWait = wait ?? 0;
        t.offered++;
        t.answered++;
        t.answerWaitMsSum += answerWait;
        t.maxWaitMs = maxOrNull(t.maxWaitMs, answerWait);
        if (answerWait <= slMs) t.answeredWithinSl++;
        if (r.answeredAt !== null && r.endedAt !== null && r.wrapUpEndedAt !== null) {
          t.handled++;
          t.talkMsSum += span(r.answeredAt, r.endedAt);
          t.acwMsSum += span(r.endedAt, r.wrapUpEndedAt);
        }
        break;
      }
      case 'abandoned':
        t.offered++;
        t.abandoned++;
        t.maxWaitMs = maxOrNull(t.maxWaitMs, wait);
        if (wait !== null && wait > slMs) t.abandonedAfterSl++;
        break;
      case 'short_abandoned':
        t.shortAbandoned++;
        break;
      case 'transferred_out':
        t.offered++;
        t.transferredOut++;
        t.maxWaitMs = maxOrNull(t.maxWaitMs, wait);
        break;
      case 'in_queue':
        t.offered++;
        t.inQueue++;
        break;
      case 'closed_unanswered':
        t.closedUnanswered++;
        break;
      case 'inconsistent':
        t.inconsistent++;
        break;
    }
  }
  return t;
}

/** Adds tallies (intervals into a day, queues into a tenant). Exact: every field is a count, a sum or a max. */
export function mergeContactTallies(tallies: readonly ContactTally[]): ContactTally {
  const t = { ...EMPTY_CONTACT_TALLY };
  for (const x of tallies) {
    t.offered += x.offered;
    t.answered += x.answered;
    t.abandoned += x.abandoned;
    t.shortAbandoned += x.shortAbandoned;
    t.transferredOut += x.transferredOut;
    t.inQueue += x.inQueue;
    t.closedUnanswered += x.closedUnanswered;
    t.inconsistent += x.inconsistent;
    t.answeredWithinSl += x.answeredWithinSl;
    t.abandonedAfterSl += x.abandonedAfterSl;
    t.answerWaitMsSum += x.answerWaitMsSum;
    t.maxWaitMs = maxOrNull(t.maxWaitMs, x.maxWaitMs);
    t.handled += x.handled;
    t.talkMsSum += x.talkMsSum;
    t.acwMsSum += x.acwMsSum;
  }
  return t;
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

export function contactMetricsFromTally(
  tally: ContactTally,
  options: { readonly serviceLevelFormula?: ServiceLevelFormula } = {},
): ContactMetrics {
  const formula = options.serviceLevelFormula ?? DEFAULT_SERVICE_LEVEL_FORMULA;
  const slDenominator = formula === 'offered' ? tally.offered : tally.answered + tally.abandonedAfterSl;
  return {
    ...tally,
    answerRate: ratio(tally.answered, tally.offered),
    abandonRate: ratio(tally.abandoned, tally.offered),
    serviceLevel: ratio(tally.answeredWithinSl, slDenominator),
    serviceLevelFormula: formula,
    asaMs: ratio(tally.answerWaitMsSum, tally.answered),
    ahtMs: ratio(tally.talkMsSum + tally.acwMsSum, tally.handled),
    avgTalkMs: ratio(tally.talkMsSum, tally.handled),
    avgAcwMs: ratio(tally.acwMsSum, tally.handled),
  };
}

export interface ComputeContactMetricsOptions extends TallyContactsOptions {
  readonly serviceLevelFormula?: ServiceLevelFormula;
}

/** Every queue metric over a set of records (one queue's interval, usually). */
export function computeContactMetrics(options: ComputeContactMetricsOptions): ContactMetrics {
  return contactMetricsFromTally(tallyContacts(options), options);
}

export interface WaitingAt {
  /** Contacts in the queue at `at`: entered, not yet answered, not yet ended. */
  readonly waiting: number;
  /** The longest of their waits at `at` (待ち時間の最長); null when nobody waits. */
  readonly longestWaitMs: number | null;
  /** The contact waiting longest (ties: the first in input order). */
  readonly longestWaitingContactId: ContactId | null;
}

/**
 * Who is waiting at an instant. Works on live and on historical records: a record waits at `at` if
 * offeredAt ≤ at and neither answeredAt nor endedAt is ≤ at.
 */
export function computeWaitingAt(options: { readonly records: readonly ContactRecord[]; readonly at: Millis }): WaitingAt {
  const { at } = options;
  let waiting = 0;
  let longest: number | null = null;
  let longestId: ContactId | null = null;
  for (const r of options.records) {
    if (r.offeredAt > at) continue;
    if (r.answeredAt !== null && r.answeredAt <= at) continue;
    if (r.endedAt !== null && r.endedAt <= at) continue;
    waiting++;
    const w = at - r.offeredAt;
    if (longest === null || w > longest) {
      longest = w;
      longestId = r.contactId;
    }
  }
  return { waiting, longestWaitMs: longest, longestWaitingContactId: longestId };
}
