/**
 * Display and input of times in the tenant's time zone. The server speaks UTC ISO strings; people
 * read and type wall-clock times of their center (default Asia/Tokyo), whatever the browser's zone.
 */

export const DEFAULT_TIME_ZONE = 'Asia/Tokyo';
const EMPTY = '—';

/** One formatter per zone, made on first use (building an `Intl.DateTimeFormat` is slow). */
function formatPerZone(locale: string, options: Omit<Intl.DateTimeFormatOptions, 'timeZone'>): (timeZone: string) => Intl.DateTimeFormat {
  const formats = new Map<string, Intl.DateTimeFormat>();
  return (timeZone) => {
    let format = formats.get(timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
      formats.set(timeZone, format);
    }
    return format;
  };
}

const TO_THE_MINUTE = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;

/** `2026/11/23 14:05`, as people read it. */
const dateTimeFormat = formatPerZone('ja-JP', TO_THE_MINUTE);
/** Numeric parts, for arithmetic on the zone's wall clock. */
const partsFormat = formatPerZone('en-US', { ...TO_THE_MINUTE, second: '2-digit' });

function parseInstant(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** `2026-11-23T05:05:00Z` in Asia/Tokyo → `2026/11/23 14:05`; empty or invalid → `—`. */
export function formatDateTime(iso: string | null | undefined, timeZone: string = DEFAULT_TIME_ZONE): string {
  const date = parseInstant(iso);
  return date ? dateTimeFormat(timeZone).format(date) : EMPTY;
}

/** A calendar date (`YYYY-MM-DD`, no zone) → `2026/11/23`. */
export function formatDate(ymd: string | null | undefined): string {
  if (!ymd) return EMPTY;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(ymd);
  return match ? `${match[1]}/${match[2]}/${match[3]}` : ymd;
}

/** Today's calendar date in the zone, as `YYYY-MM-DD`. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const { year, month, day } = wallClock(now, timeZone);
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Yen amounts: `12345` → `¥12,345` (half-width sign, as on receipts and in most systems). */
export function formatYen(amount: number | null | undefined): string {
  if (amount === null || amount === undefined || Number.isNaN(amount)) return EMPTY;
  const sign = amount < 0 ? '-' : '';
  return `${sign}¥${Math.abs(amount).toLocaleString('ja-JP', { maximumFractionDigits: 0 })}`;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(date: Date, timeZone: string): WallClock {
  const values: Record<string, number> = {};
  for (const part of partsFormat(timeZone).formatToParts(date)) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  return {
    year: values.year ?? 0,
    month: values.month ?? 1,
    day: values.day ?? 1,
    hour: values.hour ?? 0,
    minute: values.minute ?? 0,
    second: values.second ?? 0,
  };
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** Offset of the zone from UTC at that instant, in milliseconds (Tokyo: +9 h). */
function zoneOffset(date: Date, timeZone: string): number {
  const w = wallClock(date, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(date.getTime() / 1000) * 1000;
}

/** An instant → the value of an `<input type="datetime-local">` showing the zone's wall clock. */
export function toZonedInputValue(iso: string | null | undefined, timeZone: string = DEFAULT_TIME_ZONE): string {
  const date = parseInstant(iso);
  if (!date) return '';
  const w = wallClock(date, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/**
 * The value of an `<input type="datetime-local">` read as the zone's wall clock → UTC ISO string.
 * Returns null for an empty or malformed value.
 */
export function fromZonedInputValue(value: string, timeZone: string = DEFAULT_TIME_ZONE): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  const asUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  // Two passes settle the offset around daylight-saving changes in zones that have them.
  let instant = asUtc - zoneOffset(new Date(asUtc), timeZone);
  instant = asUtc - zoneOffset(new Date(instant), timeZone);
  return new Date(instant).toISOString();
}
