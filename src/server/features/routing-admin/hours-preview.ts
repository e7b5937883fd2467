import { dayPlan, japaneseHolidayName, WEEKDAYS, type BusinessHours } from '../../../core/routing/business-hours.js';
import type { HoursPreviewDto } from './business-hours.schemas.js';

const DAY_MS = 86_400_000;

const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

const LAST_DAY = Date.parse('9999-12-31T00:00:00Z');

/** Local dates from `from` on, never past year 9999; plain calendar arithmetic (no zone: a date is a date). */
function datesFrom(from: string, days: number): { date: string; weekday: (typeof WEEKDAYS)[number] }[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  const count = Math.min(days, Math.floor((LAST_DAY - start) / DAY_MS) + 1);
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(start + i * DAY_MS);
    return { date: d.toISOString().slice(0, 10), weekday: WEEKDAYS[d.getUTCDay()]! };
  });
}

/** What the hours mean day by day (which rule decides, holidays by name): the admin UI's calendar. */
export function previewHours(hoursId: string, spec: BusinessHours, from: string, days: number): HoursPreviewDto {
  return {
    hoursId,
    timeZone: spec.timeZone,
    items: datesFrom(from, days).map(({ date, weekday }) => {
      const plan = dayPlan(spec, date);
      return {
        date, weekday, rule: plan.rule, name: plan.name, holiday: japaneseHolidayName(date), open: plan.intervals.length > 0,
        intervals: plan.intervals.map(([open, close]) => ({ open: hhmm(open), close: hhmm(close) })),
      };
    }),
  };
}
