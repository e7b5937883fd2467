/**
 * When public content is stale: its review-by date has passed, or it has not been updated for the
 * portal's `staleAfterDays`. "Today" is the tenant's calendar day (a review-by date is a local date).
 */

const DAY_MS = 86_400_000;

/** YYYY-MM-DD of `at` in `timeZone`. */
export function localDate(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export interface StaleCutoffs {
  /** Review-by dates before this local date are overdue. */
  today: string;
  /** Content last updated before this instant is old. */
  updatedBefore: Date;
}

export function staleCutoffs(now: Date, timeZone: string, staleAfterDays: number): StaleCutoffs {
  return { today: localDate(now, timeZone), updatedBefore: new Date(now.getTime() - staleAfterDays * DAY_MS) };
}

export type StaleReason = 'review_overdue' | 'not_updated';

export function staleReasons(a: { reviewBy: string | null; updatedAt: Date }, c: StaleCutoffs): StaleReason[] {
  const out: StaleReason[] = [];
  if (a.reviewBy !== null && a.reviewBy < c.today) out.push('review_overdue');
  if (a.updatedAt < c.updatedBefore) out.push('not_updated');
  return out;
}

/** Whole days from `from` to `now` (0 on the same day, never negative). */
export const ageInDays = (from: Date, now: Date) => Math.max(0, Math.floor((now.getTime() - from.getTime()) / DAY_MS));
