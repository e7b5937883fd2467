/** Japan-time helpers for the demo generator (JST is UTC+9 all year, no DST). */

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const JST_OFFSET = 9 * HOUR;

/** UTC epoch ms of 00:00 JST on the JST calendar day containing `ms`. */
export function jstMidnight(ms: number): number {
  return Math.floor((ms + JST_OFFSET) / DAY) * DAY - JST_OFFSET;
}

/** UTC epoch ms of hh:mm JST on the JST calendar day containing `ms`. */
export function jstAt(ms: number, hour: number, minute: number, second = 0): number {
  return jstMidnight(ms) + hour * HOUR + minute * MINUTE + second * SECOND;
}

/** Minutes since 00:00 JST. */
export function jstMinuteOfDay(ms: number): number {
  return Math.floor((ms - jstMidnight(ms)) / MINUTE);
}

/** 0 = Sunday … 6 = Saturday, in JST. */
export function jstWeekday(ms: number): number {
  return new Date(ms + JST_OFFSET).getUTCDay();
}

/** YYYY-MM-DD of the JST calendar day. */
export function jstYmd(ms: number): string {
  return new Date(ms + JST_OFFSET).toISOString().slice(0, 10);
}

export function jstYear(ms: number): number {
  return new Date(ms + JST_OFFSET).getUTCFullYear();
}

/** 「5月12日」 */
export function jstMonthDay(ms: number): string {
  const d = new Date(ms + JST_OFFSET);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** Same calendar date `years` later (29 Feb → 28 Feb). */
export function addYearsYmd(ymd: string, years: number): string {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  const day = m === 2 && d === 29 ? 28 : d;
  return new Date(Date.UTC(y + years, m - 1, day)).toISOString().slice(0, 10);
}

/** The JST calendar date `years` before `ms`, e.g. for "purchased two years ago". */
export function ymdYearsBefore(ms: number, years: number): string {
  return addYearsYmd(jstYmd(ms), -years);
}

/** UTC epoch ms of hh:mm JST on a YYYY-MM-DD calendar date. */
export function ymdAt(ymd: string, hour: number, minute: number): number {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d, hour, minute) - JST_OFFSET;
}
