import { issue, type Issue } from './validation.js';
import type { BusinessHours, BusinessHoursInput, BusinessHoursRecord, HoursPreviewDay, OpenInterval } from '../../api/routing-types.js';

/** Display order: Monday first, as Japanese calendars at work. */
export const WEEKDAYS_MON_FIRST = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayKey = (typeof WEEKDAYS_MON_FIRST)[number];

export interface IntervalRow {
  open: string;
  close: string;
}

export interface DateRangeRow {
  from: string;
  to: string;
  name: string;
}

export interface SpecialDayRow {
  date: string;
  name: string;
  /** Empty = closed all day. */
  intervals: IntervalRow[];
}

export type HolidayMode = 'closed' | 'weekly' | 'custom';

export interface HoursFormValues {
  name: string;
  timeZone: string;
  weekly: Record<WeekdayKey, IntervalRow[]>;
  holidayMode: HolidayMode;
  holidayIntervals: IntervalRow[];
  closures: DateRangeRow[];
  annualClosures: DateRangeRow[];
  specialDays: SpecialDayRow[];
}

const nineToSix = (): IntervalRow[] => [{ open: '09:00', close: '18:00' }];

/** A new calendar: weekdays 9:00–18:00, closed weekends and holidays, 年末年始 12/29–1/3 closed. */
export function emptyHoursForm(timeZone = 'Asia/Tokyo'): HoursFormValues {
  return {
    name: '',
    timeZone,
    weekly: { mon: nineToSix(), tue: nineToSix(), wed: nineToSix(), thu: nineToSix(), fri: nineToSix(), sat: [], sun: [] },
    holidayMode: 'closed',
    holidayIntervals: [],
    closures: [],
    annualClosures: [{ from: '12-29', to: '01-03', name: '年末年始' }],
    specialDays: [],
  };
}

const rows = (intervals: readonly OpenInterval[] | undefined): IntervalRow[] => (intervals ?? []).map((i) => ({ open: i.open, close: i.close }));

export function hoursToForm(record: BusinessHoursRecord): HoursFormValues {
  const { spec } = record;
  const weekly = {} as Record<WeekdayKey, IntervalRow[]>;
  for (const day of WEEKDAYS_MON_FIRST) weekly[day] = rows(spec.weekly?.[day]);
  const holidays = spec.nationalHolidays;
  return {
    name: record.name,
    timeZone: spec.timeZone,
    weekly,
    holidayMode: typeof holidays === 'string' ? holidays : 'custom',
    holidayIntervals: typeof holidays === 'string' ? [] : rows(holidays),
    closures: (spec.closures ?? []).map((c) => ({ from: c.from, to: c.to, name: c.name ?? '' })),
    annualClosures: (spec.annualClosures ?? []).map((c) => ({ from: c.from, to: c.to, name: c.name ?? '' })),
    specialDays: (spec.specialDays ?? []).map((s) => ({ date: s.date, name: s.name ?? '', intervals: rows(s.intervals) })),
  };
}

const named = <T extends object>(value: T, name: string): T & { name?: string } => (name.trim() ? { ...value, name: name.trim() } : value);

/** The PUT / POST body: `{ name, spec }` with the core `BusinessHours` shape; closed weekdays left out. */
export function formToHoursInput(values: HoursFormValues): BusinessHoursInput {
  const weekly: Partial<Record<WeekdayKey, OpenInterval[]>> = {};
  for (const day of WEEKDAYS_MON_FIRST) if (values.weekly[day].length) weekly[day] = values.weekly[day].map(cleanInterval);
  const spec: BusinessHours = {
    timeZone: values.timeZone.trim(),
    weekly,
    nationalHolidays: values.holidayMode === 'custom' ? values.holidayIntervals.map(cleanInterval) : values.holidayMode,
    closures: values.closures.map((c) => named({ from: c.from, to: c.to }, c.name)),
    annualClosures: values.annualClosures.map((c) => named({ from: c.from.trim(), to: c.to.trim() }, c.name)),
    specialDays: values.specialDays.map((s) => named({ date: s.date, intervals: s.intervals.map(cleanInterval) }, s.name)),
  };
  return { name: values.name.trim(), spec };
}

function cleanInterval(row: IntervalRow): OpenInterval {
  return { open: normalizeTime(row.open), close: normalizeTime(row.close) };
}

/** `9:00`, `900`, `０９：００` → `09:00`; anything else is returned trimmed (and fails validation). */
export function normalizeTime(text: string): string {
  const ascii = text.trim().replace(/[０-９：]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const match = /^(\d{1,2}):?(\d{2})$/.exec(ascii);
  if (!match) return ascii;
  return `${match[1]!.padStart(2, '0')}:${match[2]}`;
}

const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MMDD = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Problems by the server's field paths (`spec.weekly.mon.0.open` …). */
export function validateHoursForm(values: HoursFormValues): Record<string, Issue> {
  const errors: Record<string, Issue> = {};
  if (!values.name.trim()) errors.name = issue('required');
  if (!values.timeZone.trim()) errors['spec.timeZone'] = issue('required');
  const checkIntervals = (path: string, list: IntervalRow[]) => {
    list.forEach((row, i) => {
      const open = normalizeTime(row.open);
      const close = normalizeTime(row.close);
      if (!HHMM.test(open)) errors[`${path}.${i}.open`] = issue('time');
      if (!HHMM.test(close)) errors[`${path}.${i}.close`] = issue('time');
      if (HHMM.test(open) && HHMM.test(close) && minutes(open) >= minutes(close)) errors[`${path}.${i}.close`] = issue('openBeforeClose');
    });
  };
  for (const day of WEEKDAYS_MON_FIRST) checkIntervals(`spec.weekly.${day}`, values.weekly[day]);
  if (values.holidayMode === 'custom') checkIntervals('spec.nationalHolidays', values.holidayIntervals);
  values.closures.forEach((c, i) => {
    if (!DATE.test(c.from)) errors[`spec.closures.${i}.from`] = issue('date');
    if (!DATE.test(c.to)) errors[`spec.closures.${i}.to`] = issue('date');
    else if (DATE.test(c.from) && c.from > c.to) errors[`spec.closures.${i}.to`] = issue('fromBeforeTo');
  });
  values.annualClosures.forEach((c, i) => {
    if (!MMDD.test(c.from.trim())) errors[`spec.annualClosures.${i}.from`] = issue('monthDay');
    if (!MMDD.test(c.to.trim())) errors[`spec.annualClosures.${i}.to`] = issue('monthDay');
  });
  values.specialDays.forEach((s, i) => {
    if (!DATE.test(s.date)) errors[`spec.specialDays.${i}.date`] = issue('date');
    checkIntervals(`spec.specialDays.${i}.intervals`, s.intervals);
  });
  return errors;
}

/** Monday's hours on Tuesday to Friday (the usual first step). */
export function copyMondayToWeekdays(values: HoursFormValues): HoursFormValues {
  const monday = values.weekly.mon;
  const copy = () => monday.map((r) => ({ ...r }));
  return { ...values, weekly: { ...values.weekly, tue: copy(), wed: copy(), thu: copy(), fri: copy() } };
}

const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (minute: number) => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;

/** A preview day's hours: `09:00–12:00, 13:00–18:00`, or null when closed all day. */
export function previewHoursText(day: Pick<HoursPreviewDay, 'intervals'>): string | null {
  if (!day.intervals.length) return null;
  return day.intervals
    .map((interval) => (Array.isArray(interval) ? `${hhmm(interval[0])}–${hhmm(interval[1])}` : `${(interval as OpenInterval).open}–${(interval as OpenInterval).close}`))
    .join(', ');
}
