import { z } from 'zod';
import { WEEKDAYS } from '../../../core/routing/business-hours.js';
import { isoDate } from '../../platform/http.schemas.js';

/**
 * Zod mirror of core `BusinessHours` (shapes only). Rules that need the calendar or the whole spec
 * (open before close, real month-days, known zone) stay in core `validateBusinessHours`, which the
 * service runs after this parse so both lists of problems use the same words.
 */
const hhmm = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM (00:00–24:00)');
const monthDay = z.string().regex(/^(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/, 'must be MM-DD');
const label = z.string().trim().min(1).max(80).optional();

export const openIntervalSchema = z.object({ open: hhmm, close: hhmm });
const intervals = z.array(openIntervalSchema).max(8);

export const businessHoursSpec = z.object({
  /** IANA zone; defaults to the tenant's zone. */
  timeZone: z.string().min(1).max(64).optional(),
  weekly: z.partialRecord(z.enum(WEEKDAYS), intervals),
  nationalHolidays: z.union([z.enum(['closed', 'weekly']), intervals]),
  closures: z.array(z.object({ from: isoDate, to: isoDate, name: label })).max(200).optional(),
  annualClosures: z.array(z.object({ from: monthDay, to: monthDay, name: label })).max(50).optional(),
  specialDays: z.array(z.object({ date: isoDate, intervals, name: label })).max(400).optional(),
});

export const hoursBody = z.object({
  name: z.string().trim().min(1, 'name is required').max(80),
  spec: businessHoursSpec,
});
export type HoursInput = z.output<typeof hoursBody>;

export const hoursPreviewQuery = z.object({
  /** First local date; defaults to today in the hours' zone. */
  from: isoDate.optional(),
  days: z.coerce.number().int().min(1).max(366).default(14),
});
export type HoursPreviewQuery = z.output<typeof hoursPreviewQuery>;

const storedSpec = businessHoursSpec.extend({ timeZone: z.string() });

export const hoursDto = z.object({ id: z.string(), name: z.string(), spec: storedSpec, createdAt: z.string(), updatedAt: z.string() });
export type HoursDto = z.infer<typeof hoursDto>;

export const dayPreviewDto = z.object({
  date: z.string(),
  weekday: z.enum(WEEKDAYS),
  rule: z.enum(['special', 'closure', 'holiday', 'weekly']),
  /** The special day, closure or holiday deciding the day. */
  name: z.string().nullable(),
  /** The national holiday on that date, whatever rule decided the day. */
  holiday: z.string().nullable(),
  open: z.boolean(),
  intervals: z.array(z.object({ open: z.string(), close: z.string() })),
});
export const hoursPreviewDto = z.object({ hoursId: z.string(), timeZone: z.string(), items: z.array(dayPreviewDto) });
export type HoursPreviewDto = z.infer<typeof hoursPreviewDto>;
