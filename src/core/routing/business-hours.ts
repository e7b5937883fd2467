import holidayJp from '@holiday-jp/holiday_jp';

/**
 * Business hours of a queue (受付時間): weekly hours in the tenant's time zone, Japanese national
 * holidays (振替休日 and 国民の休日 included, from @holiday-jp/holiday_jp, which covers 1970–2050),
 * one-off and yearly closures (年末年始 12/29–1/3) and special open days.
 *
 * Pure: the instant is passed in (epoch milliseconds); the zone is resolved with Intl, which is
 * deterministic for a given ICU version. `new Date(ms)` only formats a given instant, it never
 * reads the clock.
 */

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local wall-clock times "HH:MM"; close may be "24:00". An interval never crosses midnight. */
export interface OpenInterval {
  readonly open: string;
  readonly close: string;
}

/** Inclusive local dates "YYYY-MM-DD". */
export interface DateRange {
  readonly from: string;
  readonly to: string;
  readonly name?: string;
}

/** Inclusive "MM-DD" each year; may wrap the year end (from "12-29" to "01-03"). */
export interface AnnualRange {
  readonly from: string;
  readonly to: string;
  readonly name?: string;
}

export interface SpecialDay {
  readonly date: string;
  /** Empty = closed all day. */
  readonly intervals: readonly OpenInterval[];
  readonly name?: string;
}

export interface BusinessHours {
  /** IANA zone, e.g. "Asia/Tokyo". */
  readonly timeZone: string;
  readonly weekly: Readonly<Partial<Record<Weekday, readonly OpenInterval[]>>>;
  /** 祝日: closed, open as on that weekday, or their own hours. */
  readonly nationalHolidays: 'closed' | 'weekly' | readonly OpenInterval[];
  readonly closures?: readonly DateRange[];
  readonly annualClosures?: readonly AnnualRange[];
  /** Override everything else on that date (a Saturday campaign, an open holiday). */
  readonly specialDays?: readonly SpecialDay[];
}

export type DayRule = 'special' | 'closure' | 'holiday' | 'weekly';

export interface DayPlan {
  readonly date: string;
  readonly rule: DayRule;
  /** The holiday, closure or special day's name when there is one. */
  readonly name: string | null;
  /** [openMinute, closeMinute) of the local day, sorted. */
  readonly intervals: readonly (readonly [number, number])[];
}

const HOLIDAYS = holidayJp.holidays as Readonly<Record<string, { readonly name: string } | undefined>>;

/** The Japanese national holiday on a local date "YYYY-MM-DD", or null. */
export function japaneseHolidayName(date: string): string | null {
  return HOLIDAYS[date]?.name ?? null;
}

// ---------------------------------------------------------------- time-zone arithmetic

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface LocalTime {
  readonly date: string;
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** Minutes since local midnight, seconds included as a fraction. */
  readonly minuteOfDay: number;
  readonly weekday: Weekday;
}

function floorSecond(ms: number): number {
  return ms - (((ms % 1000) + 1000) % 1000);
}

/** Wall-clock fields of an instant in a zone. */
export function toLocalTime(instant: number, timeZone: string): LocalTime {
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  const year = get('year');
  const month = get('month');
  const day = get('day');
  const subSecond = (instant - floorSecond(instant)) / 1000;
  return {
    date: dateKey(year, month, day),
    year,
    month,
    day,
    minuteOfDay: get('hour') * 60 + get('minute') + (get('second') + subSecond) / 60,
    weekday: weekdayOf(year, month, day),
  };
}

/** Offset of the zone from UTC at an instant, in ms (Asia/Tokyo: +9 h). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const t = floorSecond(instant);
  const parts = formatterFor(timeZone).formatToParts(new Date(t));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - t;
}

/** The instant of a local date and minute of day in a zone (the later one in a DST gap/overlap). */
export function fromLocalTime(date: string, minuteOfDay: number, timeZone: string): number {
  const [y, m, d] = parseDate(date);
  const guess = Date.UTC(y, m - 1, d) + minuteOfDay * 60_000;
  const first = guess - zoneOffsetMs(guess, timeZone);
  const second = guess - zoneOffsetMs(first, timeZone);
  return second;
}

function dateKey(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function parseDate(date: string): [number, number, number] {
  const [y = NaN, m = NaN, d = NaN] = date.split('-').map(Number);
  return [y, m, d];
}

function weekdayOf(year: number, month: number, day: number): Weekday {
  return WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()] ?? 'sun';
}

function addDays(date: string, days: number): string {
  const [y, m, d] = parseDate(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return dateKey(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

// ---------------------------------------------------------------- rules

function minutes(hhmm: string): number {
  const [h = NaN, m = NaN] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

function toMinuteIntervals(intervals: readonly OpenInterval[]): (readonly [number, number])[] {
  return intervals
    .map((i) => [minutes(i.open), minutes(i.close)] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

function inAnnualRange(mmdd: string, range: AnnualRange): boolean {
  // "MM-DD" strings compare in calendar order within a year.
  return range.from <= range.to ? mmdd >= range.from && mmdd <= range.to : mmdd >= range.from || mmdd <= range.to;
}

/**
 * Which rule decides a local date, in order: special day, closure (one-off or yearly), national
 * holiday, weekly hours.
 */
export function dayPlan(hours: BusinessHours, date: string): DayPlan {
  const special = hours.specialDays?.find((s) => s.date === date);
  if (special) return { date, rule: 'special', name: special.name ?? null, intervals: toMinuteIntervals(special.intervals) };
  const closure = hours.closures?.find((c) => date >= c.from && date <= c.to);
  if (closure) return { date, rule: 'closure', name: closure.name ?? null, intervals: [] };
  const mmdd = date.slice(5);
  const annual = hours.annualClosures?.find((c) => inAnnualRange(mmdd, c));
  if (annual) return { date, rule: 'closure', name: annual.name ?? null, intervals: [] };
  const holiday = japaneseHolidayName(date);
  const [y, m, d] = parseDate(date);
  const weekly = hours.weekly[weekdayOf(y, m, d)] ?? [];
  if (holiday !== null && hours.nationalHolidays !== 'weekly') {
    const intervals = hours.nationalHolidays === 'closed' ? [] : toMinuteIntervals(hours.nationalHolidays);
    return { date, rule: 'holiday', name: holiday, intervals };
  }
  return { date, rule: 'weekly', name: holiday, intervals: toMinuteIntervals(weekly) };
}

/** Open at this instant? Intervals are [open, close). */
export function isOpen(hours: BusinessHours, instant: number): boolean {
  const local = toLocalTime(instant, hours.timeZone);
  return dayPlan(hours, local.date).intervals.some(([o, c]) => local.minuteOfDay >= o && local.minuteOfDay < c);
}

/** Look this many days ahead at most (a closure of a whole year is already unusual). */
const HORIZON_DAYS = 400;

/**
 * The first instant at or after `instant` when the hours are open: `instant` itself when open now,
 * null when nothing opens within 400 days (no weekly hours at all).
 */
export function nextOpening(hours: BusinessHours, instant: number): number | null {
  const local = toLocalTime(instant, hours.timeZone);
  for (let i = 0; i <= HORIZON_DAYS; i++) {
    const date = addDays(local.date, i);
    for (const [o, c] of dayPlan(hours, date).intervals) {
      if (i === 0) {
        if (local.minuteOfDay >= o && local.minuteOfDay < c) return instant;
        if (o < local.minuteOfDay) continue;
      }
      return fromLocalTime(date, o, hours.timeZone);
    }
  }
  return null;
}

// ---------------------------------------------------------------- validation

const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MMDD = /^\d{2}-\d{2}$/;

function isRealDate(date: string): boolean {
  if (!DATE.test(date)) return false;
  const [y, m, d] = parseDate(date);
  return addDays(date, 0) === date && m >= 1 && m <= 12 && d >= 1 && y >= 1970;
}

function isMonthDay(mmdd: string): boolean {
  return MMDD.test(mmdd) && isRealDate(`2024-${mmdd}`); // a leap year accepts 02-29
}

/** Human-readable problems ("weekly.mon[0]: open must be before close"); empty when valid. */
export function validateBusinessHours(hours: BusinessHours): string[] {
  const problems: string[] = [];
  try {
    formatterFor(hours.timeZone);
  } catch {
    problems.push(`timeZone: unknown time zone "${hours.timeZone}"`);
  }
  const checkIntervals = (path: string, intervals: readonly OpenInterval[]): void => {
    intervals.forEach((i, n) => {
      if (!HHMM.test(i.open) || !HHMM.test(i.close)) problems.push(`${path}[${n}]: times must be HH:MM (00:00–24:00)`);
      else if (minutes(i.open) >= minutes(i.close)) problems.push(`${path}[${n}]: open must be before close`);
    });
  };
  for (const [day, intervals] of Object.entries(hours.weekly)) {
    if (!(WEEKDAYS as readonly string[]).includes(day)) problems.push(`weekly.${day}: unknown weekday`);
    checkIntervals(`weekly.${day}`, intervals ?? []);
  }
  if (typeof hours.nationalHolidays !== 'string') checkIntervals('nationalHolidays', hours.nationalHolidays);
  hours.closures?.forEach((c, n) => {
    if (!isRealDate(c.from) || !isRealDate(c.to)) problems.push(`closures[${n}]: dates must be YYYY-MM-DD`);
    else if (c.from > c.to) problems.push(`closures[${n}]: from must not be after to`);
  });
  hours.annualClosures?.forEach((c, n) => {
    if (!isMonthDay(c.from) || !isMonthDay(c.to)) problems.push(`annualClosures[${n}]: dates must be MM-DD`);
  });
  hours.specialDays?.forEach((s, n) => {
    if (!isRealDate(s.date)) problems.push(`specialDays[${n}]: date must be YYYY-MM-DD`);
    checkIntervals(`specialDays[${n}].intervals`, s.intervals);
  });
  return problems;
}
