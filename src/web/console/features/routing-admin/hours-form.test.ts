import { describe, expect, it } from 'vitest';
import type { BusinessHoursRecord } from '../../api/routing-types.js';
import { copyMondayToWeekdays, emptyHoursForm, formToHoursInput, hoursToForm, normalizeTime, previewHoursText, validateHoursForm } from './hours-form.js';

const record: BusinessHoursRecord = {
  id: 'h1',
  name: 'さくら 受付時間',
  spec: {
    timeZone: 'Asia/Tokyo',
    weekly: { mon: [{ open: '09:00', close: '12:00' }, { open: '13:00', close: '18:00' }], sat: [{ open: '10:00', close: '17:00' }] },
    nationalHolidays: [{ open: '10:00', close: '16:00' }],
    closures: [{ from: '2026-08-13', to: '2026-08-16', name: '夏季休業' }],
    annualClosures: [{ from: '12-29', to: '01-03', name: '年末年始' }],
    specialDays: [{ date: '2026-12-27', intervals: [], name: '棚卸' }],
  },
};

describe('hours form', () => {
  it('round-trips a calendar', () => {
    const { id: _id, ...input } = record;
    expect(formToHoursInput(hoursToForm(record))).toEqual(input);
  });

  it('starts with weekdays 9–18, closed weekends and holidays, and 年末年始', () => {
    const input = formToHoursInput({ ...emptyHoursForm(), name: '標準' });
    expect(Object.keys(input.spec.weekly)).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    expect(input.spec.nationalHolidays).toBe('closed');
    expect(input.spec.annualClosures).toEqual([{ from: '12-29', to: '01-03', name: '年末年始' }]);
    expect(validateHoursForm({ ...emptyHoursForm(), name: '標準' })).toEqual({});
  });

  it('normalizes typed times', () => {
    expect(normalizeTime('9:00')).toBe('09:00');
    expect(normalizeTime('900')).toBe('09:00');
    expect(normalizeTime('０９：３０')).toBe('09:30');
    expect(normalizeTime(' 24:00 ')).toBe('24:00');
    expect(normalizeTime('nine')).toBe('nine');
  });

  it('reports bad times, dates and order by server paths', () => {
    const values = emptyHoursForm();
    values.name = 'x';
    values.weekly.mon = [{ open: '18:00', close: '09:00' }];
    values.weekly.tue = [{ open: '25:00', close: '26:00' }];
    values.closures = [{ from: '2026-08-16', to: '2026-08-13', name: '' }];
    values.annualClosures = [{ from: '13-01', to: '01-03', name: '' }];
    values.specialDays = [{ date: '', name: '', intervals: [] }];
    expect(validateHoursForm(values)).toEqual({
      'spec.weekly.mon.0.close': { key: 'openBeforeClose' },
      'spec.weekly.tue.0.open': { key: 'time' },
      'spec.weekly.tue.0.close': { key: 'time' },
      'spec.closures.0.to': { key: 'fromBeforeTo' },
      'spec.annualClosures.0.from': { key: 'monthDay' },
      'spec.specialDays.0.date': { key: 'date' },
    });
  });

  it('copies Monday to the other weekdays', () => {
    const values = copyMondayToWeekdays(hoursToForm(record));
    expect(values.weekly.fri).toEqual(values.weekly.mon);
    expect(values.weekly.sat).toEqual([{ open: '10:00', close: '17:00' }]);
  });

  it('writes preview hours from minute pairs or HH:MM intervals', () => {
    expect(previewHoursText({ intervals: [[540, 720], [780, 1080]] })).toBe('09:00–12:00, 13:00–18:00');
    expect(previewHoursText({ intervals: [{ open: '10:00', close: '24:00' }] })).toBe('10:00–24:00');
    expect(previewHoursText({ intervals: [] })).toBeNull();
  });
});
