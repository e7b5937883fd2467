import { Group, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { normalizeTime, type DateRangeRow, type IntervalRow, type SpecialDayRow } from './hours-form.js';
import { RowList } from './row-list.js';

type FieldError = (path: string) => string | undefined;

export interface IntervalsFieldProps {
  label: string;
  rows: IntervalRow[];
  onChange: (rows: IntervalRow[]) => void;
  /** Server path of the list (`spec.weekly.mon`). */
  path: string;
  fieldError: FieldError;
  emptyText: string;
}

/** A time of day typed as text (`9:00` becomes `09:00` on leaving it). */
function TimeField({ label, placeholder, value, onChange, error }: { label: string; placeholder: string; value: string; onChange: (value: string) => void; error: string | undefined }) {
  return (
    <TextInput
      aria-label={label}
      placeholder={placeholder}
      inputMode="numeric"
      w={90}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      onBlur={() => onChange(normalizeTime(value))}
      error={error}
    />
  );
}

/** Opening intervals of one day, `[open, close)` in local time; `24:00` allowed, never across midnight. */
export function IntervalsField({ label, rows, onChange, path, fieldError, emptyText }: IntervalsFieldProps) {
  const { t } = useTranslation();
  return (
    <RowList<IntervalRow>
      label={label}
      rows={rows}
      onChange={onChange}
      newRow={() => ({ open: '09:00', close: '18:00' })}
      addLabel={t('routingAdmin.hours.addInterval')}
      emptyText={emptyText}
      error={fieldError(path)}
      renderRow={(row, i, set) => (
        <Group gap={6} align="flex-start" wrap="nowrap">
          <TimeField label={t('routingAdmin.hours.open')} placeholder="09:00" value={row.open} onChange={(open) => set({ open })} error={fieldError(`${path}.${i}.open`)} />
          <Text mt={6} aria-hidden>
            –
          </Text>
          <TimeField label={t('routingAdmin.hours.close')} placeholder="18:00" value={row.close} onChange={(close) => set({ close })} error={fieldError(`${path}.${i}.close`)} />
        </Group>
      )}
    />
  );
}

export interface DateRangesFieldProps {
  label: string;
  description?: string;
  rows: DateRangeRow[];
  onChange: (rows: DateRangeRow[]) => void;
  path: string;
  fieldError: FieldError;
  /** `date`: YYYY-MM-DD pickers (one-off closures); `monthDay`: MM-DD each year (年末年始). */
  kind: 'date' | 'monthDay';
}

/** 休業期間 (one-off) or 毎年の休業 (MM-DD, may wrap the year end). */
export function DateRangesField({ label, description, rows, onChange, path, fieldError, kind }: DateRangesFieldProps) {
  const { t } = useTranslation();
  const dateProps = kind === 'date' ? { type: 'date' as const, w: 160 } : { placeholder: 'MM-DD', w: 100, inputMode: 'numeric' as const };
  return (
    <RowList<DateRangeRow>
      label={label}
      description={description}
      rows={rows}
      onChange={onChange}
      newRow={() => ({ from: '', to: '', name: '' })}
      addLabel={t('routingAdmin.hours.addRange')}
      emptyText={t('routingAdmin.hours.noRanges')}
      error={fieldError(path)}
      renderRow={(row, i, set) => (
        <>
          <TextInput aria-label={t('routingAdmin.hours.from')} {...dateProps} value={row.from} onChange={(e) => set({ from: e.currentTarget.value })} error={fieldError(`${path}.${i}.from`)} />
          <Text mt={6} aria-hidden>
            〜
          </Text>
          <TextInput aria-label={t('routingAdmin.hours.to')} {...dateProps} value={row.to} onChange={(e) => set({ to: e.currentTarget.value })} error={fieldError(`${path}.${i}.to`)} />
          <TextInput aria-label={t('routingAdmin.hours.rangeName')} placeholder={t('routingAdmin.hours.rangeName')} w={180} value={row.name} onChange={(e) => set({ name: e.currentTarget.value })} error={fieldError(`${path}.${i}.name`)} />
        </>
      )}
    />
  );
}

/** 特別営業日: a date with its own hours (or closed), overriding every other rule. */
export function SpecialDaysField({ rows, onChange, fieldError }: { rows: SpecialDayRow[]; onChange: (rows: SpecialDayRow[]) => void; fieldError: FieldError }) {
  const { t } = useTranslation();
  return (
    <RowList<SpecialDayRow>
      label={t('routingAdmin.hours.specialDays')}
      description={t('routingAdmin.hours.specialDaysHint')}
      rows={rows}
      onChange={onChange}
      newRow={() => ({ date: '', name: '', intervals: [{ open: '10:00', close: '17:00' }] })}
      addLabel={t('routingAdmin.hours.addSpecialDay')}
      emptyText={t('routingAdmin.hours.noSpecialDays')}
      error={fieldError('spec.specialDays')}
      renderRow={(row, i, set) => (
        <>
          <TextInput aria-label={t('routingAdmin.hours.date')} type="date" w={160} value={row.date} onChange={(e) => set({ date: e.currentTarget.value })} error={fieldError(`spec.specialDays.${i}.date`)} />
          <TextInput aria-label={t('routingAdmin.hours.rangeName')} placeholder={t('routingAdmin.hours.rangeName')} w={160} value={row.name} onChange={(e) => set({ name: e.currentTarget.value })} />
          <IntervalsField
            label={t('routingAdmin.hours.hoursOfDay')}
            rows={row.intervals}
            onChange={(intervals) => set({ intervals })}
            path={`spec.specialDays.${i}.intervals`}
            fieldError={fieldError}
            emptyText={t('routingAdmin.hours.closedAllDay')}
          />
        </>
      )}
    />
  );
}
