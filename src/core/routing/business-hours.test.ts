import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dayPlan,
  fromLocalTime,
  isOpen,
  japaneseHolidayName,
  nextOpening,
  toLocalTime,
  validateBusinessHours,
  type BusinessHours,
} from './business-hours.js';

const WEEKDAY_9_18 = [{ open: '09:00', close: '18:00' }];

/** A typical Japanese center: weekdays 9–18, Saturdays 10–17, closed Sundays, holidays and 年末年始. */
const sut: BusinessHours = {
  timeZone: 'Asia/Tokyo',
  weekly: { mon: WEEKDAY_9_18, tue: WEEKDAY_9_18, wed: WEEKDAY_9_18, thu: WEEKDAY_9_18, fri: WEEKDAY_9_18, sat: [{ open: '10:00', close: '17:00' }] },
  nationalHolidays: 'closed',
  annualClosures: [{ from: '12-29', to: '01-03', name: '年末年始' }],
  closures: [{ from: '2026-08-13', to: '2026-08-14', name: '夏季休業' }],
  specialDays: [{ date: '2026-11-23', intervals: [{ open: '10:00', close: '15:00' }], name: '勤労感謝の日 特別営業' }],
};

/** An instant given as JST wall-clock time, written out explicitly (no clock, no TZ dependency). */
const jst = (isoLocal: string): number => Date.parse(`${isoLocal}+09:00`);
const utc = (iso: string): number => Date.parse(`${iso}Z`);

describe('Japanese holidays', () => {
  it.each([
    ['2026-01-01', '元日'],
    ['2026-01-12', '成人の日'],
    ['2026-05-06', 'こどもの日 振替休日'],
    ['2026-09-22', '休日'], // 国民の休日 between 敬老の日 and 秋分の日
    ['2027-03-22', '春分の日 振替休日'],
  ])('%s is %s', (date, name) => {
    expect(japaneseHolidayName(date)).toBe(name);
  });

  it('knows ordinary days', () => {
    expect(japaneseHolidayName('2026-01-13')).toBeNull();
    expect(japaneseHolidayName('2026-09-24')).toBeNull();
  });
});

describe('isOpen — JST boundaries', () => {
  it('opens at 09:00 JST, which is 00:00 UTC', () => {
    expect(isOpen(sut, utc('2026-01-13T00:00:00'))).toBe(true); // Tue 09:00 JST
    expect(isOpen(sut, utc('2026-01-12T23:59:59.999'))).toBe(false); // Tue 08:59:59.999 JST
  });

  it('closes at 18:00 JST (09:00 UTC), exclusive', () => {
    expect(isOpen(sut, jst('2026-01-13T17:59:59'))).toBe(true);
    expect(isOpen(sut, jst('2026-01-13T18:00:00'))).toBe(false);
    expect(isOpen(sut, utc('2026-01-13T09:00:00'))).toBe(false);
  });

  it('uses the JST date, not the UTC date, to pick the weekday', () => {
    // 2026-01-16 Fri 23:30 UTC is Sat 08:30 JST (closed) and Sat 10:30 JST is open on Saturday hours.
    expect(isOpen(sut, utc('2026-01-16T23:30:00'))).toBe(false);
    expect(isOpen(sut, jst('2026-01-17T10:30:00'))).toBe(true);
    expect(isOpen(sut, jst('2026-01-18T10:30:00'))).toBe(false); // Sunday
  });
});

describe('isOpen — holidays, closures, special days', () => {
  it.each([
    ['2026-01-12T10:00:00', '成人の日 (Monday)'],
    ['2026-05-06T10:00:00', '振替休日 (Wednesday)'],
    ['2026-09-22T10:00:00', '国民の休日 (Tuesday)'],
    ['2027-03-22T10:00:00', '春分の日 振替休日 (Monday)'],
    ['2026-12-29T10:00:00', '年末年始 start (Tuesday)'],
    ['2027-01-04T08:59:00', 'before opening on the first working day'],
    ['2026-01-02T10:00:00', '年末年始 across the year end (Friday)'],
    ['2026-08-13T10:00:00', '夏季休業 (one-off closure)'],
  ])('closed on %s — %s', (local) => {
    expect(isOpen(sut, jst(local))).toBe(false);
  });

  it.each([
    ['2026-01-13T10:00:00', 'the Tuesday after 成人の日'],
    ['2026-12-28T17:59:00', 'the last day before 年末年始'],
    ['2027-01-04T09:00:00', 'the first working day of 2027'],
    ['2026-11-23T10:00:00', '勤労感謝の日 with a special opening'],
    ['2026-08-15T10:00:00', 'the Saturday after the closure'],
  ])('open on %s — %s', (local) => {
    expect(isOpen(sut, jst(local))).toBe(true);
  });

  it('uses special-day hours instead of weekday hours', () => {
    expect(isOpen(sut, jst('2026-11-23T15:00:00'))).toBe(false);
    expect(dayPlan(sut, '2026-11-23')).toMatchObject({ rule: 'special', name: '勤労感謝の日 特別営業' });
  });

  it('can open on holidays as on the weekday or with holiday hours', () => {
    expect(isOpen({ ...sut, nationalHolidays: 'weekly' }, jst('2026-01-12T10:00:00'))).toBe(true);
    const holidayHours: BusinessHours = { ...sut, nationalHolidays: [{ open: '10:00', close: '12:00' }] };
    expect(isOpen(holidayHours, jst('2026-01-12T11:59:00'))).toBe(true);
    expect(isOpen(holidayHours, jst('2026-01-12T12:00:00'))).toBe(false);
    // A closure still wins over holiday hours: 2027-01-01 is 元日 and inside 年末年始.
    expect(dayPlan(holidayHours, '2027-01-01')).toMatchObject({ rule: 'closure', name: '年末年始' });
  });

  it('explains the rule of a day', () => {
    expect(dayPlan(sut, '2026-09-22')).toEqual({ date: '2026-09-22', rule: 'holiday', name: '休日', intervals: [] });
    expect(dayPlan(sut, '2026-09-24')).toEqual({ date: '2026-09-24', rule: 'weekly', name: null, intervals: [[540, 1080]] });
  });

  it('handles 24:00 and split days', () => {
    const hours: BusinessHours = {
      timeZone: 'Asia/Tokyo',
      weekly: { mon: [{ open: '13:00', close: '24:00' }, { open: '08:00', close: '12:00' }] },
      nationalHolidays: 'weekly',
    };
    expect(isOpen(hours, jst('2026-01-19T23:59:59'))).toBe(true);
    expect(isOpen(hours, jst('2026-01-20T00:00:00'))).toBe(false);
    expect(isOpen(hours, jst('2026-01-19T12:30:00'))).toBe(false);
    expect(nextOpening(hours, jst('2026-01-19T12:30:00'))).toBe(jst('2026-01-19T13:00:00'));
  });
});

describe('nextOpening', () => {
  it('is the instant itself while open', () => {
    expect(nextOpening(sut, jst('2026-01-13T12:34:56'))).toBe(jst('2026-01-13T12:34:56'));
  });

  it('is later the same day before opening', () => {
    expect(nextOpening(sut, jst('2026-01-13T07:00:00'))).toBe(utc('2026-01-13T00:00:00'));
  });

  it('skips 成人の日 on Monday 2026-01-12 after the weekend', () => {
    expect(nextOpening(sut, jst('2026-01-10T18:00:00'))).toBe(jst('2026-01-13T09:00:00'));
  });

  it('skips Golden Week 2026 with its 振替休日', () => {
    // Sat 05-02 after 17:00 → Sun 3, 憲法記念日 … 振替休日 Wed 6 → Thu 05-07 09:00.
    expect(nextOpening(sut, jst('2026-05-02T17:00:00'))).toBe(jst('2026-05-07T09:00:00'));
  });

  it('skips the 2026 Silver Week with 国民の休日', () => {
    // Sat 09-19 evening → Sun 20, 敬老の日 21, 休日 22, 秋分の日 23 → Thu 09-24 09:00.
    expect(nextOpening(sut, jst('2026-09-19T18:00:00'))).toBe(jst('2026-09-24T09:00:00'));
  });

  it('skips 年末年始 to Monday 2027-01-04', () => {
    expect(nextOpening(sut, jst('2026-12-28T18:00:00'))).toBe(jst('2027-01-04T09:00:00'));
  });

  it('is null when the hours never open', () => {
    expect(nextOpening({ timeZone: 'Asia/Tokyo', weekly: {}, nationalHolidays: 'closed' }, jst('2026-01-13T12:00:00'))).toBeNull();
  });

  it('works in a zone with daylight saving time', () => {
    const ny: BusinessHours = { timeZone: 'America/New_York', weekly: { mon: WEEKDAY_9_18 }, nationalHolidays: 'weekly' };
    // 2026-03-08 is the US spring-forward Sunday: Monday 09:00 EDT is 13:00 UTC (EST would be 14:00).
    expect(nextOpening(ny, utc('2026-03-07T12:00:00'))).toBe(utc('2026-03-09T13:00:00'));
  });

  it('returns an open instant, never earlier than asked, and nothing opens in between (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: utc('2026-01-01T00:00:00'), max: utc('2027-12-31T00:00:00') }), (t) => {
        const next = nextOpening(sut, t);
        expect(next).not.toBeNull();
        if (next === null) return;
        expect(next).toBeGreaterThanOrEqual(t);
        expect(isOpen(sut, next)).toBe(true);
        // Sample the gap: every whole minute boundary in between is closed.
        const firstMinute = Math.ceil(t / 60_000) * 60_000;
        for (let m = firstMinute; m < next; m += 15 * 60_000) expect(isOpen(sut, m)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });
});

describe('local time helpers', () => {
  it('converts JST wall clock to UTC and back', () => {
    expect(fromLocalTime('2026-01-13', 9 * 60, 'Asia/Tokyo')).toBe(utc('2026-01-13T00:00:00'));
    expect(toLocalTime(utc('2026-01-12T15:00:00'), 'Asia/Tokyo')).toMatchObject({ date: '2026-01-13', minuteOfDay: 0, weekday: 'tue' });
  });
});

describe('validateBusinessHours', () => {
  it('accepts a sound configuration', () => {
    expect(validateBusinessHours(sut)).toEqual([]);
  });

  it('lists every problem', () => {
    expect(
      validateBusinessHours({
        timeZone: 'Asia/Nowhere',
        weekly: { mon: [{ open: '18:00', close: '09:00' }], tue: [{ open: '9:00', close: '25:00' }] },
        nationalHolidays: 'closed',
        closures: [{ from: '2026-02-30', to: '2026-03-01' }, { from: '2026-05-02', to: '2026-05-01' }],
        annualClosures: [{ from: '13-01', to: '01-03' }],
        specialDays: [{ date: '2026/01/01', intervals: [] }],
      }),
    ).toEqual([
      'timeZone: unknown time zone "Asia/Nowhere"',
      'weekly.mon[0]: open must be before close',
      'weekly.tue[0]: times must be HH:MM (00:00–24:00)',
      'closures[0]: dates must be YYYY-MM-DD',
      'closures[1]: from must not be after to',
      'annualClosures[0]: dates must be MM-DD',
      'specialDays[0]: date must be YYYY-MM-DD',
    ]);
  });
});
